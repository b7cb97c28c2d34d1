"""Checking what the shopper typed at checkout: e-mail and shipping address, field by field."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping

from storefront.services.checkout.pricing import VAT_RATES
from storefront.services.orders.ports import Address

# Postal code formats of the countries we ship to (upper-cased, outer spaces trimmed).
POSTAL_CODES: dict[str, re.Pattern[str]] = {
    country: re.compile(pattern)
    for country, pattern in {
        "FR": r"\d{5}", "DE": r"\d{5}", "BE": r"\d{4}", "NL": r"\d{4} ?[A-Z]{2}",
        "ES": r"\d{5}", "IT": r"\d{5}", "PT": r"\d{4}-\d{3}", "AT": r"\d{4}",
        "IE": r"[A-Z]\d[\dW] ?[A-Z\d]{4}", "LU": r"(L-)?\d{4}", "FI": r"\d{5}",
        "SE": r"\d{3} ?\d{2}", "DK": r"\d{4}", "PL": r"\d{2}-\d{3}",
    }.items()
}  # fmt: skip
assert set(POSTAL_CODES) == set(VAT_RATES), "every country we tax needs a postal format"
# The one way each code is written where a format leaves a space or prefix free (from the
# code without its spaces): "1012lm" and "1012 LM" are one address, kept once (QA), and a
# label reads as the post writes it.
_CANONICAL_POSTAL: dict[str, Callable[[str], str]] = {
    "NL": lambda code: f"{code[:4]} {code[4:]}",
    "SE": lambda code: f"{code[:3]} {code[3:]}",
    "IE": lambda code: f"{code[:3]} {code[3:]}",
}  # LU: its digits alone, the post's own form ("L-" is for labels: _PREFIXES drops it)

# The longest each field may be (the forms say it with maxlength: typing stops there).
ADDRESS_LIMITS = {"name": 120, "line1": 200, "line2": 200, "city": 120}
# Real addresses hold any printable text ("Bât. B; 3e étage", "c/o Smith: door 2", "+33 ...");
# output is escaped where it is shown, and the CSV export neutralises formula starts
# (catalog_csv.cells.spreadsheet_safe). Refused: control characters (category Cc; line breaks and
# tabs are already folded into spaces), surrogates, private-use and unassigned code points, and
# the bidirectional overrides that would make a label read other than it is stored.
_REFUSED_CATEGORIES = frozenset({"Cc", "Cs", "Co", "Cn"})
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Invisible marks a copy and paste brings along (zero-width space, word joiner, byte-order
# mark, soft hyphen, left-to-right and right-to-left marks): dropped, so that two addresses
# that read the same are the same (saved addresses are kept once each).
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u00ad\u200e\u200f"))


# Where a code is commonly typed another way than its format: the country's letters before
# it (SE-123 45, L 1234), or without the hyphen its format has (00950, 1000001); read as
# the format writes it (QA), then checked as any other.
_PREFIXES = {"SE": ("SE-", "SE"), "LU": ("L-", "L")}
_HYPHENATED = {"PL": 2, "PT": 4}  # the hyphen after this many digits


def _as_written(country: str, postal: str) -> str:
    for prefix in _PREFIXES.get(country, ()):
        if postal.startswith(prefix):
            postal = postal.removeprefix(prefix).strip()
            break
    at = _HYPHENATED.get(country)
    if at is not None and postal.isdigit() and len(postal) == at + 3:
        postal = f"{postal[:at]}-{postal[at:]}"
    return postal


def _clean(value: object) -> str:
    """A field's text as it is kept: NFC (composed accents), invisible marks dropped, spaces
    and line breaks folded into single spaces."""
    text = unicodedata.normalize("NFC", str(value)).translate(_INVISIBLE)
    return " ".join(text.split())


def _printable(text: str) -> bool:
    """Whether `text` holds no control, private-use, unassigned or bidi-override character."""
    return not any(
        char in _BIDI_CONTROLS or unicodedata.category(char) in _REFUSED_CATEGORIES for char in text
    )


def validate_address(form: Mapping[str, str]) -> tuple[Address | None, dict[str, str]]:
    """The address, or None with an error code per bad field."""
    value = {key: _clean(form.get(key, "")) for key in (*ADDRESS_LIMITS, "postal_code")}
    country = str(form.get("country", "")).strip().upper()
    errors: dict[str, str] = {}
    for key, limit in ADDRESS_LIMITS.items():
        text = value[key]
        if not text and key != "line2":
            errors[key] = "checkout.error.required"
        elif len(text) > limit:
            errors[key] = "checkout.error.too_long"
        elif not _printable(text):
            errors[key] = "checkout.error.characters"
    if country not in POSTAL_CODES:
        errors["country"] = "checkout.error.country"
    postal = _as_written(country, value["postal_code"].upper())
    if not postal:
        errors["postal_code"] = "checkout.error.required"
    elif country in POSTAL_CODES and not POSTAL_CODES[country].fullmatch(postal):
        errors["postal_code"] = "checkout.error.postal_code"
    if errors:
        return None, errors
    if country in _CANONICAL_POSTAL:
        postal = _CANONICAL_POSTAL[country](postal.replace(" ", ""))
    address = Address(value["name"], value["line1"], value["line2"], postal, value["city"], country)
    return address, {}
