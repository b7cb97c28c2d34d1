"""Orders refunded in full before they shipped, from before such refunds closed them, closed
now as the refund's transaction closes one (sql_refund_totals.close_order): one conditional
update with the order held, so a second run, or a refund or cancel of it beside this, finds
it closed or no longer such an order (services/orders/refund_close.py)."""

from __future__ import annotations

from sqlalchemy import ColumnElement, Engine, String, cast, func, literal, select, update

from models.events import ProductChanged
from models.inventory import ReservationStatus
from models.orders import OrderStatus
from models.types import utc_now
from storefront.adapters.sql_inventory import RESERVATION
from storefront.adapters.sql_locks import hold_rows
from storefront.adapters.sql_order_store import ORDER
from storefront.adapters.sql_refund_totals import close_order
from storefront.services.orders.refund_close import RefundedUnshipped

_O, _R = ORDER.c, RESERVATION.c


def _stuck() -> tuple[ColumnElement[bool], ...]:
    """Refunded in full, never shipped, no cancel of it claiming it (the cancel closes those:
    CustomerCancel.finish_settled)."""
    return (
        _O.status == OrderStatus.REFUNDED.value,
        _O.fulfilled_at.is_(None),
        _O.cancel_requested_at.is_(None),
        _O.refunded_minor >= _O.total_minor,
    )


class SqlRefundCloses:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def refunded_unshipped(self, after: int, limit: int) -> list[RefundedUnshipped]:
        units = (
            select(func.coalesce(func.sum(_R.quantity), 0))
            .where(
                _R.holder == literal("order:") + cast(_O.id, String),
                _R.status == ReservationStatus.COMMITTED.value,
            )
            .scalar_subquery()
        )
        with self._engine.connect() as connection:
            rows = connection.execute(
                select(_O.id, _O.reference, _O.total_minor, _O.currency, _O.discount_code, units)
                .where(*_stuck(), _O.id > after)
                .order_by(_O.id)
                .limit(limit)
            ).all()
        return [
            RefundedUnshipped(
                int(row[0]), row[1] or "", int(row[2]), row[3], row[4] or None, int(row[5])
            )
            for row in rows
        ]

    def close_refunded(self, order_id: int, actor: str) -> list[ProductChanged] | None:
        with self._engine.begin() as connection:
            # Held as a refund's request holds it: a refund or cancel of it waits, then sees
            # it canceled.
            hold_rows(connection, ORDER, _O.id == order_id)
            row = connection.execute(
                update(ORDER)
                .where(_O.id == order_id, *_stuck())
                .values(status=OrderStatus.CANCELED.value, updated_at=utc_now())
                .returning(_O.reference, _O.discount_code)
            ).first()
            if row is None:
                return None
            return close_order(
                connection,
                order_id,
                row.reference or "",
                row.discount_code,
                OrderStatus.REFUNDED,
                actor=actor,
            )
