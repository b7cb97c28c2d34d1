"""One order as the admin's order list shows it, from the service's OrderRow."""

from __future__ import annotations

from dataclasses import dataclass

from models.orders import OrderStatus
from storefront.services.admin.order_views import OrderRow


@dataclass
class OrderItemRow:
    id: int = 0
    reference: str = ""
    status: str = ""
    email: str = ""
    customer: str = ""
    total_minor: int = 0
    refunded_minor: int = 0
    currency: str = "EUR"
    created_at: str = ""
    units: int = 0
    shipped: bool = False
    withdrawn: bool = False  # its shopper sent a withdrawal statement
    # Canceled before it was paid (a declined card, an abandoned 3-D Secure): no sale undone.
    never_paid: bool = False
    withdrawal_owed: bool = False  # and its refund is still owed
    refund_owed: bool = False  # canceled, and a refund of it failed since: owed again
    cancel_released: bool = False  # to ship, but its shopper's cancel was given up


def order_row(row: OrderRow) -> OrderItemRow:
    return OrderItemRow(
        row.id,
        row.reference,
        row.status.value,
        row.email,
        row.customer_name,
        row.total_minor,
        row.refunded_minor,
        row.currency,
        row.created_at.isoformat(),
        row.item_count,
        row.fulfilled_at is not None,
        row.withdrawn,
        row.status is OrderStatus.CANCELED and row.paid_at is None,
        row.withdrawal_owed,
        row.refund_owed,
        row.cancel_released,
    )
