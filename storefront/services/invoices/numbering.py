"""The invoice numbering rule: one continuous series per calendar year of the shop's time
zone, "F2026-000123"; credit notes have series of their own, "A2026-000045". The counters
themselves are the store's (one atomic update in the transaction issuing the document, in
the series of shop_day(now, zone).year); this module says how a number reads."""

from __future__ import annotations

PREFIX = "F"
CREDIT_NOTE_PREFIX = "A"  # avoir
DIGITS = 6


def invoice_number(year: int, sequence: int, prefix: str = PREFIX) -> str:
    """The number of the `sequence`-th invoice (from 1) of `year`, or of the `prefix` series."""
    if sequence < 1:
        raise ValueError(f"an invoice sequence starts at 1, not {sequence}")
    return f"{prefix}{year}-{sequence:0{DIGITS}d}"


def credit_note_number(year: int, sequence: int) -> str:
    """The number of the `sequence`-th credit note (from 1) of `year`."""
    return invoice_number(year, sequence, CREDIT_NOTE_PREFIX)
