"""The invoice numbering rule: one continuous series per calendar year of the shop's time
zone, "F2026-000123". The counter itself is the store's (one atomic update in the paying
transaction); this module only says which series an instant belongs to and how a number reads."""

from __future__ import annotations

from datetime import datetime, tzinfo

from storefront.services.shop_days import shop_day

PREFIX = "F"
DIGITS = 6


def invoice_year(moment: datetime, zone: tzinfo) -> int:
    """The series an invoice issued at this aware instant belongs to."""
    return shop_day(moment, zone).year


def invoice_number(year: int, sequence: int) -> str:
    """The number of the `sequence`-th invoice (from 1) of `year`."""
    if sequence < 1:
        raise ValueError(f"an invoice sequence starts at 1, not {sequence}")
    return f"{PREFIX}{year}-{sequence:0{DIGITS}d}"
