"""Times of day as the server writes them (storefront/i18n_format.py): mails, the admin's
texts, the withdrawal acknowledgements."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from storefront.i18n_format import format_time

PARIS = ZoneInfo("Europe/Paris")


@pytest.mark.parametrize(
    ("lang", "utc", "text"),
    [
        ("fr", (14, 24), "15\u202fh\u202f24"),  # not 15:24
        ("fr", (8, 5), "9\u202fh\u202f05"),  # the hour without its 0, the minutes with theirs
        ("fr", (23, 0), "0\u202fh\u202f00"),
        ("en", (14, 24), "15:24"),
        ("en", (8, 5), "09:05"),
    ],
)
def test_a_time_of_day_is_written_as_each_language_writes_it(
    lang: str, utc: tuple[int, int], text: str
) -> None:
    moment = datetime(2026, 12, 4, *utc, tzinfo=UTC)
    assert format_time(lang, moment, PARIS) == text


def test_a_time_is_read_on_the_zones_clock() -> None:
    summer = datetime(2026, 7, 14, 19, 30, tzinfo=UTC)
    assert format_time("fr", summer, PARIS) == "21\u202fh\u202f30"  # UTC+2 in summer
    assert format_time("en", summer, ZoneInfo("America/New_York")) == "15:30"
    assert format_time("en", summer, UTC) == "19:30"


def test_a_language_the_shop_does_not_know_reads_as_english() -> None:
    assert format_time("de", datetime(2026, 12, 4, 14, 24, tzinfo=UTC), UTC) == "14:24"
