from collections.abc import Iterator

import pytest

from state.account import AccountState
from storefront.bootstrap import Shop, set_shop
from storefront.services.accounts.service import Accounts
from tests.unit.services.test_accounts import Mails, MemoryAccounts, PlainHasher
from tests.unit.state.test_listing_state import at


@pytest.fixture(autouse=True)
def accounts_shop(fake_shop: Shop) -> Iterator[Shop]:
    fake_shop.accounts = Accounts(MemoryAccounts(), PlainHasher(), Mails())
    set_shop(fake_shop)
    yield fake_shop
    set_shop(None)


async def test_a_refused_sign_up_shows_the_reason_in_both_languages() -> None:
    state = at(AccountState, "/account/sign-in")
    result = await state.sign_up({"email": "nope", "password": "long enough pw", "name": ""})  # type: ignore[attr-defined]
    assert result is None
    assert state.error["en"] == "Please enter a valid email address."
    assert state.error["fr"].startswith("Veuillez")
    assert state.account_id == 0
    assert state.session == ""


async def test_sign_up_sets_the_session_cookie_and_sign_out_clears_it() -> None:
    state = at(AccountState, "/account/sign-in")
    form = {"email": "ann@example.com", "password": "long enough pw", "name": "Ann"}
    redirect = await state.sign_up(form)  # type: ignore[attr-defined]
    assert "/account" in str(redirect)
    assert state.account_id == 1
    assert (state.email, state.name) == ("ann@example.com", "Ann")
    assert len(state.session) > 30
    await state.sign_out()  # type: ignore[attr-defined]
    assert (state.account_id, state.session, state.email) == (0, "", "")
