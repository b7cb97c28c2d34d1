"""Money as integer minor units plus an ISO 4217 currency code; never floats."""

from __future__ import annotations

import re
from decimal import Decimal

_AMOUNT = re.compile(r"^([0-9]+)(?:[.,]([0-9]*))?$")
# Thousands grouped by one separator, then decimals after the other: "1,234.50" as English
# writes it, "1.234,50" as German does ("1,234" alone stays ambiguous: _AMOUNT's reading).
_GROUPED = re.compile(r"^([0-9]{1,3}([.,])[0-9]{3}(?:\2[0-9]{3})*)(?:([.,])([0-9]*))?$")
# Between groups as French, Swiss and others write them: spaces of every width, apostrophes;
# only between whole groups of three ("12'50" is no amount, not 1,250).
_GROUP_SPACE = "[\\s\u00a0\u202f\u2009'\u2019]"
_SPACE_GROUPED = re.compile(rf"^[0-9]{{1,3}}(?:{_GROUP_SPACE}[0-9]{{3}})+(?:[.,][0-9]*)?$")
# The currency's sign, typed or pasted from a price as the shop shows it ("12,50 €").
SIGNS = {"EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥"}
MAX_WHOLE_DIGITS = 15  # far above any price, far below what int() refuses to read
# Currencies whose minor unit is not the cent. Everything else has two decimals.
EXPONENTS = {"JPY": 0, "KRW": 0, "CLP": 0, "ISK": 0, "HUF": 2, "BHD": 3, "KWD": 3, "TND": 3}


class MoneyParseError(ValueError):
    """A text is not a valid amount."""


def minor_exponent(currency: str) -> int:
    """How many decimals the currency's minor unit has (2 for EUR, 0 for JPY)."""
    return EXPONENTS.get(currency.upper(), 2)


def ungrouped(text: str) -> str:
    """`text` without the spaces between its thousands when it is a number so grouped
    ("1 000" -> "1000", "1 234,5" -> "1234,5"); anything else as it is (for its reader to
    refuse)."""
    return re.sub(_GROUP_SPACE, "", text) if _SPACE_GROUPED.fullmatch(text) else text


def parse_major_amount(text: str, currency: str) -> int:
    """Parse '12.90' or '12,90' (major units) into minor units; thousands may be grouped
    ('1 234,50', '1,234.50', '1.234,50', "1'234.50") and the currency's code or sign may
    stand before or after ('12,50 €', 'EUR 12.50').

    Negative amounts and more decimals than the currency has are refused.
    """
    cleaned = ungrouped(_without_sign(text.strip(), currency).strip())
    if cleaned.startswith("-"):
        raise MoneyParseError(f"{text!r} is negative")
    exponent = minor_exponent(currency)
    whole, decimals = _parts(cleaned, text, exponent)
    if len(whole.lstrip("0")) > MAX_WHOLE_DIGITS:
        raise MoneyParseError(f"{text[:40]!r} is too large")
    if len(decimals) > exponent:
        # "1,000" is a thousands separator to some and a decimal comma to others: refuse.
        raise MoneyParseError(
            f"{text!r} has more than {exponent} decimals for {currency} "
            "(write amounts like 1000 or 12.90, without thousands separators)"
        )
    # Leading zeros dropped: int() refuses more than 4,300 digits, zeros too.
    significant = whole.lstrip("0") or "0"
    minor: int = int(significant) * 10**exponent + int(decimals.ljust(exponent, "0") or "0")
    return minor


def _without_sign(text: str, currency: str) -> str:
    """The amount without the currency's code or sign around it (another currency's stays,
    and is refused as no amount)."""
    for sign in (currency.upper(), SIGNS.get(currency.upper(), currency.upper())):
        if text.upper().startswith(sign):
            return text[len(sign) :]
        if text.upper().endswith(sign):
            return text[: -len(sign)]
    return text


def _parts(cleaned: str, text: str, exponent: int) -> tuple[str, str]:
    """The whole and decimal digits of an amount, its thousands separators dropped. A
    currency without decimals reads "1,234" as a thousand and more: it can mean nothing else."""
    grouped = _GROUPED.match(cleaned)
    if exponent == 0 and grouped is not None and grouped.group(3) is None:
        return grouped.group(1).replace(grouped.group(2), ""), ""
    match = _AMOUNT.match(cleaned)
    if match is not None:
        return match.group(1), match.group(2) or ""
    # The decimals' separator must be the other one: "1,234,56" is no amount.
    if grouped is None or grouped.group(3) == grouped.group(2):
        raise MoneyParseError(f"{text!r} is not an amount")
    return grouped.group(1).replace(grouped.group(2), ""), grouped.group(4) or ""


def format_major_amount(amount_minor: int, currency: str) -> str:
    """Minor units back to a plain major-unit string ('12.90'), as CSV exports want."""
    exponent = minor_exponent(currency)
    return f"{Decimal(amount_minor).scaleb(-exponent):.{exponent}f}"
