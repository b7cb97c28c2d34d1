"""A guest's tap on a product's heart: signing in (or up) from it keeps the product and comes
back to its page; the way back is a path of this shop only."""

from __future__ import annotations

import json
import re
import time
import uuid
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest
import reflex as rx
from reflex.istate.data import RouterData

from models.types import utc_now
from state.account import AccountState
from state.product import ProductState
from state.wish_on_return import WishOnReturn
from state.wishlist import WishlistState
from storefront.adapters.throttle import InProcessThrottle
from storefront.bootstrap import Shop, get_shop, set_shop
from storefront.i18n import translations
from storefront.services.accounts.service import SESSION_COOKIE, Accounts
from storefront.services.accounts.wishlist import Wishlist
from tests.unit.services.test_accounts import Mails, MemoryAccounts, PlainHasher
from tests.unit.state.test_listing_state import at

PRODUCT_PAGE = "/product/chair-number-1?sku=SKU-1-0"
ANN = {"email": "ann@example.com", "password": "long enough pw", "name": "Ann"}


class MemoryWishlist:
    def __init__(self) -> None:
        self.kept: dict[int, list[int]] = {}

    def product_ids(self, account_id: int) -> list[int]:
        return list(self.kept.get(account_id, []))

    def add(self, account_id: int, product_id: int, limit: int, now: datetime) -> bool:
        kept = self.kept.setdefault(account_id, [])
        if product_id not in kept:
            kept.insert(0, product_id)
        return True

    def remove(self, account_id: int, product_id: int) -> None:
        self.kept[account_id] = [p for p in self.kept.get(account_id, []) if p != product_id]


@pytest.fixture(autouse=True)
def wishlist_shop(seeded: Shop) -> Iterator[Shop]:
    seeded.accounts = Accounts(
        MemoryAccounts(), PlainHasher(), Mails(), throttle=InProcessThrottle()
    )
    seeded.wishlist = Wishlist(MemoryWishlist(), seeded.catalog)
    set_shop(seeded)
    yield seeded
    set_shop(None)


def visit(state: rx.State, address: str, session: str = "") -> None:
    """The tab opens `address` (a new connection, bringing the session cookie, if any)."""
    path, _, query = address.partition("?")
    params = dict(pair.split("=", 1) for pair in query.split("&")) if query else {}
    headers = {"cookie": f"{SESSION_COOKIE}={session}"} if session else {}
    state.parent_state.router = RouterData.from_router_data(  # type: ignore[union-attr]
        {
            "pathname": path,
            "asPath": address,
            "query": params,
            "headers": headers,
            "sid": uuid.uuid4().hex,
        }
    )


def posted_next(answer: Any) -> str:
    """Where the page's post to /api/session sends the browser once signed in."""
    script = {str(name): value for name, value in answer.args}["javascript_code"]._var_value
    found = re.search(r"Object\.entries\((\{.*?\})\)", script)
    assert found is not None, script
    return str(json.loads(found.group(1))["next"])


async def tapped_as_a_guest() -> tuple[Any, Any, Any]:
    product: Any = at(ProductState, "/product/chair-number-1", {"sku": "SKU-1-0"})
    await product.load()
    wishlist: Any = await product.get_state(WishlistState)
    account: Any = await product.get_state(AccountState)
    await wishlist.load_ids()
    answer = await wishlist.toggle(product.product_id)
    assert "/account/sign-in?next=%2Fproduct%2Fchair-number-1%3Fsku%3DSKU-1-0" in str(answer)
    return product, wishlist, account


@pytest.mark.parametrize("enter", ["sign_up", "sign_in"])
async def test_signing_in_from_a_guests_heart_keeps_the_product_and_returns_to_it(
    enter: str,
) -> None:
    product, wishlist, account = await tapped_as_a_guest()
    if enter == "sign_in":  # an account made earlier, elsewhere
        accounts = get_shop().accounts
        assert accounts is not None
        accounts.sign_up(ANN["email"], ANN["password"], ANN["name"], utc_now())
    visit(product, f"/account/sign-in?next={PRODUCT_PAGE}")
    await account.load_sign_in_page()
    await wishlist.say_why_sign_in()
    assert account.notice == translations("wishlist.sign_in_to_keep")
    script = await getattr(account, enter)(ANN)
    assert posted_next(script) == PRODUCT_PAGE
    visit(product, PRODUCT_PAGE, account._session)  # where /api/session sends the browser
    await product.load()
    await wishlist.load_ids()
    assert wishlist.product_ids == [product.product_id]
    assert wishlist.message == translations("wishlist.added")
    await wishlist.load_ids()  # kept once: the tap is not kept again
    assert wishlist.message == {}


async def test_a_tap_left_for_another_product_page_or_for_too_long_keeps_nothing() -> None:
    product, wishlist, account = await tapped_as_a_guest()
    visit(product, "/product/chair-number-2")  # the shopper went on browsing instead
    await product.load()
    await wishlist.load_ids()
    await account.sign_up(ANN)
    visit(product, PRODUCT_PAGE, account._session)
    await product.load()
    await wishlist.load_ids()
    assert wishlist.product_ids == []

    await account.sign_out()
    visit(product, PRODUCT_PAGE)
    await wishlist.toggle(product.product_id)
    waiting = await product.get_state(WishOnReturn)
    waiting._until = time.time() - 1  # the tap was made long ago
    await account.sign_in(ANN)
    visit(product, PRODUCT_PAGE, account._session)
    await wishlist.load_ids()
    assert wishlist.product_ids == []


async def test_a_tap_left_waiting_is_not_kept_by_whoever_signs_in_otherwise() -> None:
    """A shared computer: a guest taps a heart and walks away; the next person signs in
    from the header (no way back to the product) and opens that product: it is not theirs."""
    product, wishlist, account = await tapped_as_a_guest()
    visit(product, "/account/sign-in")
    await account.load_sign_in_page()
    await account.sign_up(ANN)
    visit(product, PRODUCT_PAGE, account._session)
    await product.load()
    await wishlist.load_ids()
    assert wishlist.product_ids == []


@pytest.mark.parametrize(
    "back", ["https://evil.example/x", "//evil.example", "/\\evil.example", "/\t/evil.example"]
)
async def test_the_sign_in_pages_way_back_is_a_path_of_this_shop_only(back: str) -> None:
    account: Any = at(AccountState, "/account/sign-in", {"next": back})
    assert posted_next(await account.sign_up(ANN)) == "/account"


async def test_a_sign_in_opened_without_a_way_back_opens_the_account() -> None:
    account: Any = at(AccountState, "/account/sign-in")
    await (await account.get_state(WishlistState)).say_why_sign_in()
    assert account.notice == {}  # no heart tapped: nothing to explain
    assert posted_next(await account.sign_up(ANN)) == "/account"


async def test_a_tap_to_drop_a_kept_product_in_a_tab_signed_out_elsewhere_keeps_nothing() -> None:
    """The heart read "On your wishlist" (the tab signed out elsewhere since): the tap, to
    drop it, led to "...the product you chose is saved to your wishlist" (QA)."""
    product: Any = at(ProductState, "/product/chair-number-1", {"sku": "SKU-1-0"})
    await product.load()
    wishlist: Any = await product.get_state(WishlistState)
    wishlist.product_ids = [product.product_id]  # as the page showed it, signed in then
    answer = await wishlist.toggle(product.product_id)
    assert "/account/sign-in?next=" in str(answer)
    assert wishlist.product_ids == []
    waiting = await product.get_state(WishOnReturn)
    assert waiting._product_id == 0
