"""Column types and expressions shared by the tables."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Dialect, String, TypeDecorator
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

# JSONB on PostgreSQL (indexable, compact), plain JSON text on SQLite.
JsonType = JSON().with_variant(JSONB(), "postgresql")
# JSON text on both: an object's keys stay in the order written (JSONB sorts them), for what
# the merchant orders (a product's attributes, a variant's options).
OrderedJsonType = JSON()


class UtcDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC in and out, on every dialect.

    PostgreSQL keeps the zone; SQLite stores text and hands back naive values, which this
    type marks as UTC again. Naive values are refused on the way in: they are bugs.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: use timezone-aware UTC")
        return value.astimezone(UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        moment: datetime = value
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def utc_now() -> datetime:
    """The current time, timezone-aware in UTC."""
    return datetime.now(UTC)


class sql_sku_key(FunctionElement[str]):  # an SQL function, named as one
    """What a SKU is unique by, "ab-1" being "AB-1": A to Z lowered and no other letter, as
    storefront.services.catalog_limits.sku_key. SQLite's lower() does so; PostgreSQL's folds
    whatever the database's locale folds ("É" to "é" under a UTF-8 one), so there it reads
    the text under the "C" collation, where lower() folds A to Z alone. The unique index
    ix_variant_sku_lower is over it (migration 0056): a lookup written with it is served."""

    type = String()
    inherit_cache = True
    name = "sql_sku_key"


@compiles(sql_sku_key)
def _lowered(element: sql_sku_key, compiler: Any, **kw: Any) -> str:
    return f"lower({compiler.process(element.clauses, **kw)})"


@compiles(sql_sku_key, "postgresql")
def _lowered_as_c(element: sql_sku_key, compiler: Any, **kw: Any) -> str:
    return f'lower({compiler.process(element.clauses, **kw)} COLLATE "C")'
