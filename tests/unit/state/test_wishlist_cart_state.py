"""The account's wishlist, bought from: Add to cart for a product in one variant, through the
cart's add path, saying beside the row how it went, the header's count following; "Choose
options" for one with several."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest

from models.types import utc_now
from state.account import AccountState
from state.cart import CartState
from state.wishlist import WishlistState
from state.wishlist_cart import WishlistCartState
from storefront.adapters.throttle import InProcessThrottle
from storefront.bootstrap import Shop, get_shop, set_shop
from storefront.i18n import translations
from storefront.services.accounts.service import Accounts
from storefront.services.accounts.wishlist import Wishlist
from storefront.services.cart.service import Carts
from tests.unit.services.test_accounts import Mails, MemoryAccounts, PlainHasher
from tests.unit.services.test_cart import MemoryCarts, sellable
from tests.unit.state.test_listing_state import at
from tests.unit.state.test_wishlist_state import ANN, MemoryWishlist, visit

# Seeded chairs: number 1 comes in Red and Navy Blue, 3 in Green only (stock 5), 30 in Green
# only, sold out.
ONE_COLOUR, SOLD_OUT, TWO_COLOURS = "chair-number-3", "chair-number-30", "chair-number-1"


@pytest.fixture
def store() -> MemoryCarts:
    return MemoryCarts({})


@pytest.fixture(autouse=True)
def wishlist_shop(seeded: Shop, store: MemoryCarts) -> Iterator[Shop]:
    seeded.accounts = Accounts(
        MemoryAccounts(), PlainHasher(), Mails(), throttle=InProcessThrottle()
    )
    seeded.wishlist = Wishlist(MemoryWishlist(), seeded.catalog)
    seeded.carts = Carts(store, "EUR")
    set_shop(seeded)
    yield seeded
    set_shop(None)


def product_id(slug: str, store: MemoryCarts, stock: int) -> int:
    """The seeded product's id; its first variant as the cart store sells it."""
    page = get_shop().catalog.product(slug)
    assert page is not None
    sku = page.product.variants[0].sku
    store.items[sku] = replace(sellable(sku, stock=stock), product_id=page.product.id)
    return page.product.id


async def account_page(*kept: int) -> tuple[Any, Any, Any]:
    """Ann's account page, her wishlist keeping `kept` (the last kept shown first)."""
    account: Any = at(AccountState, "/account/sign-in")
    await account.sign_up(ANN)
    wishlist_service = get_shop().wishlist
    assert wishlist_service is not None
    for pid in kept:
        wishlist_service.add(account.account_id, pid, utc_now())
    visit(account, "/account", account._session)
    wishlist: Any = await account.get_state(WishlistState)
    await wishlist.load()
    return account, wishlist, await account.get_state(WishlistCartState)


async def added(buying: Any, pid: int) -> None:
    async for _ in buying.add(pid):
        pass


async def test_a_kept_product_in_one_variant_goes_into_the_cart_and_says_so(
    store: MemoryCarts,
) -> None:
    one = product_id(ONE_COLOUR, store, 5)
    sold_out = product_id(SOLD_OUT, store, 0)
    choose = product_id(TWO_COLOURS, store, 5)
    account, _, buying = await account_page(one, sold_out, choose)
    assert buying.skus == {str(one): "SKU-3-0", str(sold_out): "SKU-30-0", str(choose): ""}
    cart: Any = await account.get_state(CartState)

    await added(buying, one)
    assert (buying.outcomes, buying.notes) == (
        {str(one): "added"},
        {str(one): translations("wishlist.cart.added")},
    )
    assert cart.count == 1  # the header's count
    assert [(line.sku, line.quantity) for line in cart.lines] == [("SKU-3-0", 1)]

    await added(buying, sold_out)
    assert buying.outcomes[str(sold_out)] == "sold_out"
    assert buying.notes[str(sold_out)] == translations("wishlist.cart.sold_out")
    assert buying.notes[str(one)] == translations("wishlist.cart.added")  # each row its own

    await added(buying, choose)  # crafted: its row has no Add to cart, only its page
    assert str(choose) not in buying.outcomes
    assert cart.count == 1
    assert sum(len(lines) for lines in store.carts.values()) == 1


async def test_a_full_line_and_a_product_archived_since_add_nothing(store: MemoryCarts) -> None:
    one = product_id(ONE_COLOUR, store, 1)
    account, _, buying = await account_page(one)
    await added(buying, one)
    await added(buying, one)  # the one left is in the cart already
    assert buying.notes[str(one)] == translations("wishlist.cart.at_limit")
    store.items["SKU-3-0"] = replace(store.items["SKU-3-0"], active=False)
    await added(buying, one)
    assert buying.notes[str(one)] == translations("wishlist.cart.unavailable")
    assert str(one) not in buying.skus  # its Add to cart goes
    cart: Any = await account.get_state(CartState)
    assert [(line.sku, line.quantity) for line in cart.lines] == [("SKU-3-0", 1)]


async def test_opening_the_page_again_forgets_the_notes_a_removal_keeps_the_others(
    store: MemoryCarts,
) -> None:
    one = product_id(ONE_COLOUR, store, 5)
    sold_out = product_id(SOLD_OUT, store, 0)
    _, wishlist, buying = await account_page(one, sold_out)
    await added(buying, one)
    await added(buying, sold_out)
    await wishlist.remove(sold_out)
    assert buying.notes == {str(one): translations("wishlist.cart.added")}
    assert buying.skus == {str(one): "SKU-3-0"}
    await wishlist.load()
    assert (buying.notes, buying.outcomes) == ({}, {})
