"""A price said in a search: "dress under 50", "sofa between 300 and 600 €", "lampe moins de
40 €" are the words "dress", "sofa", "lampe" with a price filter, as a shopper means them.

Only a number after a price word ("under", "moins de", "<") or in a range ("between … and",
"20-50 €") is a price: "iphone 13", "under armour", "air max 90" and "table under 100 cm"
stay words.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from models.money import MoneyParseError, parse_major_amount

# 12, 12.90, 12,90, 1,000, 1 000.
_NUMBER = r"\d{1,3}(?:[, \u00a0\u202f]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"
# The shop's currency as shoppers write it: "lamp under $50" or "under 40 dollars" in a shop
# in euros is no price.
_SIGNS = {
    "EUR": ("€", "eur", "euros?"),
    "USD": ("\\$", "usd", "dollars?"),
    "GBP": ("£", "gbp", "pounds?"),
}
# A number followed by a unit is a measure or a count, not a price ("under 100 cm", "over
# 2 kg", "under 40 metres", "bed under 140x190", "wine under 12 bottles"; QA).
_UNITS = (
    r"%|°|×|\"|'|x\b|x\d|by\s+\d|(?:cm|cms|mm|m|km|metres?|meters?|mètres?|inch|inches|ft|feet|"
    r"kg|g|lb|lbs|oz|l|ml|cl|litres?|liters?|gal|w|watts?|v|volts?|lm|lumens?|mah|gb|tb|mb|go|"
    r"pcs|pieces?|pièces?|packs?|sets?|pairs?|rolls?|sheets?|bottles?|bouteilles?|boxes|units?|"
    r"items?|each|places|seats|people|personnes|ans|years?|months?|mois|h|hours?|heures?)\b"
)
_TO = r"\s*(?:and|et|to|[àa]|-|–)\s*"
# What joined two prices, left alone once they are read ("lamp below 40 and over 10").
_DANGLING = re.compile(r"^(?:and|et|&)\s+|\s+(?:and|et|&)$", re.IGNORECASE)


def _sign(currency: str) -> str:
    symbol, *words = _SIGNS.get(currency, ("", currency.lower()))
    spelled = "|".join(words)
    return rf"(?:{symbol + '|' if symbol else ''}(?:{spelled})\b)"


def _no_unit(currency: str) -> str:
    """After an amount: no unit, no more digits, no other currency than the shop's."""
    foreign = "|".join(_sign(other) for other in _SIGNS if other != currency)
    return rf"(?!\d|[.,]\d|\s\d|\s?(?:{_UNITS}|{foreign}))"


def _words(pattern: str) -> re.Pattern[str]:
    # A price word starts a word: "thunder 5" holds no "under 5".
    return re.compile(rf"(?<![\w<>=]){pattern}", re.IGNORECASE)


@functools.lru_cache(maxsize=8)
def _patterns(currency: str) -> tuple[re.Pattern[str], ...]:
    sign, no_unit = _sign(currency), _no_unit(currency)

    def amount(name: str, *, signed: bool = False) -> str:
        """A number, with the currency before or after it (`signed`: one of them required)."""
        number = rf"(?P<{name}>{_NUMBER})"
        if signed:  # after the number unless it came before it
            before = rf"(?P<{name}_sign>{sign}\s?)?"
            after = rf"(?({name}_sign)(?:\s?{sign})?|\s?{sign})"
            return rf"{before}{number}{after}{no_unit}"
        return rf"(?:{sign}\s?)?{number}(?:\s?{sign})?{no_unit}"

    def signed_range(start: str) -> tuple[re.Pattern[str], ...]:
        """`start` A to B, the currency said with one of them ("de 20 à 50 €"): "lit de 140
        à 160" and "pack de 2 à 4" are sizes (review)."""
        return (
            _words(rf"{start}{amount('low', signed=True)}{_TO}{amount('high')}"),
            _words(rf"{start}(?P<low>{_NUMBER}){_TO}{amount('high', signed=True)}"),
        )

    return (
        # Ranges first: "from 20 € to 50" is no "from 20 €".
        _words(rf"(?:between|entre)\s+{amount('low')}{_TO}{amount('high')}"),
        *signed_range(r"(?:from|de)\s+"),
        *signed_range(""),  # "20-50 €", "€20 – €50"
        # "under 50" is what costs less: 49.99 at most; "over 50", 50 and more.
        _words(
            r"(?:under|below|less\s+than|cheaper\s+than|(?:[àa]\s+)?moins\s+de|sous|inf[ée]rieure?\s+[àa]|"
            rf"<(?!=))\s*{amount('below')}"
        ),
        _words(rf"(?:up\s+to|at\s+most|jusqu[’']?\s?[àa]|pas\s+plus\s+de|<=|≤)\s*{amount('high')}"),
        _words(
            r"(?:over|above|more\s+than|at\s+least|plus\s+de|au\s+moins|[àa]\s+partir\s+de|dès|"
            rf"sup[ée]rieure?\s+[àa]|>=|≥|>)\s*{amount('low')}"
        ),
        # "max", "min" and "from" are in names and dates ("air max 90", "iphone from 2020"):
        # a price only with its currency.
        _words(rf"max(?:imum)?\s*{amount('high', signed=True)}"),
        _words(rf"(?:min(?:imum)?|from)\s*{amount('low', signed=True)}"),
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
    for pattern in _patterns(currency):
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
    rest = _DANGLING.sub("", " ".join(rest.split()))
    if not said or not rest:
        return None
    if low is not None and high is not None and low > high:
        return None  # "over 900 under 200" asks for nothing: the words stay words
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
    low, high = amounts.get("low"), amounts.get("high")
    if low is not None and high is not None and low > high:  # "between 600 and 300"
        low, high = high, low
    return low, high


def _minor(number: str, currency: str) -> int:
    plain = re.sub(r"[, \u00a0\u202f](?=\d{3}\b)", "", number)  # thousands separators
    return parse_major_amount(plain.replace(",", "."), currency)
