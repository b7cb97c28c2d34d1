"""Reversal invoices in SQL: every refund that failed after it went through (reversed) and has
a credit note gets an invoice cancelling that note, numbered from the year's invoice_counter
(the invoices' own series) inside the transaction that recorded the reversal (sql_refunds,
with the order's row held), so racing or repeated answers give one number, and a rollback
gives it back."""

from __future__ import annotations

from datetime import datetime, tzinfo

from sqlalchemy import Connection, select
from sqlmodel import SQLModel

from models.orders import OrderRefund, ReversalInvoice
from storefront.adapters.sql_credit_notes import NOTE
from storefront.adapters.sql_invoice_numbers import COUNTER, number_documents
from storefront.services.invoices.numbering import invoice_number

REVERSAL = SQLModel.metadata.tables[str(ReversalInvoice.__tablename__)]
_REFUND = SQLModel.metadata.tables[str(OrderRefund.__tablename__)]
_V, _N, _F = REVERSAL.c, NOTE.c, _REFUND.c


def issue_reversal_invoices(
    connection: Connection, order_id: int, now: datetime, zone: tzinfo
) -> list[str]:
    """Number an invoice, issued `now`, cancelling the credit note of each of the order's
    reversed refunds that has none, oldest first. The caller holds the order's row, so no
    other transaction numbers its reversals meanwhile."""
    done = select(_V.refund_id).where(_V.order_id == order_id)
    due = connection.execute(
        select(_N.refund_id, _N.amount_minor)
        .join_from(NOTE, _REFUND, _F.id == _N.refund_id)
        .where(_N.order_id == order_id, _F.reversed.is_(True), _N.refund_id.not_in(done))
        .order_by(_N.refund_id)
    ).all()
    return number_documents(
        connection,
        REVERSAL,
        COUNTER,
        number_of=invoice_number,
        order_id=order_id,
        due=due,
        now=now,
        zone=zone,
    )
