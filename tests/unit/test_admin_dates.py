"""The admin reads every date and time on the shop's clock (BOUTIQUE_TIMEZONE): some pages
were written in the laptop's zone and others in the shop's, so a merchant in Paris reading
orders from New York saw an order's day shift from one page to the next."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from components.money import shop_date, shop_date_time
from storefront.settings import get_settings

ROOT = Path(__file__).resolve().parents[2]
ADMIN_UI = sorted([*ROOT.glob("storefront/pages/admin/*.py"), *ROOT.glob("components/admin_*.py")])
# The reader's own clock: right for a shopper, never for the admin.
READERS_CLOCK = re.compile(r"\b(long_date|date_time)\(")


@pytest.mark.parametrize("module", ADMIN_UI, ids=lambda p: p.name)
def test_no_admin_page_shows_a_date_on_the_readers_clock(module: Path) -> None:
    assert READERS_CLOCK.findall(module.read_text(encoding="utf-8")) == []


def test_the_admins_dates_and_times_are_read_in_the_shops_zone() -> None:
    zone = f"timeZone: {json.dumps(get_settings().timezone)}"
    assert zone in str(shop_date("at"))
    assert zone in str(shop_date_time("at"))
