"""The reconciliation and an order whose PaymentIntent the provider does not know (the demo's
localstripe restarted and forgot its payments), on real databases and localstripe: it logged
"reconciling order … failed: Not Found" every minute and the order stayed pending for good
(QA). Given up, it is canceled once, its stock released; a provider out of reach is not
taken for one that does not know the payment."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import text

from models.orders import OrderStatus
from models.types import utc_now
from storefront.adapters.stripe_gateway import StripeGateway
from storefront.bootstrap import Shop
from storefront.services.checkout.reconciliation import Reconciliation
from storefront.services.checkout.service import Placed
from storefront.services.inventory import HOLD_MINUTES
from tests.integration.checkout_fixtures import checkout, commerce, form, paying_shop, scalar
from tests.localstripe import SECRET_KEY
from tests.ports import free_port

SETTLE_AFTER = timedelta(minutes=10)
GIVE_UP_AFTER = timedelta(minutes=HOLD_MINUTES)
UNKNOWN = "pi_forgotten_by_a_restart"


@pytest.fixture
def shop(database_url: str, make_shop: Callable[..., Shop], localstripe_url: str) -> Shop:
    return paying_shop(make_shop, database_url, localstripe_url)


def reconciliation(shop: Shop) -> Reconciliation:
    found = commerce(shop).reconciliation
    assert found is not None
    return found


def place_now(shop: Shop, guest: str, quantity: int) -> Placed:
    """An order placed now (its stock held for HOLD_MINUTES from now)."""
    assert shop.carts is not None
    shop.carts.add(guest, None, "SKU-1-0", quantity)
    return checkout(shop).place_order((guest, None), form(), utc_now())


def forgotten_by_the_provider(shop: Shop, order_id: int) -> None:
    """The order's intent swapped for one the provider never had (what a restart of the
    demo's localstripe leaves)."""
    assert shop.engine is not None
    with shop.engine.begin() as connection:
        connection.execute(
            text("update sales_order set payment_intent_id = :pi where id = :id"),
            {"pi": UNKNOWN, "id": order_id},
        )


def order_status(shop: Shop, order_id: int) -> OrderStatus:
    order = commerce(shop).orders.get(order_id)
    assert order is not None
    return order.status


def test_an_order_whose_payment_the_provider_does_not_know_is_canceled_once_given_up(
    shop: Shop, caplog: pytest.LogCaptureFixture
) -> None:
    placed = place_now(shop, "g1", 2)
    forgotten_by_the_provider(shop, placed.order_id)
    assert scalar(shop, "select stock from variant where sku = 'SKU-1-0'") == 8
    order = commerce(shop).orders.get(placed.order_id)
    assert order is not None
    placed_at = order.updated_at or order.created_at
    caplog.set_level(logging.INFO)
    # Looked at before the give-up delay: left as it is, and no error.
    early = reconciliation(shop).reconcile(placed_at + SETTLE_AFTER, SETTLE_AFTER, GIVE_UP_AFTER)
    assert (early["checked"], early["canceled"], early["failed"]) == (1, 0, 0)
    assert order_status(shop, placed.order_id) is OrderStatus.PENDING
    assert scalar(shop, "select stock from variant where sku = 'SKU-1-0'") == 8
    later = placed_at + GIVE_UP_AFTER + timedelta(minutes=1)
    counts = reconciliation(shop).reconcile(later, SETTLE_AFTER, GIVE_UP_AFTER)
    assert (counts["checked"], counts["canceled"], counts["paid"], counts["failed"]) == (1, 1, 0, 0)
    assert order_status(shop, placed.order_id) is OrderStatus.CANCELED
    assert scalar(shop, "select stock from variant where sku = 'SKU-1-0'") == 10
    assert scalar(shop, "select count(*) from stock_reservation where status = 'held'") == 0
    assert scalar(shop, "select count(*) from sales_order where paid_at is not null") == 0
    # Done with: the next minute looks at it no more.
    next_minute = later + timedelta(minutes=1)
    again = reconciliation(shop).reconcile(next_minute, SETTLE_AFTER, GIVE_UP_AFTER)
    assert again["checked"] == 0
    problems = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert [r.getMessage() for r in problems] == [
        f"order {placed.reference} canceled: its payment {UNKNOWN} is unknown to the provider"
    ]


def test_an_order_is_not_canceled_when_the_provider_is_out_of_reach(
    shop: Shop, caplog: pytest.LogCaptureFixture
) -> None:
    """A provider out of reach says nothing of whether the payment exists (it may have been
    paid): the order stays pending, its stock held, and the failure is logged."""
    placed = place_now(shop, "g1", 2)
    order = commerce(shop).orders.get(placed.order_id)
    assert order is not None
    later = (order.updated_at or order.created_at) + GIVE_UP_AFTER + timedelta(minutes=1)
    down = reconciliation(shop)
    working = down._payments
    down._payments = StripeGateway(SECRET_KEY, api_base=f"http://127.0.0.1:{free_port()}")
    try:
        counts = down.reconcile(later, SETTLE_AFTER, GIVE_UP_AFTER)
    finally:
        down._payments = working
    assert (counts["checked"], counts["canceled"], counts["failed"]) == (1, 0, 1)
    assert order_status(shop, placed.order_id) is OrderStatus.PENDING
    assert any(
        r.levelno == logging.ERROR and f"reconciling order {placed.reference} failed" in r.message
        for r in caplog.records
    )


def test_paying_again_after_the_provider_forgot_the_carts_attempt_places_a_new_order(
    shop: Shop,
) -> None:
    """The cart's unpaid attempt, settled first by the next Pay, names a payment the
    provider does not know: Pay failed ("provider") until the reconciliation gave it up.
    Nothing can have been charged through it: it is canceled, and the new order placed."""
    first = place_now(shop, "g1", 2)
    forgotten_by_the_provider(shop, first.order_id)
    again = checkout(shop).place_order(("g1", None), form(), utc_now())
    assert order_status(shop, first.order_id) is OrderStatus.CANCELED
    assert order_status(shop, again.order_id) is OrderStatus.PENDING
    assert scalar(shop, "select stock from variant where sku = 'SKU-1-0'") == 8  # held once
    assert scalar(shop, "select count(*) from stock_reservation where status = 'held'") == 1
