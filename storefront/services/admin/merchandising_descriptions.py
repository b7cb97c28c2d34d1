"""Products whose description is missing, a few words long, or only repeats the title.

SQL narrows the catalog to candidates by counting whitespace (a cheap, generous stand-in for
words that both SQLite and PostgreSQL compute); the words are then counted exactly here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from models.catalog import ProductStatus

# Statuses a merchandiser still works on (archived products are left alone).
WORKED_ON = (ProductStatus.ACTIVE, ProductStatus.DRAFT)
# Candidates hold fewer whitespace characters than this many per wanted word: generous, so
# that double spaces and line breaks between words do not hide a thin description.
GAPS_PER_WORD = 2
_WORD = re.compile(r"\w+(?:['’-]\w+)*")

Reason = Literal["missing", "same_as_title", "short"]


@dataclass(frozen=True, slots=True)
class DescriptionRow:
    product_id: int
    title: str
    description: str
    status: str


class DescriptionStore(Protocol):
    def thin_candidates(
        self, statuses: Sequence[str], max_gaps: int, offset: int, limit: int
    ) -> list[DescriptionRow]:
        """Products in `statuses` whose trimmed description has fewer than `max_gaps`
        whitespace characters or equals the title (ignoring case), ordered by whitespace
        count, then length, then id."""
        ...


@dataclass(frozen=True, slots=True)
class ThinDescription:
    product_id: int
    title: str
    status: str
    words: int
    reason: Reason


def word_count(text: str) -> int:
    """Words as a reader counts them: "hand-made" and "don't" are one each, "-" is none."""
    return len(_WORD.findall(text))


def thin_descriptions(
    store: DescriptionStore, min_words: int = 12, limit: int = 100
) -> list[ThinDescription]:
    """Active and draft products with a missing, short (< min_words) or title-only description."""
    if limit <= 0:
        return []
    statuses = [status.value for status in WORKED_ON]
    page = max(2 * limit, 200)
    found: list[ThinDescription] = []
    offset = 0
    while len(found) < limit:
        rows = store.thin_candidates(statuses, GAPS_PER_WORD * min_words, offset, page)
        found += [thin for row in rows if (thin := _assess(row, min_words)) is not None]
        if len(rows) < page:
            break
        offset += page
    return sorted(found, key=lambda t: (t.words, t.product_id))[:limit]


def _assess(row: DescriptionRow, min_words: int) -> ThinDescription | None:
    words = word_count(row.description)
    reason: Reason
    if words == 0:
        reason = "missing"
    elif _same_text(row.description, row.title):
        reason = "same_as_title"
    elif words < min_words:
        reason = "short"
    else:
        return None
    return ThinDescription(row.product_id, row.title, row.status, words, reason)


def _same_text(first: str, second: str) -> bool:
    return " ".join(first.casefold().split()) == " ".join(second.casefold().split())
