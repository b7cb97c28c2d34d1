"""The orders a filter shows, as CSV for the merchant's bookkeeping: one row per order, its
amounts as priced at checkout (VAT rate and amount included), what was refunded, the
numbers of its invoice, credit notes and reversal invoices, and its dates in the shop's time
zone. Read in batches, so a year of orders never sits in memory.

An order never paid (awaiting payment, declined, or canceled unpaid: abandoned or declined,
then given up) is no sale: its row stays, as the list shows it, but its amounts and units
are written as zero and its `sale` column says "no", so that summing a column never counts
money that was not taken. An order paid once is a sale whatever came after (`sale` "yes"):
one refunded in full, and canceled so, shows its total and the same refunded."""

from __future__ import annotations

import csv
from datetime import datetime, tzinfo
from typing import TextIO

from models.money import format_major_amount
from storefront.services.admin.order_views import OrderAdminStore, OrderFilter
from storefront.services.catalog_csv.cells import spreadsheet_safe
from storefront.services.checkout.pricing import vat_percent_text
from storefront.services.orders.ports import OrderRecord

ORDERS_CSV = "/api/admin/orders.csv"  # where the admin downloads it
BATCH = 500
COLUMNS = (
    "reference",
    "status",
    "placed_at",
    "paid_at",
    "shipped_at",
    "email",
    "name",
    "country",
    "currency",
    "subtotal",
    "discount",
    "discount_code",
    "shipping",
    "shipping_method",
    "total",
    "vat_rate_percent",
    "vat_included",
    "refunded",
    "items",
    "payment_id",
    # The documents issued, for matching rows to them (QA: an accountant could not).
    "invoice_number",
    "credit_notes",  # their numbers, oldest first, space-separated
    # The invoices cancelling some of those notes (their refunds failed after they went
    # through): a note stays listed, never deleted, so without them the file read as if
    # every note still stood. In the order of the notes they cancel, space-separated.
    "reversal_invoices",
    # "yes": paid once (its amounts as sold); "no": never paid, its amounts written as zero.
    "sale",
)


def write_orders(
    store: OrderAdminStore, order_filter: OrderFilter, stream: TextIO, zone: tzinfo
) -> int:
    """Write the matching orders to `stream` in the order they were placed (by id: every
    batch picks up after the last one's); return how many."""
    writer = csv.writer(stream)
    writer.writerow(COLUMNS)
    written, after = 0, 0
    while batch := store.records(order_filter, after, BATCH):
        for order in batch:
            writer.writerow([spreadsheet_safe(str(cell)) for cell in _row(order, zone)])
        written += len(batch)
        after = batch[-1].id
    return written


def _row(order: OrderRecord, zone: tzinfo) -> list[object]:
    amounts = order.amounts
    sale = order.paid_at is not None  # as the customers' and the dashboard's figures count it

    def money(amount_minor: int) -> str:
        return format_major_amount(amount_minor if sale else 0, amounts.currency)

    return [
        order.reference,
        order.status.value,
        local_time(order.created_at, zone),
        local_time(order.paid_at, zone),
        local_time(order.fulfilled_at, zone),
        order.email,
        order.address.name,
        order.address.country,
        amounts.currency,
        money(amounts.subtotal_minor),
        money(amounts.discount_minor),
        order.discount_code or "",
        money(amounts.shipping_minor),
        order.shipping_method,
        money(amounts.total_minor),
        vat_percent_text(amounts.vat_rate_bp),
        money(amounts.vat_included_minor),
        money(order.refunded_minor),
        sum(line.quantity for line in order.lines) if sale else 0,
        order.payment_intent_id or "",
        order.invoice_number or "",
        " ".join(note.number for note in order.credit_notes),
        " ".join(note.reversal.number for note in order.credit_notes if note.reversal),
        "yes" if sale else "no",
    ]


def local_time(moment: datetime | None, zone: tzinfo) -> str:
    """An instant as the shop's local time, with its offset (unambiguous in either zone)."""
    return moment.astimezone(zone).isoformat(timespec="seconds") if moment else ""
