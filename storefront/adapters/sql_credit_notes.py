"""Credit notes in SQL: every refund of an invoiced order that went through gets one, numbered
from the year's credit_note_counter inside the transaction that recorded it as gone through
(sql_refunds, with the order's row held), so racing or repeated answers give one number, and a
rollback gives it back."""

from __future__ import annotations

from datetime import datetime, tzinfo

from sqlalchemy import Connection, insert, select
from sqlmodel import SQLModel

from models.orders import CreditNote, CreditNoteCounter, OrderRefund
from storefront.adapters.sql_invoice_numbers import next_in_series
from storefront.adapters.sql_order_store import ORDER
from storefront.services.invoices.numbering import credit_note_number
from storefront.services.shop_days import shop_day

NOTE = SQLModel.metadata.tables[str(CreditNote.__tablename__)]
NOTE_COUNTER = SQLModel.metadata.tables[str(CreditNoteCounter.__tablename__)]
_REFUND = SQLModel.metadata.tables[str(OrderRefund.__tablename__)]
_N, _F, _O = NOTE.c, _REFUND.c, ORDER.c


def issue_credit_notes(
    connection: Connection, order_id: int, now: datetime, zone: tzinfo
) -> list[str]:
    """Number a credit note, issued `now`, for each refund of the order that went through and
    has none, oldest first; none for an order without an invoice (paid before invoices). The
    caller holds the order's row, so no other transaction numbers its refunds meanwhile."""
    invoiced = connection.execute(
        select(_O.invoice_number).where(_O.id == order_id)
    ).scalar_one_or_none()
    if invoiced is None:
        return []
    noted = select(_N.refund_id).where(_N.order_id == order_id)
    due = connection.execute(
        select(_F.id, _F.amount_minor)
        .where(_F.order_id == order_id, _F.status == "succeeded", _F.id.not_in(noted))
        .order_by(_F.id)
    ).all()
    day, numbers = shop_day(now, zone), []
    for refund in due:
        number = credit_note_number(day.year, next_in_series(connection, NOTE_COUNTER, day.year))
        connection.execute(
            insert(NOTE).values(
                number=number,
                order_id=order_id,
                refund_id=refund.id,
                amount_minor=refund.amount_minor,
                issued_at=now,
                issue_date=day,
            )
        )
        numbers.append(number)
    return numbers
