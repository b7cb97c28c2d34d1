"""An order's refunded total and status, brought in line with its refunds that went through,
inside the transaction that changed those refunds (with the order's row held), so that no
refund is ever recorded without its order following it."""

from __future__ import annotations

from sqlalchemy import Connection, func, select, update
from sqlmodel import SQLModel

from models.events import OrderRefunded
from models.orders import OrderRefund, OrderStatus
from models.types import utc_now
from storefront.adapters.sql_order_store import ORDER
from storefront.adapters.sql_outbox import write_events
from storefront.services.orders.status import can_move, refund_status

REFUND = SQLModel.metadata.tables[str(OrderRefund.__tablename__)]
_F, _O = REFUND.c, ORDER.c


def refunded_total(connection: Connection, order_id: int) -> int:
    """What the order's refunds that went through gave back, together."""
    return int(
        connection.execute(
            select(func.coalesce(func.sum(_F.amount_minor), 0)).where(
                _F.order_id == order_id, _F.status == "succeeded"
            )
        ).scalar_one()
    )


def align_order(connection: Connection, order_id: int) -> bool:
    """Raise the order's refunded total to what its refunds gave back and move its status on
    (partially refunded, refunded), writing OrderRefunded; True when it changed. An order
    the state machine does not let move (not charged yet) is left as it is."""
    order = connection.execute(
        select(
            _O.status, _O.total_minor, _O.refunded_minor, _O.fulfilled_at, _O.reference,
            _O.currency,
        ).where(_O.id == order_id)
    ).first()  # fmt: skip
    if order is None:
        return False
    refunded = refunded_total(connection, order_id)
    if refunded <= order.refunded_minor:
        return False
    current = OrderStatus(order.status)
    target = refund_status(refunded, order.total_minor, shipped=order.fulfilled_at is not None)
    if not can_move(current, target):
        return False
    connection.execute(
        update(ORDER)
        .where(_O.id == order_id, _O.status == current.value)
        .values(status=target.value, refunded_minor=refunded, updated_at=utc_now())
    )
    write_events(connection, [OrderRefunded(order_id, order.reference, order.currency, refunded)])
    return True
