"""Text matching whatever the case, the accents and the special letters: "cafe" and "CAFÉ"
find "Café crème", "coeur" finds "Cœur", "strasse" "Straße", "ünal" finds "Ünal", as the
shop's own search does: both fold with storefront/services/text_folding.py's `fold`.

Both sides are folded the same way, the column in SQL and the text searched in Python
(NFKD, the combining diacritical marks U+0300 to U+036F dropped, œ æ ß ø ł đ ð þ ı ħ spelled
out, lowered), then matched with LIKE '%text%' (a '%' or '_' typed is itself). Unicode never
changes a character's decomposition once published, so both sides agree wherever they run
(tests/integration/test_text_folding.py holds every Latin letter to it).

- PostgreSQL: normalize(..., NFKD), regexp_replace() of the marks, translate() and replace()
  of the special letters (from text_folding.SPELLED_OUT) and lower(), all IMMUTABLE, so that
  migration 0053 indexes this very expression (trigram indexes, where pg_trgm exists) for
  the product and customer searches. A text of ASCII alone (most emails, SKUs) is only
  lowered: it is its own fold but for the case, and decomposing costs three to four times
  the lowering on an unindexed scan (the orders search; measured; spelling out the special
  letters adds a third to a half to that, on text that is not ASCII alone). The database
  must be UTF-8 (normalize() requires it: docs/operations.md). Accents are dropped and the
  special capitals spelled out before lowering, so even under LC_CTYPE "C", where lower()
  folds A to Z alone, "ÉCOLE" folds to "ecole" and "ŒUF" to "oeuf"; capitals of other
  alphabets (Greek, Cyrillic) need a UTF-8 locale.
- SQLite: its lower() folds A to Z alone and it has no normalize(), so the column goes
  through `fold` itself, registered as a function on each connection (db.py).

Unicode's decomposition, not a translate() table of accented letters (unaccent() cannot be
indexed, and its extension may not be installable): PostgreSQL's translate() compares each
character with the whole table, and a table of the 165 accented Latin letters made a scan of
300,000 orders about 60 times slower than ILIKE (measured); the special letters' table
holds 15."""

from __future__ import annotations

from typing import Any

from sqlalchemy import String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.functions import FunctionElement

from storefront.services.text_folding import MARKS, SPELLED_OUT, fold

SQLITE_FOLD = "boutique_fold"  # the function's name on SQLite connections
_PG_MARKS = rf"[\u{MARKS[0]:04x}-\u{MARKS[-1]:04x}]"


def _spelled_out(sql: str) -> str:
    """`sql` with SPELLED_OUT's letters spelled out: those spelled with one letter by one
    translate(), and those spelled with two first translated to one of their group (the
    capital to its small letter), then replaced."""
    spelled: dict[str, list[str]] = {}
    for letter, text in SPELLED_OUT.items():
        spelled.setdefault(text, []).append(letter)
    source, target, replaced = "", "", []
    for text, letters in spelled.items():
        if len(text) == 1:
            source, target = source + "".join(letters), target + text * len(letters)
        else:
            first, *others = letters
            source, target = source + "".join(others), target + first * len(others)
            replaced.append((first, text))
    sql = f"translate({sql}, '{source}', '{target}')"
    for letter, text in replaced:
        sql = f"replace({sql}, '{letter}', '{text}')"
    return sql


def sqlite_fold(value: object) -> object:
    """What the SQLite function answers: a text folded, anything else as it is."""
    return fold(value) if isinstance(value, str) else value


def postgres_fold(column: str) -> str:
    """The SQL that folds `column` on PostgreSQL as `fold` does; migration 0053 indexes this
    very text."""
    stripped = f"regexp_replace(normalize({column}, NFKD), '{_PG_MARKS}', '', 'g')"
    ascii_only = f"octet_length({column}) = length({column})"
    return f"CASE WHEN {ascii_only} THEN lower({column}) ELSE lower({_spelled_out(stripped)}) END"


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
    """`column` holds `text`, whatever the case, accents and special letters; a '%' or '_'
    in `text` is itself."""
    return folded(column).contains(fold(text), autoescape=True)
