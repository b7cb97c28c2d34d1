""" "Forgot your password?" carries the email typed in the sign-in form to the reset page's
form, in the tab's state and never in the address; signing in or out forgets it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from state.account import AccountState
from state.reset_email import TYPED_EMAIL, ResetEmailState
from storefront.adapters.throttle import InProcessThrottle
from storefront.bootstrap import Shop, set_shop
from storefront.services.accounts.service import Accounts
from tests.unit.services.test_accounts import Mails, MemoryAccounts, PlainHasher
from tests.unit.state.test_listing_state import at
from tests.unit.state.test_wishlist_state import ANN


@pytest.fixture(autouse=True)
def accounts_shop(seeded: Shop) -> Iterator[Shop]:
    seeded.accounts = Accounts(
        MemoryAccounts(), PlainHasher(), Mails(), throttle=InProcessThrottle()
    )
    set_shop(seeded)
    yield seeded
    set_shop(None)


def test_the_typed_email_goes_to_the_reset_page_in_the_state_not_the_address() -> None:
    typed: Any = at(ResetEmailState, "/account/sign-in")
    answer = typed.forgot(" ann@example.com\t")
    assert typed.email == "ann@example.com"
    assert "/account/reset" in str(answer)
    assert "example.com" not in str(answer)
    assert "#sign-in-form" in TYPED_EMAIL  # the sign-in form's field is the one read
    typed.forgot("")  # nothing typed: an empty form
    assert typed.email == ""
    typed.forgot("x" * 5_000 + "\x00")  # crafted
    assert typed.email == "x" * 1_000


async def test_signing_in_forgets_it() -> None:
    typed: Any = at(ResetEmailState, "/account/sign-in")
    typed.forgot(ANN["email"])
    account: Any = await typed.get_state(AccountState)
    await account.sign_up(ANN)
    assert typed.email == ""
