"""A price said in a search: "dress under 50", "sofa between 300 and 600 €", "lampe moins de
40 €" are the words "dress", "sofa", "lampe" with a price filter, as a shopper means them.

Only a number after a price word ("under", "moins de", "<") or in a range ("between … and",
"20-50 €") is a price: "iphone 13", "under armour", "air max 90" and "table under 100 cm"
stay words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from models.money import MoneyParseError, parse_major_amount

# 12, 12.90, 12,90, 1,000, 1 000.
_NUMBER = r"\d{1,3}(?:[, \u00a0\u202f]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"
_SIGN = r"(?:€|\$|£|(?:eur|euros?|dollars?|usd|gbp)\b)"
# A number followed by a unit is a measure, not a price ("under 100 cm", "over 2 kg").
_NO_UNIT = (
    r"(?!\d|[.,]\d|\s\d|\s?(?:%|°|×|\"|'|x\b|(?:cm|mm|m|km|inch|inches|ft|feet|kg|g|lb|lbs|oz|"
    r"l|ml|cl|gal|w|watts?|v|volts?|mah|gb|tb|mb|go|pcs|pieces|pack|places|seats|people|"
    r"personnes|ans|years?|months?|mois|h|hours?|heures?)\b))"
)


def _amount(name: str, *, sign: bool = False) -> str:
    """A number, with a currency sign before or after it (`sign`: one of them required)."""
    number = rf"(?P<{name}>{_NUMBER})"
    if sign:  # the sign after the number unless one came before it
        before, after = (
            rf"(?P<{name}_sign>{_SIGN}\s?)?",
            rf"(?({name}_sign)(?:\s?{_SIGN})?|\s?{_SIGN})",
        )
        return rf"{before}{number}{after}{_NO_UNIT}"
    return rf"(?:{_SIGN}\s?)?{number}(?:\s?{_SIGN})?{_NO_UNIT}"


def _words(pattern: str) -> re.Pattern[str]:
    # A price word starts a word: "thunder 5" holds no "under 5".
    return re.compile(rf"(?<![\w<>=]){pattern}", re.IGNORECASE)


_TO = r"\s*(?:and|et|to|[àa]|-|–)\s*"
_PATTERNS = (
    # Ranges first: "from 20 to 50" is no "from 20".
    _words(rf"(?:between|entre|from|de)\s+{_amount('low')}{_TO}{_amount('high')}"),
    # "20-50 €", "€20 – €50": a bare range only with a currency sign.
    _words(rf"{_amount('low', sign=True)}\s?[-–]\s?{_amount('high')}"),
    _words(rf"(?P<low>{_NUMBER})\s?[-–]\s?{_amount('high', sign=True)}"),
    # "under 50" is what costs less: 49.99 at most.
    _words(
        r"(?:under|below|less\s+than|cheaper\s+than|moins\s+de|sous|inf[ée]rieure?\s+[àa]|<(?!=))"
        rf"\s*{_amount('below')}"
    ),
    _words(rf"(?:up\s+to|at\s+most|jusqu[’']?\s?[àa]|pas\s+plus\s+de|<=|≤)\s*{_amount('high')}"),
    _words(
        r"(?:over|above|more\s+than|at\s+least|from|plus\s+de|au\s+moins|[àa]\s+partir\s+de|dès|"
        rf"sup[ée]rieure?\s+[àa]|>=|≥|>)\s*{_amount('low')}"
    ),
    # "max" and "min" are in names ("air max 90"): a price only with its currency.
    _words(rf"max(?:imum)?\s*{_amount('high', sign=True)}"),
    _words(rf"min(?:imum)?\s*{_amount('low', sign=True)}"),
)


@dataclass(frozen=True, slots=True)
class PriceWords:
    """The search's other words, the words read as a price (as typed), and the price range
    they ask for in minor units, both ends included (None: open)."""

    rest: str
    said: str
    low: int | None
    high: int | None


def price_words(text: str, currency: str) -> PriceWords | None:
    """The price the search's words ask for, and its other words; None when they ask for
    none, or are nothing but a price ("under 50" alone is no search)."""
    low: int | None = None
    high: int | None = None
    said: list[tuple[int, str]] = []  # where each price was said, and its words
    rest = text  # the words left, each price blanked out in place
    for pattern in _PATTERNS:
        match = pattern.search(rest)
        if match is None:
            continue
        bounds = _bounds(match.groupdict(), currency)
        if bounds is None:
            continue
        if (bounds[0] is not None and low is not None) or (
            bounds[1] is not None and high is not None
        ):
            continue  # a second lower (or upper) bound is left as words
        low = low if bounds[0] is None else bounds[0]
        high = high if bounds[1] is None else bounds[1]
        said.append((match.start(), match.group(0).strip()))
        rest = rest[: match.start()] + " " * len(match.group(0)) + rest[match.end() :]
    rest = " ".join(rest.split())
    if not said or not rest:
        return None
    if low is not None and high is not None and low > high:
        low, high = high, low
    return PriceWords(rest, " ".join(words for _, words in sorted(said)), low, high)


def _bounds(groups: dict[str, str | None], currency: str) -> tuple[int | None, int | None] | None:
    """The range a match asks for; None when its numbers are no amount in this currency."""
    try:
        amounts = {
            name: _minor(text, currency)
            for name, text in groups.items()
            if text and name in ("low", "high", "below")
        }
    except MoneyParseError:
        return None
    if "below" in amounts:
        return (None, amounts["below"] - 1) if amounts["below"] > 0 else None
    return amounts.get("low"), amounts.get("high")


def _minor(number: str, currency: str) -> int:
    plain = re.sub(r"[, \u00a0\u202f](?=\d{3}\b)", "", number)  # thousands separators
    return parse_major_amount(plain.replace(",", "."), currency)
