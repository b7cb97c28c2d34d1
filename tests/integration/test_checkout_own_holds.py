"""The stock a cart's own unpaid attempt holds is still the cart's: a checkout opened again
(another tab, after a failed 3-D Secure) prices and orders every line, never part of it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from models.orders import OrderStatus
from storefront.bootstrap import Shop
from storefront.services.cart.service import CartError
from tests.integration.checkout_fixtures import (
    NOW,
    authenticate_order,
    card_token,
    checkout,
    commerce,
    form,
    paying_shop,
    scalar,
)

THREE_D_SECURE = "4000002760003184"  # asks for authentication on every payment


@pytest.fixture
def shop(database_url: str, make_shop: Callable[..., Shop], localstripe_url: str) -> Shop:
    shop = paying_shop(make_shop, database_url, localstripe_url)
    assert shop.engine is not None
    with shop.engine.begin() as connection:  # the last unit of SKU-1-0
        connection.exec_driver_sql("update variant set stock = 1 where sku = 'SKU-1-0'")
    return shop


def fill(shop: Shop, guest: str) -> None:
    assert shop.carts is not None
    shop.carts.add(guest, None, "SKU-1-0", 1)
    shop.carts.add(guest, None, "SKU-2-0", 1)


def place_as_shown(shop: Shop, guest: str, replaces: int | None = None) -> int:
    """Price the cart as the checkout page does, then place the order for that total."""
    assert shop.carts is not None
    cart = shop.carts.view(guest, None)
    shown = checkout(shop).quotes.quote_choices(cart, "FR", "standard", "", NOW).totals
    assert shown is not None
    placed = checkout(shop).place_order(
        (guest, None), form(shown_total_minor=shown.total_minor), NOW, replaces=replaces
    )
    return placed.order_id


def ordered(shop: Shop, order_id: int) -> list[tuple[str, int]]:
    order = commerce(shop).orders.get(order_id)
    assert order is not None
    return [(line.sku, line.quantity) for line in order.lines]


def test_a_checkout_opened_again_during_3ds_orders_and_charges_the_whole_cart(
    shop: Shop, localstripe_url: str
) -> None:
    assert shop.carts is not None
    fill(shop, "g1")
    first = place_as_shown(shop, "g1")
    step = checkout(shop).pay(first, card_token(localstripe_url, THREE_D_SECURE))
    assert step.status is OrderStatus.REQUIRES_ACTION
    # The tab is closed at the challenge; a new tab opens the cart and the checkout.
    lines = shop.carts.view("g1", None).lines
    assert [(line.sku, line.status) for line in lines] == [("SKU-1-0", "ok"), ("SKU-2-0", "ok")]
    assert shop.carts.view("g1", None).subtotal_minor == 8_000
    again = place_as_shown(shop, "g1")  # the new tab knows nothing of the first order
    assert ordered(shop, again) == [("SKU-1-0", 1), ("SKU-2-0", 1)]
    order = commerce(shop).orders.get(again)
    assert order is not None
    assert order.amounts.subtotal_minor == 8_000
    assert commerce(shop).orders.get(first).status is OrderStatus.CANCELED  # type: ignore[union-attr]
    assert scalar(shop, "select stock from variant where sku = 'SKU-1-0'") == 0
    assert scalar(shop, "select count(*) from stock_reservation where status = 'held'") == 2


def test_after_a_failed_authentication_the_same_tab_pays_for_every_line(
    shop: Shop, localstripe_url: str
) -> None:
    assert shop.carts is not None
    fill(shop, "g1")
    first = place_as_shown(shop, "g1")
    step = checkout(shop).pay(first, card_token(localstripe_url, THREE_D_SECURE))
    authenticate_order(shop, localstripe_url, first, step.client_secret, ok=False)
    failed = checkout(shop).refresh(first)
    assert (failed.status, failed.reason) == (
        OrderStatus.FAILED,
        "payment_intent_authentication_failure",
    )
    again = place_as_shown(shop, "g1", replaces=first)
    assert ordered(shop, again) == [("SKU-1-0", 1), ("SKU-2-0", 1)]
    step = checkout(shop).pay(again, card_token(localstripe_url, "4242424242424242"))
    assert step.status is OrderStatus.PAID
    assert scalar(shop, "select stock from variant where sku = 'SKU-1-0'") == 0
    assert scalar(shop, "select count(*) from stock_reservation where status = 'held'") == 0


def test_another_cart_does_not_count_a_hold_that_is_not_its_own(shop: Shop) -> None:
    assert shop.carts is not None
    fill(shop, "g2")  # a cart that had the last unit before g1's order held it
    fill(shop, "g1")
    place_as_shown(shop, "g1")
    assert [line.status for line in shop.carts.view("g2", None).lines] == ["out_of_stock", "ok"]
    with pytest.raises(CartError, match="out_of_stock"):
        shop.carts.add("g3", None, "SKU-1-0", 1)
