"""Prices said in a search's words ("dress under 50"), and the words that only look so."""

from __future__ import annotations

import pytest

from storefront.services.search.price_words import PriceWords, price_words


@pytest.mark.parametrize(
    ("typed", "rest", "said", "low", "high"),
    [
        ("dress under 50", "dress", "under 50", None, 4999),
        ("red dress below €49.90", "red dress", "below €49.90", None, 4989),
        ("jeans up to 80 euros", "jeans", "up to 80 euros", None, 8000),
        ("tv over 500", "tv", "over 500", 50000, None),
        ("sofa between 300 and 600 €", "sofa", "between 300 and 600 €", 30000, 60000),
        ("lamp from 20 to 40 €", "lamp", "from 20 to 40 €", 2000, 4000),
        ("lamp from €20", "lamp", "from €20", 2000, None),
        ("sofa between 600 and 300", "sofa", "between 600 and 300", 30000, 60000),
        ("table de 100 à 200 euros", "table", "de 100 à 200 euros", 10000, 20000),
        ("shoes 20-50 €", "shoes", "20-50 €", 2000, 5000),
        ("€20 – €50 shoes", "shoes", "€20 – €50", 2000, 5000),
        ("sofa over 200 under 900", "sofa", "over 200 under 900", 20000, 89999),
        ("sofa under 900 over 200", "sofa", "under 900 over 200", 20000, 89999),
        ("rug under 1,000", "rug", "under 1,000", None, 99999),
        ("rug under 1\u202f000 €", "rug", "under 1\u202f000 €", None, 99999),
        ("lamp under 12,50", "lamp", "under 12,50", None, 1249),
        ("bag <= 30", "bag", "<= 30", None, 3000),
        ("bag ≤30€", "bag", "≤30€", None, 3000),
        ("dress under 50 in red", "dress in red", "under 50", None, 4999),
        ("air max 90 under €100", "air max 90", "under €100", None, 9999),
        ("lampe moins de 40 €", "lampe", "moins de 40 €", None, 3999),
        ("chaise entre 20 et 50", "chaise", "entre 20 et 50", 2000, 5000),
        ("pull jusqu’à 60 €", "pull", "jusqu’à 60 €", None, 6000),
        ("pull à partir de 25", "pull", "à partir de 25", 2500, None),
        ("Robe SOUS 30", "Robe", "SOUS 30", None, 2999),
        ("chaise à moins de 50 €", "chaise", "à moins de 50 €", None, 4999),
        ("lamp below 40 and over 10", "lamp", "below 40 over 10", 1000, 3999),  # no "and"
    ],
)
def test_a_price_said_is_read_as_a_range_and_the_rest_searched(
    typed: str, rest: str, said: str, low: int | None, high: int | None
) -> None:
    assert price_words(typed, "EUR") == PriceWords(rest, said, low, high)


@pytest.mark.parametrize(
    "typed",
    [
        "iphone 13",
        "under armour shirt",  # a brand
        "air max 90",  # a name: max and min are prices only with a currency
        "table under 100 cm",  # measures
        "drill over 500 w",
        "toys under 18 months",
        "lamp under 5 100 watts",
        "canapé de 2 à 3 places",
        "bed 160-200",  # a size: a bare range is a price only with its currency
        "thunder 5",
        "under 50",  # nothing but a price: no search
        "dress under 0",
        "lamp under 12.999",  # more decimals than euros have
        # Sizes, counts and dates (review): a range with "de"/"from", or "from" alone, is a
        # price only with its currency.
        "lit de 140 a 160",
        "pack de 2 a 4",
        "iphone from 2020",
        "lamp from 20 to 40",
        "sofa over 900 under 200",  # asks for nothing
        "lamp under $50",  # another currency than the shop's
        "lamp under 40 dollars",
        "lamp under 40 £",
        "lamp under 40 metres",  # spelled-out units and counts (QA)
        "bed under 140x190",
        "rug under 200 by 300",
        "wine under 12 bottles",
        "candles under 10 each",
    ],
)
def test_numbers_that_are_no_price_stay_words(typed: str) -> None:
    assert price_words(typed, "EUR") is None


def test_a_second_bound_of_the_same_side_stays_a_word() -> None:
    assert price_words("shirt over 20 over 30", "EUR") == PriceWords(
        "shirt over 30", "over 20", 2000, None
    )


def test_amounts_follow_the_currency() -> None:
    assert price_words("lamp under 5000", "JPY") == PriceWords("lamp", "under 5000", None, 4999)
    assert price_words("lamp under 50.5", "JPY") is None  # yen have no cents
    assert price_words("lamp under $50", "USD") == PriceWords("lamp", "under $50", None, 4999)
    assert price_words("lamp 20-50 jpy", "JPY") == PriceWords("lamp", "20-50 jpy", 20, 50)
