"""The browser's prices (components/money.py, run here in Node's Intl) divide the stored
minor units by the decimals the server stores them in (models/money.py): for HUF, Intl's
own (none) showed 100 times the price (code review)."""

from __future__ import annotations

import pytest

from components.money import long_date, money
from state.locale import LocaleState
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
