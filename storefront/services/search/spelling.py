"""Typo tolerance: a query word the catalog never uses is replaced by the catalog's likeliest
word within edit distance 1 (2 for long words), found through delete variants (SymSpell)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

MIN_LENGTH = 4
LONG_WORD = 8


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Damerau-Levenshtein (optimal string alignment), capped at limit + 1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


class SpellingCorrector:
    """Built from the catalog's own words, weighted by how many products use them."""

    def __init__(self, documents: Iterable[Iterable[str]]) -> None:
        self._frequency: Counter[str] = Counter()
        for doc in documents:
            self._frequency.update(set(doc))
        self._by_delete: dict[str, list[str]] = {}
        for word in self._frequency:
            if len(word) >= MIN_LENGTH - 1 and word.isalpha():
                variants = _deletes(word) | {word}
                if len(word) >= LONG_WORD - 1:
                    variants |= {d2 for d1 in _deletes(word) for d2 in _deletes(d1)}
                for variant in variants:
                    self._by_delete.setdefault(variant, []).append(word)

    def __contains__(self, word: str) -> bool:
        return word in self._frequency

    def correct(self, word: str) -> str | None:
        """The catalog word meant by `word`, or None when it is known or nothing is close."""
        if word in self._frequency or len(word) < MIN_LENGTH or not word.isalpha():
            return None
        limit = 2 if len(word) >= LONG_WORD else 1
        probes = _deletes(word) | {word}
        if limit == 2:
            probes |= {d2 for d1 in _deletes(word) for d2 in _deletes(d1)}
        candidates = {c for probe in probes for c in self._by_delete.get(probe, ())}
        best: tuple[int, int, str] | None = None
        for candidate in candidates:
            distance = edit_distance(word, candidate, limit)
            if distance > limit:
                continue
            key = (distance, -self._frequency[candidate], candidate)
            if best is None or key < best:
                best = key
        return None if best is None else best[2]
