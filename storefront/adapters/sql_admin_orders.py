"""The admin's order queries and the shipping move, in SQL (SQLite and PostgreSQL).

Shipping does not go through SqlOrderStore.move: that move sets only the status (fulfilled
writes no outbox event and has no side effect there), and the carrier, tracking number and
time must land in the same conditional UPDATE, so that of two admins shipping the same
order exactly one does, and only they mail the shopper (and get the audit entry, written in
that transaction). The condition is the order as the admin read it, unshipped: a partially
refunded order keeps its status when shipped, so its status alone cannot tell a second
shipment from the first, nor a second partial refund from none.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Engine,
    exists,
    func,
    or_,
    select,
    update,
)
from sqlmodel import SQLModel

from models.orders import OrderRefund, OrderStatus
from storefront.adapters.sql_audit_write import write_audit
from storefront.adapters.sql_order_marks import (
    Marks,
    cancel_given_up,
    canceled_refund_owed,
    order_marks,
)
from storefront.adapters.sql_order_records import LINE, NOTE, order_records
from storefront.adapters.sql_order_store import ORDER
from storefront.adapters.sql_refund_entries import refund_entries
from storefront.adapters.sql_reversal_invoices import REVERSAL
from storefront.adapters.sql_text import contains_text
from storefront.adapters.sql_withdrawals import STATEMENT, refund_owed
from storefront.services.admin.audit import AuditRecord
from storefront.services.admin.order_views import (
    OrderDetail,
    OrderFilter,
    OrderRow,
    RefundView,
)
from storefront.services.admin.refund_entries import RefundEntry
from storefront.services.orders.ports import OrderRecord
from storefront.services.orders.status import SHIPPING

REFUND = SQLModel.metadata.tables[str(OrderRefund.__tablename__)]
_O, _L, _F = ORDER.c, LINE.c, REFUND.c
# The demo catalog's generated history is analytics data, not orders anyone ships.
_SHOP = _O.source == "shop"


def _conditions(order_filter: OrderFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [_SHOP]
    if order_filter.statuses:
        conditions.append(_status_matches(order_filter.statuses))
    if order_filter.to_ship:
        conditions.append(_O.status.in_(sorted(s.value for s in SHIPPING)))
        conditions.append(_O.fulfilled_at.is_(None))
        conditions.append(_O.cancel_requested_at.is_(None))  # being canceled (shopper or shop)
    if order_filter.withdrawn:
        conditions.append(exists().where(STATEMENT.c.order_id == _O.id))
    if order_filter.withdrawal_owed:
        conditions.append(refund_owed(ORDER))
    if order_filter.refund_owed:
        conditions.append(canceled_refund_owed(ORDER))
    if order_filter.cancel_released:
        conditions.append(cancel_given_up(ORDER))
    start, end = order_filter.created_range()
    if start is not None:
        conditions.append(_O.created_at >= start)
    if end is not None:
        conditions.append(_O.created_at < end)
    text = order_filter.customer_text()
    if text:
        conditions.append(
            or_(
                contains_text(_O.email, text),
                contains_text(_O.ship_name, text),
                # Its first characters too, as read off a mail or a phone call ("MTN59"
                # found nothing; QA). The scan is the email's and name's own.
                _O.reference.startswith(text.upper(), autoescape=True),
                # The numbers an accountant or Stripe starts from, whole (QA): the invoice's,
                # a credit note's, a reversal invoice's (in the invoices' series, so one
                # searched as an invoice number), and the payment's id as Stripe writes it.
                _O.invoice_number == text.upper(),
                exists().where(NOTE.c.order_id == _O.id, NOTE.c.number == text.upper()),
                exists().where(REVERSAL.c.order_id == _O.id, REVERSAL.c.number == text.upper()),
                _O.payment_intent_id == order_filter.customer.strip(),
            )
        )
    return conditions


def _status_matches(statuses: frozenset[OrderStatus]) -> ColumnElement[bool]:
    """The orders the list shows in these statuses. "Shipped" (fulfilled) is every order
    that left, as its "Shipped" badge says, refunded in part or whole since included (QA:
    the filter missed them); the status says where its money stands, `fulfilled_at` that
    it shipped. The other statuses are the status itself, as their badge shows it."""
    others = sorted(s.value for s in statuses if s is not OrderStatus.FULFILLED)
    parts = [_O.status.in_(others)] if others else []
    if OrderStatus.FULFILLED in statuses:
        parts.append(_O.fulfilled_at.is_not(None))
    return or_(*parts)


class SqlAdminOrders:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def count(self, order_filter: OrderFilter) -> int:
        with self._engine.connect() as connection:
            query = select(func.count()).select_from(ORDER).where(*_conditions(order_filter))
            return int(connection.execute(query).scalar_one())

    def rows(self, order_filter: OrderFilter, offset: int, limit: int) -> list[OrderRow]:
        with self._engine.connect() as connection:
            # The page first (created_at's index serves the order and the limit), then the
            # unit counts of just those orders, rather than grouping every matching order.
            orders = connection.execute(
                select(ORDER)
                .where(*_conditions(order_filter))
                .order_by(_O.created_at.desc(), _O.id.desc())
                .offset(offset)
                .limit(limit)
            ).mappings()
            page = list(orders)
            units = dict(
                connection.execute(
                    select(_L.order_id, func.sum(_L.quantity))
                    .where(_L.order_id.in_([row["id"] for row in page]))
                    .group_by(_L.order_id)
                ).all()
            )
            marks = order_marks(connection, [row["id"] for row in page])
        return [
            _row(row, int(units.get(row["id"], 0)), marks.get(row["id"], Marks())) for row in page
        ]

    def records(self, order_filter: OrderFilter, after_id: int, limit: int) -> list[OrderRecord]:
        with self._engine.connect() as connection:
            rows = connection.execute(
                select(ORDER)
                .where(*_conditions(order_filter), _O.id > after_id)
                .order_by(_O.id)
                .limit(limit)
            ).mappings()
            return order_records(connection, list(rows))

    def refund_entries(
        self,
        start: datetime | None,
        end: datetime | None,
        after: tuple[datetime, int, bool] | None,
        limit: int,
    ) -> list[RefundEntry]:
        with self._engine.connect() as connection:
            return refund_entries(connection, start, end, after, limit)

    def detail(self, order_id: int) -> OrderDetail | None:
        with self._engine.connect() as connection:
            row = (
                connection.execute(select(ORDER).where(_O.id == order_id, _SHOP)).mappings().first()
            )
            if row is None:
                return None
            (record,) = order_records(connection, [row])
            refunds = connection.execute(
                select(REFUND).where(_F.order_id == order_id).order_by(_F.created_at, _F.id)
            ).mappings()
            refund_views = tuple(
                RefundView(
                    r["id"],
                    r["amount_minor"],
                    r["status"],
                    r["reason"],
                    r["created_at"],
                    r["request_key"],
                    r["failed_at"],
                    r["reversed"],
                    r["method"],
                    r["succeeded_at"],
                )
                for r in refunds
            )
        asked = record.cancel_requested_at is not None  # by the shopper, or the shop
        return OrderDetail(
            id=record.id,
            reference=record.reference,
            status=record.status,
            email=record.email,
            locale=record.locale,
            account_id=record.account_id,
            created_at=record.created_at,
            paid_at=record.paid_at,
            address=record.address,
            shipping_method=record.shipping_method,
            discount_code=record.discount_code,
            amounts=record.amounts,
            lines=record.lines,
            payment_intent_id=record.payment_intent_id,
            payment_error=record.payment_error,
            stock_short=record.stock_short,
            refunded_minor=record.refunded_minor,
            refunds=refund_views,
            carrier=row["carrier"],
            tracking_number=row["tracking_number"],
            fulfilled_at=row["fulfilled_at"],
            canceled_by_customer=asked and not record.cancel_by_shop,
            canceled_by_shop=asked and record.cancel_by_shop,
            cancel_released_at=row["cancel_released_at"],
            shop_cancel_released=record.cancel_released_at is not None and record.cancel_by_shop,
            invoice_number=record.invoice_number,
            credit_notes=tuple(note.number for note in record.credit_notes),
            reversal_invoices=record.reversal_invoices,
        )

    def fulfil(
        self,
        order_id: int,
        carrier: str,
        tracking_number: str,
        now: datetime,
        audit: Sequence[AuditRecord] = (),
        *,
        from_status: OrderStatus,
        refunded_minor: int,
    ) -> bool:
        shipped = SHIPPING.get(from_status)
        if shipped is None:
            return False
        with self._engine.begin() as connection:
            moved = connection.execute(
                update(ORDER)
                .where(
                    _O.id == order_id,
                    _O.status == from_status.value,
                    _O.refunded_minor == refunded_minor,
                    _O.fulfilled_at.is_(None),
                    # The shopper asked to cancel it first: it is refunded, never shipped.
                    _O.cancel_requested_at.is_(None),
                    _SHOP,
                )
                .values(
                    status=shipped.value,
                    carrier=carrier[:40],
                    tracking_number=tracking_number[:80],
                    fulfilled_at=now,
                    updated_at=now,
                )
                .returning(_O.id)
            ).first()
            if moved is not None:
                write_audit(connection, audit)
        return moved is not None


def _row(row: Any, units: int, marks: Marks) -> OrderRow:
    return OrderRow(
        id=row["id"],
        reference=row["reference"] or "",
        status=OrderStatus(row["status"]),
        email=row["email"],
        customer_name=row["ship_name"],
        total_minor=row["total_minor"],
        currency=row["currency"],
        refunded_minor=row["refunded_minor"],
        created_at=row["created_at"],
        paid_at=row["paid_at"],
        item_count=units,
        fulfilled_at=row["fulfilled_at"],
        withdrawn=marks.withdrawn,
        withdrawal_owed=marks.withdrawal_owed,
        refund_owed=marks.refund_owed,
        cancel_released=marks.cancel_released,
    )
