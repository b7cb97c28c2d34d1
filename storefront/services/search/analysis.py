"""Turning text into index terms: folding, tokenising, stop words and light stemming.

The same analyser reads products and queries, so "Lamps" finds "lamp" and "Crème" finds
"creme". Measures keep their shape ("1/2", "2.5") because shoppers search by them.
"""

from __future__ import annotations

import functools
import re
import unicodedata

_TOKEN = re.compile(r"[a-z0-9]+(?:[./][0-9]+)*")
STOP_WORDS = frozenset(
    [
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
        "from",
        "has",
        "have",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "our",
        "so",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "to",
        "was",
        "were",
        "will",
        "with",
        "your",
        "you",
        "le",
        "la",
        "les",
        "un",
        "une",
        "des",
        "du",
        "de",
        "et",
        "en",
        "pour",
        "avec",
        "sur",
        "au",
        "aux",
    ]
)
_KEEP_S = ("ss", "us", "is", "os", "as")


@functools.lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Lower case without accents: 'Crème Brûlée' -> 'creme brulee'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light English stemmer: plurals and the commonest suffixes, nothing aggressive."""
    if len(word) <= 3 or word[-1].isdigit():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes", "zes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(_KEEP_S):
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    """Folded tokens, stop words kept (phrase matching and spelling need them)."""
    return _TOKEN.findall(fold(text))


def terms(text: str) -> list[str]:
    """Index terms: folded, tokenised, stop words dropped, stemmed."""
    return [stem(w) for w in words(text) if w not in STOP_WORDS]
