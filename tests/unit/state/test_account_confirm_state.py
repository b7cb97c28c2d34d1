"""The account page's note on an unconfirmed address, its "send the link again", and the
link's page (state/account_confirm.py), on the fake shop with in-memory accounts."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from state.account import AccountState
from state.account_confirm import EmailConfirmState
from storefront.adapters.throttle import InProcessThrottle
from storefront.bootstrap import Shop, set_shop
from storefront.i18n import translations
from storefront.services.accounts.email_confirmation import (
    CONFIRM_DAYS,
    RESENDS_PER_ACCOUNT,
    EmailConfirmations,
)
from storefront.services.accounts.service import Accounts
from tests.confirmation_fakes import MemoryConfirmations, bus_welcomes
from tests.unit.services.test_accounts import Mails, MemoryAccounts, PlainHasher
from tests.unit.state.test_listing_state import at
from tests.unit.state.test_wishlist_state import ANN, visit


@pytest.fixture
def mails() -> Mails:
    return Mails()


@pytest.fixture(autouse=True)
def confirm_shop(seeded: Shop, mails: Mails) -> Iterator[Shop]:
    store = MemoryAccounts()
    seeded.accounts = Accounts(store, PlainHasher(), Mails(), throttle=InProcessThrottle())
    confirmations = EmailConfirmations(
        store, MemoryConfirmations(store), mails, InProcessThrottle(), "https://shop.example"
    )
    seeded.accounts.publish = bus_welcomes(confirmations)  # as the bus delivers it
    seeded.email_confirmations = confirmations
    set_shop(seeded)
    yield seeded
    set_shop(None)


def token_of(body: str) -> str:
    return body.split("/account/confirm?token=")[1].split(maxsplit=1)[0]


async def test_the_note_shows_until_the_links_button_is_pressed_and_the_link_is_sent_again(
    mails: Mails,
) -> None:
    account: Any = at(AccountState, "/account/sign-in")
    await account.sign_up(ANN)
    visit(account, "/account", account._session)
    await account.load()
    assert account.email_confirmed is False  # the page's note shows
    note: Any = await account.get_state(EmailConfirmState)
    for _ in range(RESENDS_PER_ACCOUNT.attempts):
        await note.resend()
        assert note.sent == translations(
            "account.confirm.sent", email=ANN["email"], days=CONFIRM_DAYS
        )
    await note.resend()  # over the account's limit: said, nothing mailed
    assert (note.sent, note.error) == ({}, translations("account.confirm.error.too_many"))
    assert len(mails) == 1 + RESENDS_PER_ACCOUNT.attempts  # the welcome and the links

    page: Any = await account.get_state(EmailConfirmState)
    visit(account, f"/account/confirm?token={token_of(mails[-1][2])}", account._session)
    await page.load_link_page()  # opening it confirms nothing
    assert (page.link_email, page.link_error) == (ANN["email"], {})
    assert account.email_confirmed is False
    await page.confirm()
    assert page.link_done == translations("account.confirm.done", email=ANN["email"])
    assert account.email_confirmed is True  # this tab's account page: no note
    await page.confirm()  # pressed again (another tab): used
    assert page.link_error == translations("account.confirm.error.used")
    await note.resend()  # confirmed: nothing to send
    assert note.error == translations("account.confirm.error.already")
