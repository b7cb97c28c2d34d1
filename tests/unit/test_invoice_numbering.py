"""The invoice numbering rule: a series per calendar year of the shop's time zone."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from storefront.services.invoices.numbering import invoice_number
from storefront.services.shop_days import shop_day

PARIS = ZoneInfo("Europe/Paris")


def test_a_number_reads_prefix_year_and_six_digits() -> None:
    assert invoice_number(2026, 1) == "F2026-000001"
    assert invoice_number(2026, 123) == "F2026-000123"
    assert invoice_number(2027, 1_234_567) == "F2027-1234567"  # longer, never cut


def test_a_sequence_starts_at_one() -> None:
    with pytest.raises(ValueError, match="starts at 1"):
        invoice_number(2026, 0)


def test_the_year_is_the_shop_zone_s_not_utc_s() -> None:
    new_year_in_paris = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)  # 00:30 on 1 January there
    # The series the stores number in (adapters/sql_invoice_numbers.py, sql_credit_notes.py).
    assert shop_day(new_year_in_paris, PARIS).year == 2027
    assert shop_day(new_year_in_paris, UTC).year == 2026
    assert shop_day(datetime(2026, 12, 31, 22, 59, tzinfo=UTC), PARIS).year == 2026
