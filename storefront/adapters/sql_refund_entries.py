"""The refunds download's entries in SQL: each refund that went through, on the day it was
made, and each that failed after it went through, on the day the shop heard so, with the
invoice cancelling its credit note (services/admin/refund_export.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    String,
    and_,
    func,
    literal,
    or_,
    select,
    union_all,
)
from sqlmodel import SQLModel

from models.orders import OrderRefund
from storefront.adapters.sql_order_records import NOTE, REVERSAL, order_records
from storefront.adapters.sql_order_store import ORDER
from storefront.services.admin.refund_entries import RefundEntry
from storefront.services.invoices.credit_notes import note_shares

REFUND = SQLModel.metadata.tables[str(OrderRefund.__tablename__)]
_O, _F = ORDER.c, REFUND.c
_SHOP = _O.source == "shop"  # as the admin's order list: not the demo's generated history
_EARLIER = REFUND.alias("earlier")  # the same order's refunds before a refund


def _went_through(refund: Any) -> ColumnElement[bool]:
    """Gone through, even if it failed after (a closed card): it was booked when made."""
    return or_(refund.status == "succeeded", refund.reversed.is_(True))


# A refund with what the books need of its order, named as RefundEntry's fields (but the
# entry's date and kind, which the two kinds of entry take from different columns).
_REFUND_ENTRY = (
    _F.id,
    _F.amount_minor,
    _F.reason,
    _F.request_key,
    _F.provider_refund_id,
    _F.method,
    _O.reference.label("order_reference"),
    _O.created_at.label("order_placed_at"),
    _O.email,
    _O.currency,
    _O.total_minor.label("order_total_minor"),
    _O.vat_rate_bp,
    _O.vat_minor.label("order_vat_minor"),
    select(func.coalesce(func.sum(_EARLIER.c.amount_minor), 0))
    .where(
        _EARLIER.c.order_id == _F.order_id,
        _went_through(_EARLIER.c),
        or_(
            _EARLIER.c.created_at < _F.created_at,
            and_(_EARLIER.c.created_at == _F.created_at, _EARLIER.c.id < _F.id),
        ),
    )
    .scalar_subquery()
    .label("refunded_before_minor"),
    _O.invoice_number,
    select(NOTE.c.number).where(NOTE.c.refund_id == _F.id).scalar_subquery().label("credit_note"),
)
# Each refund that went through on the day it was made, and each that failed after it went
# through on the day the shop heard so (its money came back: booked back then).
_ENTRIES = union_all(
    select(
        *_REFUND_ENTRY,
        _F.created_at.label("refunded_at"),
        literal(0).label("reversal"),
        literal(None, String).label("reversal_invoice"),
    )
    .join_from(REFUND, ORDER, _F.order_id == _O.id)
    .where(_went_through(_F), _SHOP),
    select(
        *_REFUND_ENTRY,
        _F.failed_at.label("refunded_at"),
        literal(1).label("reversal"),
        select(REVERSAL.c.number).where(REVERSAL.c.refund_id == _F.id).scalar_subquery(),
    )
    .join_from(REFUND, ORDER, _F.order_id == _O.id)
    .where(_F.reversed.is_(True), _SHOP),
).subquery("entries")


def refund_entries(
    connection: Connection,
    start: datetime | None,
    end: datetime | None,
    after: tuple[datetime, int, bool] | None,
    limit: int,
) -> list[RefundEntry]:
    """Entries made within [start, end), after `after` (date, refund id, reversal), oldest
    first."""
    e = _ENTRIES.c
    conditions = []
    if start is not None:
        conditions.append(e.refunded_at >= start)
    if end is not None:
        conditions.append(e.refunded_at < end)
    if after is not None:
        at, refund_id, reversal = after
        conditions.append(
            or_(
                e.refunded_at > at,
                and_(e.refunded_at == at, e.id > refund_id),
                and_(e.refunded_at == at, e.id == refund_id, e.reversal > int(reversal)),
            )
        )
    statement = (
        select(_ENTRIES).where(*conditions).order_by(e.refunded_at, e.id, e.reversal).limit(limit)
    )
    entries = [
        RefundEntry(**(dict(row._mapping) | {"reversal": bool(row.reversal)}))
        for row in connection.execute(statement)
    ]
    vats = _note_vats(connection, {e.credit_note for e in entries if e.credit_note is not None})
    return [
        replace(e, note_vat_minor=vats[e.credit_note]) if e.credit_note in vats else e
        for e in entries
    ]


def _note_vats(connection: Connection, numbers: set[str]) -> dict[str, int]:
    """The VAT each of these credit notes carries, as its page shows it (split with the rest
    of its order's notes): its reversal invoice carries the same."""
    if not numbers:
        return {}
    orders = select(NOTE.c.order_id).where(NOTE.c.number.in_(sorted(numbers)))
    rows = connection.execute(select(ORDER).where(_O.id.in_(orders))).mappings().all()
    return {
        note.number: sum(share.vat_minor for share in shares)
        for order in order_records(connection, rows)
        for note, shares in zip(order.credit_notes, note_shares(order), strict=True)
    }
