"""Money as integer minor units plus an ISO 4217 currency code; never floats."""

from __future__ import annotations

import re
from decimal import Decimal

_AMOUNT = re.compile(r"^([0-9]+)(?:[.,]([0-9]*))?$")
MAX_WHOLE_DIGITS = 15  # far above any price, far below what int() refuses to read
# Currencies whose minor unit is not the cent. Everything else has two decimals.
EXPONENTS = {"JPY": 0, "KRW": 0, "CLP": 0, "ISK": 0, "HUF": 2, "BHD": 3, "KWD": 3, "TND": 3}


class MoneyParseError(ValueError):
    """A text is not a valid amount."""


def minor_exponent(currency: str) -> int:
    """How many decimals the currency's minor unit has (2 for EUR, 0 for JPY)."""
    return EXPONENTS.get(currency.upper(), 2)


def parse_major_amount(text: str, currency: str) -> int:
    """Parse '12.90' or '12,90' (major units) into minor units.

    Negative amounts and more decimals than the currency has are refused.
    """
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    if cleaned.startswith("-"):
        raise MoneyParseError(f"{text!r} is negative")
    match = _AMOUNT.match(cleaned)
    if match is None:
        raise MoneyParseError(f"{text!r} is not an amount")
    whole, decimals = match.group(1), match.group(2) or ""
    if len(whole.lstrip("0")) > MAX_WHOLE_DIGITS:
        raise MoneyParseError(f"{text[:40]!r} is too large")
    exponent = minor_exponent(currency)
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


def format_major_amount(amount_minor: int, currency: str) -> str:
    """Minor units back to a plain major-unit string ('12.90'), as CSV exports want."""
    exponent = minor_exponent(currency)
    return f"{Decimal(amount_minor).scaleb(-exponent):.{exponent}f}"
