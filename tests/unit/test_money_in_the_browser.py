"""The browser's prices (components/money.py, run here in Node's Intl) divide the stored
minor units by the decimals the server stores them in (models/money.py): for HUF, Intl's
own (none) showed 100 times the price (code review)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from components.money import date_time, long_date, money
from state.locale import LocaleState
from storefront.i18n_format import format_time
from tests.unit.in_node import needs_node, run_in_node

pytestmark = needs_node


def shown(amount_minor: int, currency: str, tag: str = "en-US") -> str:
    expression = str(money(amount_minor, currency)).replace(str(LocaleState.intl_tag), repr(tag))
    return run_in_node(expression).replace("\u00a0", " ").replace("\u202f", " ")


@pytest.mark.parametrize(
    ("amount", "currency", "text"),
    [
        (123456, "EUR", "€1,234.56"),
        (123456, "HUF", "HUF 1,234.56"),  # Intl shows HUF without decimals: 123,456 before
        (1234, "JPY", "¥1,234"),
        (1234, "KWD", "KWD 1.234"),
        (123456, "USD", "$1,234.56"),
    ],
)
def test_a_price_is_shown_in_the_decimals_it_is_stored_in(
    amount: int, currency: str, text: str
) -> None:
    assert shown(amount, currency) == text


def test_a_price_reads_in_the_shoppers_language() -> None:
    assert shown(1290, "EUR", "fr-FR") == "12,90 €"


@pytest.mark.parametrize(
    ("tag", "iso", "text"),
    [
        ("fr-FR", "2026-10-01T12:00:00Z", "1er octobre 2026"),  # as French writes it (QA)
        ("fr-FR", "2026-10-11T12:00:00Z", "11 octobre 2026"),
        ("en-GB", "2026-10-01T12:00:00Z", "1 October 2026"),
    ],
)
def test_a_months_first_day_is_1er_in_french_only(tag: str, iso: str, text: str) -> None:
    expression = str(long_date(f"'{iso}'")).replace(str(LocaleState.intl_tag), repr(tag))
    assert run_in_node(expression) == text


def in_node(var: object, tag: str) -> str:
    return run_in_node(str(var).replace(str(LocaleState.intl_tag), repr(tag)))


@pytest.mark.parametrize(
    ("tag", "iso", "text"),
    [
        ("fr-FR", "2026-12-02T08:05:00Z", "2 déc. 2026, 9\u202fh\u202f05"),  # not 09:05
        ("fr-FR", "2026-12-02T14:24:00Z", "2 déc. 2026, 15\u202fh\u202f24"),
        ("fr-FR", "2026-12-01T23:30:00Z", "2 déc. 2026, 0\u202fh\u202f30"),  # the next day there
        ("en-GB", "2026-12-02T08:05:00Z", "2 Dec 2026, 09:05"),
        ("en-GB", "2026-12-02T14:24:00Z", "2 Dec 2026, 15:24"),
    ],
)
def test_a_time_reads_as_each_language_writes_hours(tag: str, iso: str, text: str) -> None:
    assert in_node(date_time(f"'{iso}'", "Europe/Paris"), tag) == text


@pytest.mark.parametrize("iso", ["2026-12-02T08:05:00Z", "2026-07-14T21:59:00Z"])
@pytest.mark.parametrize(("tag", "lang"), [("fr-FR", "fr"), ("en-GB", "en")])
def test_the_browsers_times_are_the_servers(tag: str, lang: str, iso: str) -> None:
    """The page's times (date_time) and the mails' and documents' (format_time) agree."""
    zone = "America/New_York"
    moment = datetime.fromisoformat(iso)
    shown = in_node(date_time(f"'{iso}'", zone), tag)
    assert shown.endswith(", " + format_time(lang, moment, ZoneInfo(zone)))


def test_a_date_in_the_shops_zone_is_its_day_there() -> None:
    """23:30 UTC on 1 December is already the 2nd in Paris and still the 1st in New York."""
    iso = "'2026-12-01T23:30:00Z'"
    assert in_node(long_date(iso, "Europe/Paris"), "en-GB") == "2 December 2026"
    assert in_node(long_date(iso, "America/New_York"), "fr-FR") == "1er décembre 2026"
