"""Which paid orders' confirmation is still to be sent: what the order page says "will be
sent" of, by the rule the reconciliation's catch-up reads them by."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from models.orders import OrderStatus
from storefront.services.orders.confirmation_due import confirmation_due
from tests.unit.state.test_order_state import order_to

NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
PAID = replace(order_to("DE"), paid_at=NOW - timedelta(hours=3))


def test_a_shop_order_paid_within_the_day_whose_confirmation_never_went_out_is_due() -> None:
    assert confirmation_due(PAID, NOW) is True
    assert confirmation_due(replace(PAID, status=OrderStatus.FULFILLED), NOW) is True
    assert confirmation_due(replace(PAID, paid_at=NOW - timedelta(days=1)), NOW) is True


def test_a_confirmation_that_went_out_is_not_due() -> None:
    assert confirmation_due(replace(PAID, confirmation_sent_at=NOW), NOW) is False


def test_an_order_paid_over_a_day_ago_is_no_longer_due() -> None:
    late = replace(PAID, paid_at=NOW - timedelta(days=1, seconds=1))
    assert confirmation_due(late, NOW) is False


def test_refunded_or_canceled_orders_are_not_due() -> None:
    for status in (
        OrderStatus.PARTIALLY_REFUNDED,
        OrderStatus.REFUNDED,
        OrderStatus.CANCELED,
    ):
        assert confirmation_due(replace(PAID, status=status), NOW) is False


def test_an_order_not_placed_in_the_shop_is_not_due() -> None:
    assert confirmation_due(replace(PAID, source="demo"), NOW) is False


def test_an_unpaid_order_is_not_due() -> None:
    unpaid = replace(PAID, status=OrderStatus.PENDING, paid_at=None)
    assert confirmation_due(unpaid, NOW) is False
