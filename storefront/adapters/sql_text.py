"""Text matching whatever the case of any letter: "SAUTÉ" finds "Sauté", "ünal" finds
"Ünal". A case-insensitive LIKE is ILIKE on PostgreSQL, which folds every letter in a
database of a UTF-8 locale (not under LC_CTYPE "C": docs/operations.md) and reads the trigram
indexes of migration 0025; on SQLite it is lower() and LIKE, which fold A to Z
alone, so there the column is first lowered by Python's rules, in a function registered on
each connection (db.py)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.functions import FunctionElement

SQLITE_LOWER = "boutique_lower"  # the function's name on SQLite connections


class _matched(FunctionElement[str]):
    """The column as a case-insensitive match reads it."""

    type = String()
    inherit_cache = True


@compiles(_matched)
def _as_is(element: _matched, compiler: Any, **kw: Any) -> str:
    return str(compiler.process(element.clauses, **kw))


@compiles(_matched, "sqlite")
def _lowered(element: _matched, compiler: Any, **kw: Any) -> str:
    return f"{SQLITE_LOWER}({compiler.process(element.clauses, **kw)})"


def sqlite_lower(value: object) -> object:
    """What the SQLite function answers: a text lowered as Python lowers it."""
    return value.lower() if isinstance(value, str) else value


def contains_text(column: ColumnElement[Any], text: str) -> ColumnElement[bool]:
    """`column` holds `text`, letters of any case; a '%' or '_' in `text` is itself."""
    return _matched(column).icontains(text.lower(), autoescape=True)
