import pytest

from models.money import MoneyParseError, format_major_amount, parse_major_amount, ungrouped


@pytest.mark.parametrize(
    ("text", "currency", "minor"),
    [
        ("12.90", "EUR", 1290),
        ("12,9", "EUR", 1290),
        ("7", "EUR", 700),
        ("1 250.5", "EUR", 125050),
        ("1500", "JPY", 1500),
        ("0.005", "KWD", 5),
        ("12.", "EUR", 1200),
        ("0" * 5000 + "1.50", "EUR", 150),  # zeros past what int() reads
        # Thousands grouped as a merchant writes them, or pastes a price the shop shows.
        ("1\u202f234,50", "EUR", 123450),
        ("1\u00a0234,50\u00a0€", "EUR", 123450),
        ("1,234.50", "EUR", 123450),
        ("1.234,5", "EUR", 123450),
        ("1,234,567", "EUR", 123456700),
        ("1'234.50", "CHF", 123450),
        ("€12.50", "EUR", 1250),
        ("EUR 12", "EUR", 1200),
        ("usd 3", "USD", 300),
        ("1,234.567", "KWD", 1234567),
        ("1 234 567", "JPY", 1234567),
        ("1,234", "JPY", 1234),  # no decimals in yen: a thousand and more, nothing else
        ("¥1,234", "JPY", 1234),  # as the English shop shows it
    ],
)
def test_amounts_parse_to_minor_units(text: str, currency: str, minor: int) -> None:
    assert parse_major_amount(text, currency) == minor


@pytest.mark.parametrize(
    "text",
    [
        *("1,000", "12.999", "-3", "1e3", "abc", "", "1.2.3", "12.5", "NaN", "²", "9" * 5000),
        "1,234,56",  # grouped, then decimals after the same separator
        "1,234.567.890",
        "1,2345.00",
        "12,3.456",
        "$12",  # another currency's sign
        "€",
        "€-3",
        "12'50",  # spaces and apostrophes only between whole groups of three
        "12\t50",
        "1 2 3",
    ],
)
def test_ambiguous_or_invalid_amounts_are_refused(text: str) -> None:
    currency = "JPY" if text == "12.5" else "EUR"
    with pytest.raises(MoneyParseError):
        parse_major_amount(text, currency)


@pytest.mark.parametrize(
    ("text", "kept"),
    [("1 000", "1000"), ("12\u202f500", "12500"), ("1\u00a0000\u00a0000", "1000000"),
     ("1 00", "1 00"), ("1,000", "1,000"), ("10", "10"), ("", "")],
)  # fmt: skip
def test_only_whole_numbers_grouped_by_thousands_lose_their_spaces(text: str, kept: str) -> None:
    assert ungrouped(text) == kept


def test_format_is_the_inverse_of_parse() -> None:
    assert format_major_amount(1290, "EUR") == "12.90"
    assert format_major_amount(1500, "JPY") == "1500"
    assert parse_major_amount(format_major_amount(123456, "EUR"), "EUR") == 123456
