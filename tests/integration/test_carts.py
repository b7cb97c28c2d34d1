"""Carts on SQLite and PostgreSQL: lines by SKU, stock caps, price and stock changes reported
on view, archived products, and a guest cart joining the account's cart at sign-in."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import text

from models.catalog import ProductStatus
from state.cart import CartState
from storefront.adapters.sql_carts import SqlCartStore, take_out_of
from storefront.bootstrap import Shop, set_shop
from storefront.i18n import translations
from storefront.services.accounts.credentials import token_hash
from storefront.services.cart.service import CartError, Carts
from storefront.services.product_edits import edit_product, set_variant_price
from tests.integration.catalog_fixtures import seed_small_catalog
from tests.integration.test_admin_authorization import state_at, visit

GUEST = "guest-token-hash"


@pytest.fixture
def shop(database_url: str, make_shop: Callable[..., Shop]) -> Shop:
    shop = make_shop(database_url)
    seed_small_catalog(shop)
    return shop


def carts_of(shop: Shop) -> Carts:
    assert shop.carts is not None
    return shop.carts


def product_id(shop: Shop, external_id: str) -> int:
    with shop.uow() as uow:
        return uow.catalog.product_keys()[external_id][0]


def test_adding_caps_at_stock_and_the_view_totals_the_lines(shop: Shop) -> None:
    carts = carts_of(shop)
    carts.add(GUEST, None, "SKU-1-0", 2)  # stock 5 each, price 6000 (+100 per variant)
    carts.add(GUEST, None, "SKU-1-1", 1)
    with pytest.raises(CartError, match="limited"):
        carts.add(GUEST, None, "SKU-1-0", 4)
    view = carts.view(GUEST, None)
    assert [(line.sku, line.quantity, line.status) for line in view.lines] == [
        ("SKU-1-0", 5, "ok"),
        ("SKU-1-1", 1, "ok"),
    ]
    assert view.count == 6
    assert view.subtotal_minor == 5 * 6_000 + 6_100
    with pytest.raises(CartError, match="out_of_stock"):
        carts.add(GUEST, None, "SKU-10-0", 1)  # product 10 has no stock
    with pytest.raises(CartError, match="unavailable"):
        carts.add(GUEST, None, "NO-SUCH-SKU", 1)
    with pytest.raises(CartError, match="quantity"):
        carts.add(GUEST, None, "SKU-2-0", 0)
    assert carts.view(GUEST, None).count == 6  # refusals changed nothing


def test_price_changes_and_archived_products_show_on_the_next_view(shop: Shop) -> None:
    carts = carts_of(shop)
    carts.add(GUEST, None, "SKU-1-0", 1)
    carts.add(GUEST, None, "SKU-2-0", 1)
    shop.run(set_variant_price, product_id(shop, "P1"), "SKU-1-0", 5_500)
    shop.run(
        edit_product,
        product_id(shop, "P2"),
        lambda r: replace(r, status=ProductStatus.ARCHIVED),
    )
    view = carts.view(GUEST, None)
    assert [(line.sku, line.status) for line in view.lines] == [
        ("SKU-1-0", "price_changed"),
        ("SKU-2-0", "unavailable"),
    ]
    assert view.subtotal_minor == 5_500
    carts.set_quantity(GUEST, None, "SKU-2-0", 0)
    assert [line.sku for line in carts.view(GUEST, None).lines] == ["SKU-1-0"]


def test_a_line_whose_variant_was_removed_keeps_its_products_name_and_its_options(
    shop: Shop,
) -> None:
    """QA: the merchant removed the variant of a line (product still on sale); the line read
    "An item no longer in our catalog · SKU". It is named by its product as it stands (a
    rename shows) and its options as added, is no longer sold, and goes on Remove; merged
    into an account's cart at sign-in it keeps that name."""
    assert shop.accounts is not None
    carts = carts_of(shop)
    carts.add(GUEST, None, "SKU-1-0", 2)
    carts.add(GUEST, None, "SKU-2-0", 1)
    added = {line.sku: line.item for line in carts.view(GUEST, None).lines}
    shirt = added["SKU-1-0"]
    assert shirt is not None
    assert shirt.options != ""
    shop.run(
        edit_product,
        product_id(shop, "P1"),
        lambda r: replace(
            r,
            title="Qazwire linen shirt",
            variants=[v for v in r.variants if v.sku != "SKU-1-0"],
        ),
    )
    account = shop.accounts.sign_up("gus@example.com", "long enough pw", "", datetime.now(UTC))
    for owner in ((GUEST, None), (None, account.account_id)):
        if owner[1]:
            carts.attach(GUEST, account.account_id)
        view = carts.view(*owner)
        gone = view.lines[0]
        assert (gone.sku, gone.quantity, gone.status, gone.item) == (
            "SKU-1-0",
            2,
            "unavailable",
            None,
        )
        assert gone.former is not None
        assert (gone.former.title, gone.former.options) == ("Qazwire linen shirt", shirt.options)
        assert gone.former.product_slug == shirt.product_slug
        assert (gone.buyable, view.count, view.subtotal_minor) == (False, 1, 7_000)
    removed = carts.set_quantity_and_view(None, account.account_id, "SKU-1-0", 0).removed
    assert removed is not None
    assert removed.title == "Qazwire linen shirt"
    assert [line.sku for line in carts.view(None, account.account_id).lines] == ["SKU-2-0"]


def test_a_guest_cart_merges_into_the_accounts_cart_at_sign_in(shop: Shop) -> None:
    assert shop.accounts is not None

    account = shop.accounts.sign_up("ann@example.com", "long enough pw", "", datetime.now(UTC))
    carts = carts_of(shop)
    carts.add(None, account.account_id, "SKU-1-0", 1)
    carts.add(GUEST, None, "SKU-1-0", 2)
    carts.add(GUEST, None, "SKU-3-0", 1)
    carts.attach(GUEST, account.account_id)
    merged = carts.view(None, account.account_id)
    assert {(line.sku, line.quantity) for line in merged.lines} == {("SKU-1-0", 3), ("SKU-3-0", 1)}
    assert carts.view(GUEST, None).lines == ()


def test_the_code_applied_stays_with_the_cart_its_owner_and_until_it_is_paid(
    shop: Shop,
) -> None:
    """A code applied at checkout was the tab's alone: a new tab, another day or the
    account's other browser had lost it."""
    assert shop.accounts is not None
    assert shop.engine is not None
    carts = carts_of(shop)
    carts.add(GUEST, None, "SKU-1-0", 1)
    carts.keep_code(carts.view(GUEST, None), "WELCOME10")
    assert carts.view(GUEST, None).discount_code == "WELCOME10"
    # Signed in: the guest's code goes with its lines, unless the account's cart has one.
    ann = shop.accounts.sign_up("ann@example.com", "long enough pw", "", datetime.now(UTC))
    carts.attach(GUEST, ann.account_id)
    assert carts.view(None, ann.account_id).discount_code == "WELCOME10"
    bob = shop.accounts.sign_up("bob@example.com", "long enough pw", "", datetime.now(UTC))
    carts.add(None, bob.account_id, "SKU-1-0", 1)
    carts.keep_code(carts.view(None, bob.account_id), "BOB5")
    carts.add("bobs-guest", None, "SKU-3-0", 1)
    carts.keep_code(carts.view("bobs-guest", None), "WELCOME10")
    carts.attach("bobs-guest", bob.account_id)
    assert carts.view(None, bob.account_id).discount_code == "BOB5"
    # An order paid from the cart takes its lines and its code.
    cart = carts.view(None, ann.account_id)
    assert cart.cart_id is not None
    with shop.engine.begin() as connection:
        take_out_of(connection, cart.cart_id, [("SKU-1-0", 1)], "OLDER")  # paid without it
    assert carts.view(None, ann.account_id).discount_code == "WELCOME10"
    with shop.engine.begin() as connection:
        take_out_of(connection, cart.cart_id, [], "WELCOME10")
    assert carts.view(None, ann.account_id).discount_code == ""
    carts.keep_code(carts.view(None, bob.account_id), "")  # removed at checkout
    assert carts.view(None, bob.account_id).discount_code == ""


def test_a_merge_beyond_the_stock_is_cut_once_shown_and_a_change_since_wins(shop: Shop) -> None:
    assert shop.accounts is not None

    account = shop.accounts.sign_up("bo@example.com", "long enough pw", "", datetime.now(UTC))
    carts = carts_of(shop)
    carts.add(None, account.account_id, "SKU-1-0", 3)  # stock 5
    carts.add(GUEST, None, "SKU-1-0", 4)
    carts.attach(GUEST, account.account_id)
    owner = (None, account.account_id)
    shown = [(line.quantity, line.status) for line in carts.view(*owner, shown=True).lines]
    assert shown == [(5, "reduced")]
    assert [(line.quantity, line.status) for line in carts.view(*owner).lines] == [(5, "ok")]
    cart_id = carts.cart_id(*owner)
    assert cart_id is not None
    assert shop.engine is not None
    carts.set_quantity(*owner, "SKU-1-0", 2)
    # A view's cut, read before that change, comes after it: the change stays.
    SqlCartStore(shop.engine).cut_line(cart_id, "SKU-1-0", 5, 1)
    assert [line.quantity for line in carts.view(*owner).lines] == [2]


def test_an_emptied_cart_is_the_same_cart_when_filled_again(shop: Shop) -> None:
    """The cart read in one statement still finds a cart that has no lines."""
    carts = carts_of(shop)
    carts.add(GUEST, None, "SKU-1-0", 1)
    cart_id = carts.cart_id(GUEST, None)
    carts.set_quantity(GUEST, None, "SKU-1-0", 0)
    assert carts.view(GUEST, None).lines == ()
    carts.add(GUEST, None, "SKU-2-0", 2)
    assert carts.cart_id(GUEST, None) == cart_id
    assert [(line.sku, line.quantity) for line in carts.view(GUEST, None).lines] == [("SKU-2-0", 2)]
    # Lines come back in the order they were added, each with today's catalog data.
    carts.add(GUEST, None, "SKU-1-1", 1)
    carts.add(GUEST, None, "SKU-2-0", 1)
    view = carts.view(GUEST, None)
    assert [(line.sku, line.quantity) for line in view.lines] == [("SKU-2-0", 3), ("SKU-1-1", 1)]
    assert all(line.item is not None and line.item.sku == line.sku for line in view.lines)


async def test_the_cart_page_says_a_line_was_cut_while_it_shows_it(shop: Shop) -> None:
    """Reads after the one that cut the line (a read again after a change came, a live
    update, a checkout step) find it in order: the page keeps saying it was cut until the
    shopper moves on (review: it could go before it was seen)."""
    set_shop(shop)
    try:
        page: Any = state_at(CartState, "", {})
        visit(page, "/cart", "")
        page.cart_token = "tab-cart"
        carts_of(shop).add(token_hash("tab-cart"), None, "SKU-1-0", 4)
        assert shop.engine is not None
        with shop.engine.begin() as connection:
            connection.execute(text("update variant set stock = 2 where sku = 'SKU-1-0'"))

        def shown() -> list[tuple[int, str]]:
            return [(line.quantity, line.status) for line in page.lines]

        await page.load()
        assert shown() == [(2, "reduced")]
        await page._refresh()  # read again: held at 2 since the first read
        assert shown() == [(2, "reduced")]
        await page.load()  # the next page
        assert shown() == [(2, "ok")]
    finally:
        set_shop(None)


async def test_only_zero_or_remove_takes_a_line_out_and_a_blank_quantity_changes_nothing(
    shop: Shop,
) -> None:
    set_shop(shop)
    try:
        page: Any = state_at(CartState, "", {})
        page.cart_token = "tab-cart"
        carts_of(shop).add(token_hash("tab-cart"), None, "SKU-1-0", 2)

        def lines() -> list[tuple[str, int]]:
            view = carts_of(shop).view(token_hash("tab-cart"), None)
            return [(line.sku, line.quantity) for line in view.lines]

        for typed in ("", "  ", "-1", "-0.5", "two"):
            page.message = {}
            await page.set_quantity("SKU-1-0", typed)
            assert page.message == translations("cart.error.line_quantity"), typed
            assert lines() == [("SKU-1-0", 2)], typed
        await page.set_quantity("SKU-1-0", " 3 ")
        assert lines() == [("SKU-1-0", 3)]
        await page.set_quantity("SKU-1-0", "0")
        assert lines() == []
        carts_of(shop).add(token_hash("tab-cart"), None, "SKU-1-0", 1)
        await page.remove("SKU-1-0")
        assert lines() == []
    finally:
        set_shop(None)


def test_adds_from_two_tabs_at_once_both_count(shop: Shop) -> None:
    """Each add reads the cart before the others write: the line still sums every add (and
    stops at the stock), since it is added to in the database, not set to what was read."""
    carts = carts_of(shop)
    carts.add(GUEST, None, "SKU-1-0", 1)  # the cart exists: the adds race on its line
    reads = carts._store.read  # type: ignore[attr-defined]
    barrier = threading.Barrier(4)

    def read_together(*args: Any) -> Any:
        cart = reads(*args)
        barrier.wait(timeout=10)  # every add has read the line before any writes
        return cart

    carts._store.read = read_together  # type: ignore[attr-defined]
    try:
        with ThreadPoolExecutor(4) as pool:
            list(pool.map(lambda _: carts.add(GUEST, None, "SKU-1-0", 1), range(4)))
    finally:
        carts._store.read = reads  # type: ignore[attr-defined]
    assert [(line.sku, line.quantity) for line in carts.view(GUEST, None).lines] == [("SKU-1-0", 5)]
    with pytest.raises(CartError, match="limited"):  # stock 5
        carts.add(GUEST, None, "SKU-1-0", 3)
    assert carts.view(GUEST, None).count == 5
