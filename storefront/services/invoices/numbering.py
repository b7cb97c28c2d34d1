"""The invoice numbering rule: one continuous series per calendar year of the shop's time
zone, "F2026-000123"; credit notes have series of their own, "A2026-000045". The counters
themselves are the store's (one atomic update in the transaction issuing the document); this
module only says which series an instant belongs to and how a number reads."""

from __future__ import annotations

from datetime import datetime, tzinfo

from storefront.services.shop_days import shop_day

PREFIX = "F"
CREDIT_NOTE_PREFIX = "A"  # avoir
DIGITS = 6


def invoice_year(moment: datetime, zone: tzinfo) -> int:
    """The series an invoice issued at this aware instant belongs to."""
    return shop_day(moment, zone).year


def invoice_number(year: int, sequence: int, prefix: str = PREFIX) -> str:
    """The number of the `sequence`-th invoice (from 1) of `year`, or of the `prefix` series."""
    if sequence < 1:
        raise ValueError(f"an invoice sequence starts at 1, not {sequence}")
    return f"{prefix}{year}-{sequence:0{DIGITS}d}"


def credit_note_number(year: int, sequence: int) -> str:
    """The number of the `sequence`-th credit note (from 1) of `year`."""
    return invoice_number(year, sequence, CREDIT_NOTE_PREFIX)
