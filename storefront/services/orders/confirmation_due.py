"""Which paid orders' confirmation mail is still to be sent: by the order-mail group at
payment, else by the reconciliation's catch-up (the order store's `unconfirmed_paid`, over
the same rule). The order page says a confirmation "will be sent" only of those (review:
it said so of orders the catch-up never sends)."""

from __future__ import annotations

from datetime import datetime, timedelta

from models.orders import OrderStatus
from storefront.services.orders.ports import OrderRecord

# Paid longer ago than this, an order's confirmation is no longer sent by the catch-up.
CATCH_UP_FOR = timedelta(days=1)
# The statuses whose confirmation the catch-up sends (refunded or canceled since: not).
CONFIRMABLE = frozenset({OrderStatus.PAID, OrderStatus.FULFILLED})
# Orders placed in this shop (the demo's seeded history is never mailed).
SHOP_SOURCE = "shop"


def confirmation_due(order: OrderRecord, now: datetime) -> bool:
    """Whether the order's confirmation has not gone out and still will."""
    return (
        order.confirmation_sent_at is None
        and order.source == SHOP_SOURCE
        and order.status in CONFIRMABLE
        and order.paid_at is not None
        and order.paid_at >= now - CATCH_UP_FOR
    )
