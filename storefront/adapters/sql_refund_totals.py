"""An order's refunded total and status, brought in line with its refunds that went through,
inside the transaction that changed those refunds (with the order's row held), so that no
refund is ever recorded without its order following it. An unshipped order its refunds
take to its whole total (none of its cancels claiming it) ends canceled there, its sold
stock and discount use given back (status.closed_by_refund): nothing is left to ship or
refund, and whichever way the refund came (the admin, the provider's dashboard, a webhook,
the reconciliation) its stock is not held for good."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, case, func, select, update
from sqlmodel import SQLModel

from models.events import Event, OrderRefunded, ProductChanged, RefundFailed
from models.orders import OrderRefund, OrderStatus
from models.types import utc_now
from storefront.adapters.sql_audit_write import write_audit
from storefront.adapters.sql_discounts import give_back_use
from storefront.adapters.sql_inventory import SqlInventory
from storefront.adapters.sql_order_store import ORDER
from storefront.adapters.sql_outbox import write_events
from storefront.services.admin.audit import AuditRecord, to_json
from storefront.services.orders.status import (
    can_move,
    can_reverse,
    closed_by_refund,
    refund_status,
)

CLOSE_ACTION = "order.refund_close"  # audited as REFUND_ACTOR: the refund's own transaction
REFUND_ACTOR = "refunds"

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


def align_order(connection: Connection, order_id: int, reversed_minor: Sequence[int] = ()) -> bool:
    """Bring the order's refunded total and status in line with what its refunds gave back:
    a higher total moves it on (partially refunded, refunded) and writes OrderRefunded; a
    lower one only with refunds reversed in this transaction (`reversed_minor`, their
    amounts), which move it back (status.REVERSAL) and write a RefundFailed each. True when
    the order changed. An order the state machine does not let move keeps its status (and,
    but for a reversal, its total)."""
    order = connection.execute(
        select(
            _O.status, _O.total_minor, _O.refunded_minor, _O.fulfilled_at, _O.reference,
            _O.currency, _O.cancel_requested_at, _O.discount_code,
        ).where(_O.id == order_id)
    ).first()  # fmt: skip
    if order is None:
        return False
    refunded, before = refunded_total(connection, order_id), int(order.refunded_minor)
    current = OrderStatus(order.status)
    target = refund_status(refunded, order.total_minor, shipped=order.fulfilled_at is not None)
    events: list[Event] = []
    closing = False
    if refunded > before and can_move(current, target):
        events.append(OrderRefunded(order_id, order.reference, order.currency, refunded))
        shipped, claimed = order.fulfilled_at is not None, order.cancel_requested_at is not None
        closing = closed_by_refund(target, shipped=shipped, claimed=claimed)
    elif refunded > before and current is OrderStatus.CANCELED:
        # Refunded again after a refund that closed it failed (status.refundable): the total
        # follows, the order stays canceled (closed once: its stock went back then).
        events.append(OrderRefunded(order_id, order.reference, order.currency, refunded))
        target = current
    elif refunded < before and reversed_minor:
        # The money is back in the shop whatever the status may do: the total follows it,
        # the status only where REVERSAL lets it (it always does from a refunded status).
        target = target if can_reverse(current, target) else current
    else:
        refunded = before  # unchanged: the order keeps its total and status
    if refunded != before:
        values: dict[str, object] = {
            "status": (OrderStatus.CANCELED if closing else target).value,
            "refunded_minor": refunded,
            "updated_at": utc_now(),
        }
        if refunded > before:
            values["refunded_at"] = values["updated_at"]
        else:  # a refund made again later is mailed again
            mailed = _O.refund_mailed_minor
            values["refund_mailed_minor"] = case((mailed > refunded, refunded), else_=mailed)
            # A mail under way tells of money no longer given back: it counts for nothing.
            values["refund_mail_claimed_at"] = None
        connection.execute(
            update(ORDER).where(_O.id == order_id, _O.status == current.value).values(values)
        )
        if closing:
            close_order(connection, order_id, order.reference, order.discount_code, current)
    events += [
        RefundFailed(order_id, order.reference, order.currency, amount, refunded)
        for amount in reversed_minor
    ]
    write_events(connection, events)
    return refunded != before


def close_order(
    connection: Connection,
    order_id: int,
    reference: str,
    code: str | None,
    before: OrderStatus,
    *,
    actor: str = REFUND_ACTOR,
) -> list[ProductChanged]:
    """The order refunded in full before it shipped, now canceled: its sold stock back
    (with the inventory's roll-ups and ProductChanged events, written to the outbox here
    and returned), its discount use back, and the audit entry by `actor`, in the caller's
    transaction (the refund's, or services/orders/refund_close.py's)."""
    if code:
        give_back_use(connection, code)
    changed = SqlInventory(connection.engine).return_sold_in(connection, f"order:{order_id}")
    entry = AuditRecord(
        None,
        actor,
        CLOSE_ACTION,
        f"order:{reference}",
        to_json({"status": before.value}),
        to_json({"status": OrderStatus.CANCELED.value, "why": "refunded_before_shipping"}),
    )
    write_audit(connection, [entry])
    return changed
