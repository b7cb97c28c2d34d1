"""A discount code's expiry in the admin list: the shop's day it works until, or the day and
time it ended ("Expires after 7 December 2026 … Expired" for a code ended at 11:22; QA)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from state.admin.discounts import discount_item
from storefront.i18n import translations
from storefront.services.admin.discounts import DiscountRow

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 12, 7, 10, 30, tzinfo=UTC)  # 11:30 in Paris


def row(expires_at: datetime | None, *, active: bool = True) -> DiscountRow:
    return DiscountRow("WINTER", "percent", 10, 0, expires_at, None, 0, active)


def test_a_code_ended_today_says_the_shops_time_it_ended() -> None:
    item = discount_item(row(datetime(2026, 12, 7, 10, 22, tzinfo=UTC)), "EUR", PARIS, NOW)
    assert (item.expires, item.status) == ("2026-12-07", "expired")
    assert item.expired_time == {"en": "11:22", "fr": "11\u202fh\u202f22"}


def test_a_code_still_running_has_no_time_it_ended() -> None:
    later = datetime(2026, 12, 31, 22, 59, 59, tzinfo=UTC)  # the end of the 31st in Paris
    item = discount_item(row(later), "EUR", PARIS, NOW)
    assert (item.expires, item.expired_time) == ("2026-12-31", {"en": "", "fr": ""})
    assert discount_item(row(None), "EUR", PARIS, NOW).expired_time == {"en": "", "fr": ""}


def test_an_ended_code_switched_off_still_says_when_it_ended() -> None:
    ended = datetime(2026, 12, 6, 23, 30, tzinfo=UTC)  # already the 7th in Paris
    item = discount_item(row(ended, active=False), "EUR", PARIS, NOW)
    assert (item.status, item.expires) == ("off", "2026-12-07")
    assert item.expired_time == {"en": "00:30", "fr": "0\u202fh\u202f30"}


def test_the_ended_cell_reads_in_english_and_french() -> None:
    assert translations("admin.discount.expired_on") == {
        "en": "Expired on {day} at {time}",
        "fr": "Expiré le {day} à {time}",
    }
