"""The refunds made between two of the shop's days, as CSV for the merchant's books: one
row per refund that went through (from the admin, in the payment provider's dashboard, or
made outside the provider and recorded here: a bank transfer, a cheque...), dated when it was
made, with the VAT it gives back and how it went back. The orders export files a refund under
its order's date; a refund belongs to the period it was made in. A refund that failed after
it went through (a closed card: the money came back to the shop, not to the customer) keeps
its row, and gets a second one, `refund_failed`, dated when the shop heard so, with its
amount and VAT negative: a period already booked stays as it was, and the one the failure
falls in takes it back, with the number of the invoice cancelling its credit note."""

from __future__ import annotations

import csv
from datetime import tzinfo
from decimal import Decimal
from typing import TextIO

from models.money import format_major_amount
from storefront.services.admin.order_export import local_time
from storefront.services.admin.order_views import OrderAdminStore, OrderFilter
from storefront.services.admin.refund_entries import RefundEntry
from storefront.services.catalog_csv.cells import spreadsheet_safe
from storefront.services.checkout.pricing import vat_percent_text

REFUNDS_CSV = "/api/admin/refunds.csv"  # where the admin downloads it
BATCH = 500
COLUMNS = (
    "refunded_at",
    "order",
    "order_placed_at",
    "email",
    "currency",
    "amount",
    "vat_rate_percent",
    "vat_included",
    "made_in",
    "reason",
    "refund_id",
    "entry",  # refund, or refund_failed
    "invoice",  # the order's invoice number
    "credit_note",  # the refund's credit note number (QA: an accountant could not match them)
    "reversal_invoice",  # of a refund_failed row: the invoice cancelling that credit note
    # How it went back: "provider" (through the payment provider), or recorded as made
    # outside it: bank_transfer, cheque, cash, other (its refund_id then empty).
    "method",
)


def write_refunds(store: OrderAdminStore, days: OrderFilter, stream: TextIO, zone: tzinfo) -> int:
    """Write the refunds made within the filter's days (its other fields are the orders',
    and are not used) to `stream`, oldest first; return how many."""
    start, end = days.created_range()
    writer = csv.writer(stream)
    writer.writerow(COLUMNS)
    written, after = 0, None
    while batch := store.refund_entries(start, end, after, BATCH):
        for refund in batch:
            writer.writerow([_cell(cell) for cell in _row(refund, zone)])
        written += len(batch)
        last = batch[-1]
        after = (last.refunded_at, last.id, last.reversal)
    return written


def _row(refund: RefundEntry, zone: tzinfo) -> list[object]:
    currency, sign = refund.currency, -1 if refund.reversal else 1
    return [
        local_time(refund.refunded_at, zone),
        refund.order_reference,
        local_time(refund.order_placed_at, zone),
        refund.email,
        currency,
        _amount(sign * refund.amount_minor, currency),
        vat_percent_text(refund.vat_rate_bp),
        _amount(sign * refund.vat_minor, currency),
        "provider" if refund.made_at_provider else "shop",
        refund.reason,
        refund.provider_refund_id or "",
        "refund_failed" if refund.reversal else "refund",
        refund.invoice_number or "",
        refund.credit_note or "",
        refund.reversal_invoice or "",
        refund.method or "provider",
    ]


def _amount(amount_minor: int, currency: str) -> Decimal:
    return Decimal(format_major_amount(amount_minor, currency))


def _cell(value: object) -> str:
    """Text as a spreadsheet cannot run it; the amounts written here as the numbers they are
    (a negative one would otherwise be taken for a formula and quoted)."""
    return str(value) if isinstance(value, Decimal | int) else spreadsheet_safe(str(value))
