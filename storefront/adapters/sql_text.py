"""Text matching whatever the case and the accents: "cafe" and "CAFÉ" find "Café crème",
"SAUTÉ" and "saute" find "Sauté", "ünal" finds "Ünal", as the shop's own search ignores
accents (storefront/services/search/analysis.py).

Both sides are folded the same way, the column in SQL and the text searched in Python:
decomposed by Unicode's compatibility decomposition (NFKD: "é" becomes "e" and a combining
acute accent, "ﬁ" becomes "fi"), stripped of the combining diacritical marks (U+0300 to
U+036F), lowered; then matched with LIKE '%text%' (a '%' or '_' typed is itself). Unicode
never changes a character's decomposition once published, so both sides agree wherever
they run (tests/integration/test_text_folding.py holds every Latin letter to it). Letters
that are no accented letter stay themselves, lowered: œ, æ, ß, ø, ł, đ ("coeur" does not
find "cœur", as in the shop's search).

- PostgreSQL: normalize(..., NFKD), regexp_replace() of the marks and lower(), all
  IMMUTABLE, so that migration 0052 indexes this very expression (trigram indexes, where
  pg_trgm exists) for the product and customer searches. A text of ASCII alone (most
  emails, SKUs) is only lowered: it is its own NFKD and holds no mark, and decomposing costs
  three to four times the lowering on an unindexed scan (the orders search; measured). The
  database must be UTF-8 (normalize() requires it: docs/operations.md). Accents are dropped
  before lowering, so even under LC_CTYPE "C", where lower() folds A to Z alone, "ÉCOLE"
  folds to "ecole"; capitals of other alphabets (Greek, Cyrillic) need a UTF-8 locale.
- SQLite: its lower() folds A to Z alone and it has no normalize(), so the column goes
  through `fold` itself, registered as a function on each connection (db.py).

Unicode's decomposition, not a translate() table of accented letters (unaccent() cannot be
indexed, and its extension may not be installable): PostgreSQL's translate() compares each
character with the whole table, and a table of the 165 accented Latin letters made a scan of
300,000 orders about 60 times slower than ILIKE (measured)."""

from __future__ import annotations

import unicodedata
from typing import Any

from sqlalchemy import String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.functions import FunctionElement

SQLITE_FOLD = "boutique_fold"  # the function's name on SQLite connections
# The marks dropped: the block of Combining Diacritical Marks, in Python and in SQL.
_MARKS = dict.fromkeys(range(0x300, 0x370))
_PG_MARKS = r"[\u0300-\u036f]"


def fold(text: str) -> str:
    """'Crème BRÛLÉE' -> 'creme brulee': NFKD, combining accents dropped, lowered."""
    return unicodedata.normalize("NFKD", text).translate(_MARKS).lower()


def sqlite_fold(value: object) -> object:
    """What the SQLite function answers: a text folded, anything else as it is."""
    return fold(value) if isinstance(value, str) else value


def postgres_fold(column: str) -> str:
    """The SQL that folds `column` on PostgreSQL; migration 0052 indexes this very text."""
    stripped = f"regexp_replace(normalize({column}, NFKD), '{_PG_MARKS}', '', 'g')"
    ascii_only = f"octet_length({column}) = length({column})"
    return f"CASE WHEN {ascii_only} THEN lower({column}) ELSE lower({stripped}) END"


class folded(FunctionElement[str]):
    """The column as a search compares it."""

    type = String()
    inherit_cache = True


@compiles(folded)
def _on_postgresql(element: folded, compiler: Any, **kw: Any) -> str:
    return postgres_fold(str(compiler.process(element.clauses, **kw)))


@compiles(folded, "sqlite")
def _on_sqlite(element: folded, compiler: Any, **kw: Any) -> str:
    return f"{SQLITE_FOLD}({compiler.process(element.clauses, **kw)})"


def contains_text(column: ColumnElement[Any], text: str) -> ColumnElement[bool]:
    """`column` holds `text`, whatever the case and accents; a '%' or '_' in `text` is itself."""
    return folded(column).contains(fold(text), autoescape=True)
