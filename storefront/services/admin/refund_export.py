"""The refunds made between two of the shop's days, as CSV for the merchant's books: one
row per refund that went through (from the admin, or in the payment provider's dashboard),
dated when it was made, with the VAT it gives back. The orders export files a refund under
its order's date; a refund belongs to the period it was made in."""

from __future__ import annotations

import csv
from datetime import tzinfo
from typing import TextIO

from models.money import format_major_amount
from storefront.services.admin.order_export import local_time
from storefront.services.admin.order_views import OrderAdminStore, OrderFilter, RefundEntry
from storefront.services.catalog_csv.cells import spreadsheet_safe

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
            writer.writerow([spreadsheet_safe(str(cell)) for cell in _row(refund, zone)])
        written += len(batch)
        after = (batch[-1].refunded_at, batch[-1].id)
    return written


def _row(refund: RefundEntry, zone: tzinfo) -> list[object]:
    currency = refund.currency
    return [
        local_time(refund.refunded_at, zone),
        refund.order_reference,
        local_time(refund.order_placed_at, zone),
        refund.email,
        currency,
        format_major_amount(refund.amount_minor, currency),
        refund.vat_rate,
        format_major_amount(refund.vat_minor, currency),
        "provider" if refund.made_at_provider else "shop",
        refund.reason,
        refund.provider_refund_id or "",
    ]
