"""Buying an order again from its page, on real states and SQLite and PostgreSQL (QA: a
returning shopper could not reorder): its lines go into this browser's cart through the cart's
add path at today's prices, bounded by the stock; what could not go in is said line by line;
a guest by the order's link and its account may, a stranger may not, and an order waiting for
its payment is not offered. The account's list of orders names what each holds."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
import reflex as rx
from reflex.istate.data import RouterData
from sqlalchemy import text

from models.catalog import ProductStatus
from models.orders import OrderStatus
from models.types import utc_now
from state.cart import CartState
from state.order import OrderState
from state.order_buy_again import BuyAgainState
from state.order_history import OrderHistoryState
from storefront.bootstrap import Shop, set_shop
from storefront.i18n import translations
from storefront.services.accounts.credentials import token_hash
from storefront.services.accounts.service import SESSION_COOKIE
from storefront.services.catalog_writer import save_drafts
from storefront.services.orders.ports import OrderRecord
from storefront.services.product_edits import edit_product, set_variant_price
from tests.integration.checkout_fixtures import NOW, VISA, checkout, commerce, form, paying_shop
from tests.integration.test_admin_authorization import state_at
from tests.unit.conftest import CHAIRS, draft

PASSWORD = "a long enough password"


@pytest.fixture
def shop(database_url: str, make_shop: Callable[..., Shop], localstripe_url: str) -> Shop:
    shop = paying_shop(make_shop, database_url, localstripe_url)
    shop.run(save_drafts, [draft(3, stock=4, price=1_500)], categories=[CHAIRS])
    return shop


def order_of(shop: Shop, owner: tuple[str | None, int | None], *lines: tuple[str, int]) -> int:
    """An order of `lines` (sku, quantity) placed from the owner's cart, unpaid."""
    assert shop.carts is not None
    for sku, quantity in lines:
        shop.carts.add(*owner, sku, quantity)
    return checkout(shop).place_order(owner, form(), NOW).order_id


def paid(shop: Shop, order_id: int) -> OrderRecord:
    assert checkout(shop).pay(order_id, VISA).status is OrderStatus.PAID
    order = commerce(shop).orders.get(order_id)
    assert order is not None
    return order


def tab(reference: str, key: str, session: str = "", cart_token: str = "tab-2") -> Any:
    """A browser tab on the order's page: (its page, its Buy again, its cart)."""
    root = rx.State(_reflex_internal_init=True)
    path = f"/order/{reference}"
    root.router = RouterData.from_router_data(
        {
            "pathname": path,
            "asPath": f"{path}?key={key}" if key else path,
            "query": {"key": key} if key else {},
            # The session cookie, as the tab's connection brings it.
            "headers": {"cookie": f"{SESSION_COOKIE}={session}"},
        }
    )
    states = []
    for cls in (OrderState, BuyAgainState, CartState):
        state: rx.State = root
        for name in cls.get_full_name().split(".")[1:]:
            state = state.substates[name]
        states.append(state)
    states[2].cart_token = cart_token
    return states


async def click(again: Any) -> None:
    async for _ in again.buy_again(again.runs):
        pass


def cart_lines(shop: Shop, owner: tuple[str | None, int | None]) -> list[tuple[str, int]]:
    assert shop.carts is not None
    return [(line.sku, line.quantity) for line in shop.carts.view(*owner).lines]


def set_stock(shop: Shop, sku: str, stock: int) -> None:
    assert shop.engine is not None
    with shop.engine.begin() as connection:
        connection.execute(
            text("update variant set stock = :s where sku = :k"), {"s": stock, "k": sku}
        )


def product_id(shop: Shop, external_id: str) -> int:
    with shop.uow() as uow:
        return uow.catalog.product_keys()[external_id][0]


async def test_a_guest_by_link_buys_an_order_again_and_hears_what_could_not_go_in(
    shop: Shop,
) -> None:
    order = paid(shop, order_of(shop, ("g1", None), ("SKU-1-0", 3), ("SKU-2-0", 2), ("SKU-3-0", 1)))
    set_stock(shop, "SKU-1-0", 2)  # fewer left than ordered
    shop.run(
        edit_product, product_id(shop, "P2"), lambda r: replace(r, status=ProductStatus.ARCHIVED)
    )
    shop.run(set_variant_price, product_id(shop, "P3"), "SKU-3-0", 1_700)
    set_shop(shop)
    try:
        page, again, cart = tab(order.reference, order.access_key)  # another browser
        await page.load()
        assert (page.found, page.buy_again_offered) == (True, True)
        await click(again)
        owner = (token_hash("tab-2"), None)
        assert cart_lines(shop, owner) == [("SKU-1-0", 2), ("SKU-3-0", 1)]
        assert cart.count == 3  # the header's count follows
        assert (again.about, again.runs, again.added_any) == (order.reference, 1, True)
        assert again.summary == translations("reorder.done.part")
        assert [line.labels["en"] for line in again.lines] == [
            "Chair number 1 (Oak): quantity reduced to 2 (of 3 ordered), no more can be added.",
            "Chair number 2 (Oak): no longer sold, not added.",
            "Chair number 3 (Oak) × 1: in your cart. Price now €17.00 (€15.00 in this order).",
        ]
        assert again.lines[2].labels["fr"] == (
            "Chair number 3 (Oak) × 1\u202f: dans votre panier. Prix actuel\u202f: 17,00\u00a0€"
            " (15,00\u00a0€ dans cette commande)."
        )
        assert [line.added for line in again.lines] == [True, False, True]
        # A double click's second, run once the first is done, names the count it saw: none.
        async for _ in again.buy_again(0):
            pass
        assert cart_lines(shop, owner) == [("SKU-1-0", 2), ("SKU-3-0", 1)]
        # Pressed again: the cart holds all there is of the first, one more of the third.
        await click(again)
        assert cart_lines(shop, owner) == [("SKU-1-0", 2), ("SKU-3-0", 2)]
        assert [line.labels["en"].split(":")[1] for line in again.lines] == [
            " your cart already holds all we can sell of it, none added.",
            " no longer sold, not added.",
            " in your cart. Price now €17.00 (€15.00 in this order).",
        ]
        await page.load()  # the page opened again: the note was about the last visit
        assert (again.about, again.lines) == ("", [])
    finally:
        set_shop(None)
    # The order's own guest cart is not touched: it was paid and emptied.
    assert cart_lines(shop, ("g1", None)) == []


async def test_the_account_buys_its_order_again_and_a_stranger_adds_nothing(shop: Shop) -> None:
    assert shop.accounts is not None
    ada = shop.accounts.sign_up("ada@example.com", PASSWORD, "Ada", utc_now())
    bob = shop.accounts.sign_up("bob@example.com", PASSWORD, "Bob", utc_now())
    order = paid(shop, order_of(shop, (None, ada.account_id), ("SKU-1-0", 2)))
    set_shop(shop)
    try:
        page, again, _ = tab(order.reference, "", ada.session_token, "ada-new-browser")
        await page.load()
        assert (page.found, page.owned, page.buy_again_offered) == (True, True, True)
        await click(again)
        assert again.summary == translations("reorder.done.all")
        assert [line.labels["en"] for line in again.lines] == [
            "Chair number 1 (Oak) × 2: in your cart."
        ]
        assert cart_lines(shop, (None, ada.account_id)) == [("SKU-1-0", 2)]
        # Another account, or a guest, without the order's key: nothing, said so.
        for session, cart_token in ((bob.session_token, "bob-browser"), ("", "guest-browser")):
            _, stranger, _ = tab(order.reference, "", session, cart_token)
            await click(stranger)
            assert stranger.summary == translations("reorder.error.not_found")
            assert (stranger.lines, stranger.added_any) == ([], False)
        assert cart_lines(shop, (None, bob.account_id)) == []
        assert cart_lines(shop, (token_hash("guest-browser"), None)) == []
    finally:
        set_shop(None)


async def test_an_order_waiting_for_its_payment_is_not_offered_again(shop: Shop) -> None:
    """Its cart holds its lines still (checkout pays them): buying it again doubled them."""
    order_id = order_of(shop, ("g1", None), ("SKU-1-0", 1))
    order = commerce(shop).orders.get(order_id)
    assert order is not None
    assert order.status is OrderStatus.PENDING
    set_shop(shop)
    try:
        page, again, _ = tab(order.reference, order.access_key, cart_token="same-browser")
        await page.load()
        assert (page.found, page.buy_again_offered) == (True, False)
        await click(again)  # a crafted event
        assert again.summary == translations("reorder.error.not_found")
    finally:
        set_shop(None)
    assert cart_lines(shop, (token_hash("same-browser"), None)) == []
    assert cart_lines(shop, ("g1", None)) == [("SKU-1-0", 1)]


async def test_the_accounts_list_names_each_orders_first_product_and_how_many_more(
    shop: Shop,
) -> None:
    """QA: the list showed reference, date, status and amount, nothing of what was bought."""
    assert shop.accounts is not None
    ada = shop.accounts.sign_up("ada@example.com", PASSWORD, "Ada", utc_now())
    owner = (None, ada.account_id)
    paid(shop, order_of(shop, owner, ("SKU-2-0", 1)))
    paid(shop, order_of(shop, owner, ("SKU-1-0", 1), ("SKU-2-0", 1), ("SKU-3-0", 2)))
    shop.run(
        edit_product, product_id(shop, "P2"), lambda r: replace(r, status=ProductStatus.ARCHIVED)
    )
    set_shop(shop)
    try:
        history: Any = state_at(OrderHistoryState, ada.session_token, {})
        await history.load()
    finally:
        set_shop(None)
    newest, first = history.orders
    assert (newest.first_title, newest.image) == ("Chair number 1", "/media/products/P1.svg")
    assert newest.more_labels == {"en": "+ 2 more", "fr": "+ 2 autres"}
    # Its product archived since: named as bought, without a picture.
    assert (first.first_title, first.image, first.more_labels) == ("Chair number 2", "", {})
