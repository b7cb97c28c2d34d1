"""The account page's "Add the orders I placed as a guest" and the page its mailed link opens
(state/guest_orders.py), on the fake shop with in-memory accounts and orders."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from types import SimpleNamespace
from typing import Any
from urllib.parse import unquote

import pytest

from models.types import utc_now
from state.account import AccountState
from state.guest_orders import GuestOrdersState
from storefront.adapters.throttle import InProcessThrottle
from storefront.bootstrap import Shop, set_shop
from storefront.i18n import translations
from storefront.services.accounts.guest_orders import GUEST_ORDERS_PATH, LINK_MINUTES, GuestOrders
from storefront.services.accounts.service import Accounts
from tests.guest_order_fakes import MemoryGuestOrders, StoredOrder
from tests.unit.services.test_accounts import Mails, MemoryAccounts, PlainHasher
from tests.unit.state.test_listing_state import at
from tests.unit.state.test_wishlist_state import ANN, visit


@pytest.fixture
def mails() -> Mails:
    return Mails()


@pytest.fixture
def store() -> MemoryGuestOrders:
    return MemoryGuestOrders(MemoryAccounts())


@pytest.fixture(autouse=True)
def guest_shop(seeded: Shop, mails: Mails, store: MemoryGuestOrders) -> Iterator[Shop]:
    seeded.accounts = Accounts(store.accounts, PlainHasher(), Mails(), throttle=InProcessThrottle())
    service = GuestOrders(store.accounts, store, mails, InProcessThrottle(), "https://shop.example")
    seeded.commerce = SimpleNamespace(guest_orders=service)  # type: ignore[assignment]
    set_shop(seeded)
    yield seeded
    set_shop(None)


def token_of(body: str) -> str:
    return body.split(f"{GUEST_ORDERS_PATH}?token=")[1].split(maxsplit=1)[0]


async def test_asking_says_where_the_link_went_and_the_link_adds_only_when_signed_in(
    mails: Mails, store: MemoryGuestOrders
) -> None:
    paid = utc_now() - timedelta(days=3)
    store.orders = [
        StoredOrder("PAID1", ANN["email"], paid_at=paid),
        StoredOrder("PAID2", ANN["email"].upper(), paid_at=paid),
        StoredOrder("UNPAID", ANN["email"]),
    ]
    account: Any = at(AccountState, "/account/sign-in")
    await account.sign_up(ANN)
    visit(account, "/account", account._session)
    await account.load()
    offer: Any = await account.get_state(GuestOrdersState)
    await offer.request_link()
    assert offer.sent == translations("guest_orders.sent", email=ANN["email"], minutes=LINK_MINUTES)
    await offer.request_link()  # again at once: over the account's limit, nothing mailed
    assert (offer.sent, offer.error) == ({}, translations("guest_orders.error.too_many"))
    [(to, _, body)] = mails
    assert to == ANN["email"]
    token = token_of(body)

    # Opened signed out (another browser): nothing added, the way to sign in and come back.
    other: Any = at(GuestOrdersState, GUEST_ORDERS_PATH, {"token": token})
    await other.load_link_page()
    assert other.link_email == ""
    assert other.link_error == translations("guest_orders.error.sign_in")
    assert unquote(other.sign_in_href) == f"/account/sign-in?next={GUEST_ORDERS_PATH}?token={token}"
    await other.join()  # a crafted event: refused all the same
    assert other.link_error == translations("guest_orders.error.sign_in")
    assert [o.account_id for o in store.orders] == [None, None, None]

    # Opened in the signed-in browser: the address, and the button adds the paid ones.
    visit(account, f"{GUEST_ORDERS_PATH}?token={token}", account._session)
    page: Any = await account.get_state(GuestOrdersState)
    await page.load_link_page()
    assert (page.link_email, page.link_error, page.sign_in_href) == (ANN["email"], {}, "")
    await page.join()
    assert page.link_done == {
        "en": f"2 orders placed as a guest with {ANN['email']} were added to your account.",
        "fr": f"2\u00a0commandes passées sans compte avec {ANN['email']} ont été ajoutées à "
        "votre compte.",
    }
    assert [o.account_id for o in store.orders] == [account.account_id] * 2 + [None]
    await page.join()  # pressed again (another tab): used
    assert page.link_error == translations("guest_orders.error.used")


async def test_none_to_add_and_one_added_are_said_in_words(
    mails: Mails, store: MemoryGuestOrders
) -> None:
    account: Any = at(AccountState, "/account/sign-in")
    await account.sign_up(ANN)
    visit(account, "/account", account._session)
    offer: Any = await account.get_state(GuestOrdersState)
    await offer.request_link()
    visit(account, f"{GUEST_ORDERS_PATH}?token={token_of(mails[-1][2])}", account._session)
    page: Any = await account.get_state(GuestOrdersState)
    await page.load_link_page()
    await page.join()
    assert page.link_done["en"] == (
        f"No paid order placed as a guest with {ANN['email']} was found: nothing was added "
        "to your account. An order placed with another email address is reached by the link "
        "in its confirmation email."
    )
    # A new link, asked once the account's limit has let go (another throttle here).
    store.orders = [StoredOrder("ONE", ANN["email"], paid_at=utc_now())]
    later = GuestOrders(store.accounts, store, mails, InProcessThrottle(), "https://shop.example")
    later.request_link(account.account_id, utc_now(), lang="fr")
    visit(account, f"{GUEST_ORDERS_PATH}?token={token_of(mails[-1][2])}", account._session)
    await page.load_link_page()
    await page.join()
    assert page.link_done["fr"] == (
        f"1\u00a0commande passée sans compte avec {ANN['email']} a été ajoutée à votre compte."
    )
