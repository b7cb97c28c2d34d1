"""search spells out special letters: on PostgreSQL, the trigram indexes of the admin's
product and customer searches (migration 0052) index the text as the searches now fold it,
œ æ ß ø ł đ ð þ ı ħ spelled out ("coeur" finds "Cœur", "strasse" "Straße"), instead of
0052's folding, which kept them

The searches compare storefront/adapters/sql_text.py's postgres_fold(column); an index
serves them only on that very expression, written out here as this release has it (a
migration does not follow later code). The indexes keep 0052's names; where pg_trgm is not
installed there are none, and none are made. SQLite has no such index.

Revision ID: 0053
Revises: 0052
Create Date: 2026-12-07 15:00:00
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0053"
down_revision: str | None = "0052"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

log = logging.getLogger(__name__)
# (index, table, column)
INDEXES = (
    ("ix_product_title_fold_trgm", "product", "title"),
    ("ix_product_external_id_fold_trgm", "product", "external_id"),
    ("ix_variant_sku_fold_trgm", "variant", "sku"),
    ("ix_account_email_fold_trgm", "account", "email"),
    ("ix_account_name_fold_trgm", "account", "name"),
)


def _stripped(column: str) -> str:
    return f"regexp_replace(normalize({column}, NFKD), '[\\u0300-\\u036f]', '', 'g')"


def _folded(column: str) -> str:
    spelled = f"translate({_stripped(column)}, 'ŒÆẞÞøØłŁđĐðÐıħĦ', 'œæßþoollddddihh')"
    for letter, text in (("œ", "oe"), ("æ", "ae"), ("ß", "ss"), ("þ", "th")):
        spelled = f"replace({spelled}, '{letter}', '{text}')"
    ascii_only = f"octet_length({column}) = length({column})"
    return f"CASE WHEN {ascii_only} THEN lower({column}) ELSE lower({spelled}) END"


def _folded_0052(column: str) -> str:
    ascii_only = f"octet_length({column}) = length({column})"
    return f"CASE WHEN {ascii_only} THEN lower({column}) ELSE lower({_stripped(column)}) END"


def _has_trigrams() -> bool:
    connection = op.get_bind()
    if connection.dialect.name != "postgresql":
        return False
    found = connection.execute(sa.text("select 1 from pg_extension where extname = 'pg_trgm'"))
    if found.first() is None:
        log.warning("pg_trgm not installed, the admin searches stay unindexed")
        return False
    return True


def _index(folding: Callable[[str], str]) -> None:
    for name, table, column in INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
        op.execute(f"CREATE INDEX {name} ON {table} USING gin (({folding(column)}) gin_trgm_ops)")


def upgrade() -> None:
    if _has_trigrams():
        _index(_folded)


def downgrade() -> None:
    if _has_trigrams():
        _index(_folded_0052)
