"""Reading orders: `sales_order` rows and their lines mapped to the services' records."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import Connection, select
from sqlmodel import SQLModel

from models.orders import CreditNote, OrderLine, OrderRefund, OrderStatus, ReversalInvoice
from storefront.services.checkout.pricing import Totals
from storefront.services.orders.ports import (
    Address,
    CreditNoteRecord,
    OrderItem,
    OrderRecord,
    PaidOutside,
    ReversalRecord,
)

LINE = SQLModel.metadata.tables[str(OrderLine.__tablename__)]
NOTE = SQLModel.metadata.tables[str(CreditNote.__tablename__)]
REVERSAL = SQLModel.metadata.tables[str(ReversalInvoice.__tablename__)]
_REFUND = SQLModel.metadata.tables[str(OrderRefund.__tablename__)]


def order_records(connection: Connection, rows: Sequence[Any]) -> list[OrderRecord]:
    """Records of these `sales_order` rows, each with its lines and credit notes (one query
    for all of each)."""
    if not rows:
        return []
    notes = _credit_notes(connection, [r["id"] for r in rows if r["invoice_number"] is not None])
    lines: dict[int, list[OrderItem]] = {}
    for line in connection.execute(
        select(LINE).where(LINE.c.order_id.in_([r["id"] for r in rows])).order_by(LINE.c.id)
    ).mappings():
        lines.setdefault(line["order_id"], []).append(
            OrderItem(
                line["product_id"],
                line["sku"],
                line["title"],
                line["quantity"],
                line["unit_price_minor"],
                line["options"],
            )
        )
    outside = _paid_outside(connection, [r["id"] for r in rows])
    return [
        replace(
            _record(row, tuple(lines.get(row["id"], ())), notes.get(row["id"], ())),
            paid_outside=outside.get(row["id"], ()),
        )
        for row in rows
    ]


def _paid_outside(
    connection: Connection, order_ids: list[int]
) -> dict[int, tuple[PaidOutside, ...]]:
    """Each order's refunds made outside the payment provider, oldest first."""
    found: dict[int, list[PaidOutside]] = {}
    f = _REFUND.c
    for refund in connection.execute(
        select(f.order_id, f.method, f.amount_minor, f.created_at)
        .where(f.order_id.in_(order_ids), f.method != "", f.status == "succeeded")
        .order_by(f.created_at, f.id)
    ):
        found.setdefault(refund.order_id, []).append(
            PaidOutside(refund.method, refund.amount_minor, refund.created_at)
        )
    return {order_id: tuple(refunds) for order_id, refunds in found.items()}


def _credit_notes(
    connection: Connection, order_ids: list[int]
) -> dict[int, tuple[CreditNoteRecord, ...]]:
    if not order_ids:
        return {}
    notes: dict[int, list[CreditNoteRecord]] = {}
    reversal = REVERSAL.c
    for note in connection.execute(
        select(
            NOTE,
            reversal.number.label("reversal_number"),
            reversal.issued_at.label("reversal_issued_at"),
            reversal.issue_date.label("reversal_issue_date"),
        )
        .outerjoin(REVERSAL, reversal.refund_id == NOTE.c.refund_id)
        .where(NOTE.c.order_id.in_(order_ids))
        .order_by(NOTE.c.id)
    ).mappings():
        cancelled = note["reversal_number"]
        notes.setdefault(note["order_id"], []).append(
            CreditNoteRecord(
                note["number"],
                note["amount_minor"],
                note["issued_at"],
                note["issue_date"],
                None
                if cancelled is None
                else ReversalRecord(
                    cancelled, note["reversal_issued_at"], note["reversal_issue_date"]
                ),
            )
        )
    return {order_id: tuple(found) for order_id, found in notes.items()}


def _record(
    row: Any, lines: tuple[OrderItem, ...], notes: tuple[CreditNoteRecord, ...]
) -> OrderRecord:
    return OrderRecord(
        id=row["id"],
        reference=row["reference"] or "",
        status=OrderStatus(row["status"]),
        account_id=row["account_id"],
        cart_id=row["cart_id"],
        email=row["email"],
        locale=row["locale"],
        address=Address(
            row["ship_name"],
            row["ship_line1"],
            row["ship_line2"],
            row["ship_postal_code"],
            row["ship_city"],
            row["ship_country"],
        ),
        shipping_method=row["shipping_method"],
        discount_code=row["discount_code"],
        amounts=Totals(
            subtotal_minor=row["subtotal_minor"],
            discount_minor=row["discount_minor"],
            shipping_minor=row["shipping_minor"],
            total_minor=row["total_minor"],
            vat_rate_bp=row["vat_rate_bp"],
            vat_included_minor=row["vat_minor"],
            currency=row["currency"],
        ),
        refunded_minor=row["refunded_minor"],
        payment_intent_id=row["payment_intent_id"],
        payment_error=row["payment_error"],
        access_key=row["access_key"] or "",
        created_at=row["created_at"],
        paid_at=row["paid_at"],
        lines=lines,
        stock_short=bool(row["stock_short"]),
        carrier=row["carrier"],
        tracking_number=row["tracking_number"],
        fulfilled_at=row["fulfilled_at"],
        updated_at=row["updated_at"],
        cancel_requested_at=row["cancel_requested_at"],
        cancel_by_shop=bool(row["cancel_by_shop"]),
        cancel_released_at=row["cancel_released_at"],
        invoice_number=row["invoice_number"],
        invoiced_at=row["invoiced_at"],
        invoice_date=row["invoice_date"],
        credit_notes=notes,
        confirmation_sent_at=row["confirmation_sent_at"],
        card_refused_at=row["card_refused_at"],
        source=row["source"],
    )
