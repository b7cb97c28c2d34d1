"""Undoing a cart line's removal on SQLite and PostgreSQL: the line goes back through the
SQL store's add, in its place among the lines, at the price its shopper had seen."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import text

from state.cart import CartState
from storefront.bootstrap import Shop, set_shop
from storefront.services.accounts.credentials import token_hash
from storefront.services.cart.service import Carts, CartView, RemovedLine
from storefront.services.cart.undo import restore
from storefront.services.product_edits import set_variant_price
from tests.integration.catalog_fixtures import seed_small_catalog
from tests.integration.test_admin_authorization import state_at, visit
from tests.integration.test_carts import carts_of, product_id

GUEST = "guest-token-hash"


@pytest.fixture
def shop(database_url: str, make_shop: Callable[..., Shop]) -> Shop:
    shop = make_shop(database_url)
    seed_small_catalog(shop)
    return shop


@pytest.fixture
def carts(shop: Shop) -> Carts:
    carts = carts_of(shop)
    carts.add(GUEST, None, "SKU-1-0", 1)  # stock 5 each, price 6000 (+100 per variant)
    carts.add(GUEST, None, "SKU-1-1", 3)
    carts.add(GUEST, None, "SKU-2-0", 2)
    return carts


def lines(view: CartView) -> list[tuple[str, int, str]]:
    return [(line.sku, line.quantity, line.status) for line in view.lines]


def remove(carts: Carts, sku: str) -> RemovedLine:
    removed = carts.set_quantity_and_view(GUEST, None, sku, 0).removed
    assert removed is not None
    return removed


def set_stock(shop: Shop, sku: str, stock: int) -> None:
    assert shop.engine is not None
    with shop.engine.begin() as connection:
        connection.execute(
            text("update variant set stock = :stock where sku = :sku"), {"stock": stock, "sku": sku}
        )


def test_a_line_put_back_takes_its_place_quantity_and_price_seen_again(
    shop: Shop, carts: Carts
) -> None:
    before = carts.view(GUEST, None)
    removed = remove(carts, "SKU-1-1")
    assert lines(carts.view(GUEST, None)) == [("SKU-1-0", 1, "ok"), ("SKU-2-0", 2, "ok")]
    restored = restore(carts, GUEST, None, removed)
    assert restored.message == "cart.undo.back"
    again = carts.view(GUEST, None)
    assert lines(again) == lines(before) == lines(restored.view)
    assert (again.count, again.subtotal_minor) == (before.count, before.subtotal_minor)
    # Lines added afterwards still come after it; a price changed since is told on it.
    carts.add(GUEST, None, "SKU-3-0", 1)
    removed = remove(carts, "SKU-1-1")
    shop.run(set_variant_price, product_id(shop, "P1"), "SKU-1-1", 7_000)
    restore(carts, GUEST, None, removed)
    assert lines(carts.view(GUEST, None)) == [
        ("SKU-1-0", 1, "ok"),
        ("SKU-1-1", 3, "price_changed"),
        ("SKU-2-0", 2, "ok"),
        ("SKU-3-0", 1, "ok"),
    ]


def test_a_line_sold_out_or_short_since_its_removal_is_put_back_as_far_as_it_can_be(
    shop: Shop, carts: Carts
) -> None:
    removed = remove(carts, "SKU-1-1")
    set_stock(shop, "SKU-1-1", 0)
    restored = restore(carts, GUEST, None, removed)
    assert (restored.message, restored.held) == ("cart.undo.sold_out", 0)
    assert [sku for sku, _, _ in lines(carts.view(GUEST, None))] == ["SKU-1-0", "SKU-2-0"]
    set_stock(shop, "SKU-1-1", 2)
    restored = restore(carts, GUEST, None, removed)
    assert (restored.message, restored.held, restored.wanted) == ("cart.undo.fewer", 2, 3)
    assert lines(carts.view(GUEST, None)) == [
        ("SKU-1-0", 1, "ok"),
        ("SKU-1-1", 2, "ok"),
        ("SKU-2-0", 2, "ok"),
    ]


def test_a_line_added_again_meanwhile_keeps_its_new_place_and_sums_as_an_add(
    carts: Carts,
) -> None:
    removed = remove(carts, "SKU-1-0")
    carts.add(GUEST, None, "SKU-1-0", 1)  # from another tab
    restored = restore(carts, GUEST, None, removed)
    assert (restored.message, restored.held) == ("cart.undo.back", 2)
    assert lines(carts.view(GUEST, None)) == [
        ("SKU-1-1", 3, "ok"),
        ("SKU-2-0", 2, "ok"),
        ("SKU-1-0", 2, "ok"),
    ]


async def test_the_cart_page_offers_a_removed_line_back_and_puts_it_back(shop: Shop) -> None:
    set_shop(shop)
    try:
        page: Any = state_at(CartState, "", {})
        visit(page, "/cart", "")
        page.cart_token = "tab-cart"
        for sku, quantity in (("SKU-1-0", 1), ("SKU-1-1", 3), ("SKU-2-0", 2)):
            carts_of(shop).add(token_hash("tab-cart"), None, sku, quantity)
        await page.load()
        shown = [(line.sku, line.quantity) for line in page.lines]
        totals = (page.count, page.subtotal_minor)
        await page.remove("SKU-1-1")
        assert page.removed_note["en"].endswith(" removed.")
        assert [line.sku for line in page.lines] == ["SKU-1-0", "SKU-2-0"]
        await page.undo_removal()
        assert [(line.sku, line.quantity) for line in page.lines] == shown
        assert (page.count, page.subtotal_minor) == totals
        assert page.message["en"].endswith(" is back in your cart.")
        await page.remove("SKU-2-0")
        set_stock(shop, "SKU-2-0", 0)
        await page.undo_removal()
        assert [line.sku for line in page.lines] == ["SKU-1-0", "SKU-1-1"]
        assert page.message["en"].endswith(
            " sold out since you removed it: it could not be put back."
        )
    finally:
        set_shop(None)
