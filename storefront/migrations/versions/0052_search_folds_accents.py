"""search folds accents: on PostgreSQL, the trigram indexes of the admin's product and
customer searches (migrations 0025 and 0030) index the text as the searches now compare it,
stripped of its accents and lowered, instead of the column as it is

The searches compare storefront/adapters/sql_text.py's postgres_fold(column); an index
serves them only on that very expression, written out here as this release has it (a
migration does not follow later code). Where pg_trgm is not installed (0025 could not create
it) there were no trigram indexes and there are none now: the searches read the tables, as
before. SQLite has no such index. The indexes' names end in _trgm, which env.py leaves out
of the comparison with the models.

Revision ID: 0052
Revises: 0051
Create Date: 2026-12-10 09:00:00
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0052"
down_revision: str | None = "0051"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

log = logging.getLogger(__name__)
# (index before, index after, table, column)
INDEXES = (
    ("ix_product_title_trgm", "ix_product_title_fold_trgm", "product", "title"),
    ("ix_product_external_id_trgm", "ix_product_external_id_fold_trgm", "product", "external_id"),
    ("ix_variant_sku_trgm", "ix_variant_sku_fold_trgm", "variant", "sku"),
    ("ix_account_email_trgm", "ix_account_email_fold_trgm", "account", "email"),
    ("ix_account_name_trgm", "ix_account_name_fold_trgm", "account", "name"),
)


def _folded(column: str) -> str:
    stripped = f"regexp_replace(normalize({column}, NFKD), '[\\u0300-\\u036f]', '', 'g')"
    ascii_only = f"octet_length({column}) = length({column})"
    return f"CASE WHEN {ascii_only} THEN lower({column}) ELSE lower({stripped}) END"


def _has_trigrams() -> bool:
    connection = op.get_bind()
    if connection.dialect.name != "postgresql":
        return False
    found = connection.execute(sa.text("select 1 from pg_extension where extname = 'pg_trgm'"))
    if found.first() is None:
        log.warning("pg_trgm not installed, the admin searches stay unindexed")
        return False
    return True


def upgrade() -> None:
    if not _has_trigrams():
        return
    for before, after, table, column in INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {before}")
        folded = f"({_folded(column)}) gin_trgm_ops"
        op.execute(f"CREATE INDEX IF NOT EXISTS {after} ON {table} USING gin ({folded})")


def downgrade() -> None:
    if not _has_trigrams():
        return
    for before, after, table, column in INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {after}")
        op.execute(
            f"CREATE INDEX IF NOT EXISTS {before} ON {table} USING gin ({column} gin_trgm_ops)"
        )
