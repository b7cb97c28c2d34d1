"""Credit notes in SQL: every refund of an invoiced order that went through gets one, numbered
from the year's credit_note_counter inside the transaction that recorded it as gone through
(sql_refunds, with the order's row held), so racing or repeated answers give one number, and a
rollback gives it back."""

from __future__ import annotations

from datetime import datetime, tzinfo

from sqlalchemy import Connection, select
from sqlmodel import SQLModel

from models.orders import CreditNote, CreditNoteCounter, OrderRefund
from storefront.adapters.sql_invoice_numbers import number_documents
from storefront.adapters.sql_order_store import ORDER
from storefront.services.invoices.numbering import credit_note_number

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
    return number_documents(
        connection,
        NOTE,
        NOTE_COUNTER,
        number_of=credit_note_number,
        order_id=order_id,
        due=due,
        now=now,
        zone=zone,
    )
