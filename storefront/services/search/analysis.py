"""Turning text into index terms, the same way for products and queries.

- Text is folded as every search folds it (text_folding.py): "oeuf" finds "Œuf", "strasse"
  "Straße", "cafe" "Café".
- Measures are normalised: 12", 12 in. and 12in all read "12 inch"; 2x4 reads "2 x 4".
- Numbers, fractions (1/2) and decimals stay whole; model codes (a19, 60w) are kept and also
  split into their letters and digits.
- Stop words go, then English Snowball stemming: "lamps" finds "lamp", "fitted" finds "fit".
Measured on the Home Depot and CrowdFlower dev sets (see docs/search.md): stemming and
measure normalisation were the largest lexical gains.
"""

from __future__ import annotations

import functools
import html
import re

import Stemmer

from storefront.services.text import without_control
from storefront.services.text_folding import fold as fold_letters

# Lucene's English stop words (as bm25s uses them).
STOP_WORDS = frozenset(
    {
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "for",
        "if",
        "in",
        "into",
        "is",
        "it",
        "no",
        "not",
        "of",
        "on",
        "or",
        "such",
        "that",
        "the",
        "their",
        "then",
        "there",
        "these",
        "they",
        "this",
        "to",
        "was",
        "will",
        "with",
    }
    # French articles and prepositions, for French shoppers (and French catalogs): "de" in
    # "chaussures de course" matched the catalog's "Eau de Toilette" and made "course" read as
    # "hours" (QA). Not those that are English words as well ("pour", "par", "sans", "aux").
    | {"au", "avec", "dans", "de", "des", "du", "en", "et", "la", "le", "les", "ou", "un", "une"}
)
_UNITS = {
    "inch": "inch", "inches": "inch", "in": "inch", '"': "inch", "''": "inch",
    "ft": "ft", "feet": "ft", "foot": "ft", "'": "ft",
    "gal": "gal", "gallon": "gal", "gallons": "gal",
    "lb": "lb", "lbs": "lb", "pound": "lb", "pounds": "lb",
    "oz": "oz", "ounce": "oz", "ounces": "oz",
    "v": "volt", "volt": "volt", "volts": "volt",
    "w": "watt", "watt": "watt", "watts": "watt",
    "amp": "amp", "amps": "amp", "ampere": "amp",
    "mm": "mm", "cm": "cm", "sq": "sq", "cu": "cu", "btu": "btu", "qt": "qt", "quart": "qt",
}  # fmt: skip
_UNIT_WORDS = "|".join(
    sorted((re.escape(u) for u in _UNITS if u not in ('"', "'", "''")), key=len, reverse=True)
)
_UNIT = re.compile(r"(\d)\s*(?:(" + _UNIT_WORDS + r")\b\.?|(''|\"|'))")
_DIMENSION = re.compile(r"(\d)\s*[x*×]\s*(?=\d)")
_TOKEN = re.compile(r"\d+(?:\.\d+)?(?:/\d+)?|[a-z0-9]+")
_PARTS = re.compile(r"\d+(?:\.\d+)?|[a-z]+")
# Words joined by hyphens ("t-shirt", "self-closing"), also read as one word: shoppers type
# "tshirt", which was corrected to "shirt" (QA). Letters only: "2-4" is no word.
_HYPHENATED = re.compile(r"\b[a-z]+(?:-[a-z]+)+\b")
_QUOTES = str.maketrans({"\u201d": '"', "\u201c": '"', "\u2019": "'", "\u2032": "'"})
_stemmer = Stemmer.Stemmer("english")


MAX_QUERY_LENGTH = 200


def clean_query(text: str) -> str:
    """A shopper's words as searched and shown: control characters dropped (a NUL would fail
    the search log's insert on PostgreSQL), whitespace collapsed, length capped."""
    return " ".join(without_control(text).split())[:MAX_QUERY_LENGTH]


def fold(text: str) -> str:
    """Entities decoded, then folded as every search folds (text_folding.fold: lower case,
    accents removed, special letters spelled out): 'Cœur &amp; Brûlée' -> 'coeur & brulee'."""
    return fold_letters(html.unescape(text)).translate(_QUOTES)


def _unit(match: re.Match[str]) -> str:
    return f"{match.group(1)} {_UNITS[match.group(2) or match.group(3)]} "


def normalize(text: str) -> str:
    return _UNIT.sub(_unit, _DIMENSION.sub(r"\1 x ", fold(text)))


def words(text: str, *, joined: bool = False) -> list[str]:
    """Surface tokens before stop words and stemming (what spelling correction works on);
    `joined` (a product's text), a hyphenated word also gives its parts joined, after the
    rest. A query's only where the catalog has the word (HybridSearch.correct): "self-closing"
    would look for "selfclosing", which a product writing "self closing" does not hold."""
    result = []
    normalized = normalize(text)
    for token in _TOKEN.findall(normalized):
        result.append(token)
        if token[0].isdigit() and ("/" in token or "." in token):
            continue
        parts = _PARTS.findall(token)
        if len(parts) > 1:
            result.extend(parts)
    if joined:
        result.extend(hyphen_joins(normalized))
    return result


def hyphen_joins(text: str) -> list[str]:
    """The hyphenated words of `text`, each written as one: "T-Shirt" -> ["tshirt"]."""
    return [word.replace("-", "") for word in _HYPHENATED.findall(normalize(text))]


@functools.lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    return str(_stemmer.stemWord(word)) if word.isalpha() else word


def index_terms(tokens: list[str]) -> list[str]:
    """Surface tokens to index terms: stop words and single letters dropped, words stemmed."""
    return [stem(t) for t in tokens if t not in STOP_WORDS and (len(t) > 1 or t.isdigit())]


def terms(text: str) -> list[str]:
    return index_terms(words(text))
