"""admin list and sitemap indexes: the admin product list's title and price sorts, and
(PostgreSQL) trigram indexes for its substring search on title, external id and SKU; the
sitemap's latest update per category

At 100,000 products the list sorted by title or price read and sorted the whole product
table for each page (130 to 185 ms), and a search read every product and every variant
(about 1 s); the sitemap grouped every product to date its categories (80 to 110 ms). The
sorts and the dates now walk an index. The search's ILIKE '%text%' can only use trigram
indexes (pg_trgm), which exist on PostgreSQL alone: where the extension cannot be created
(a role without the right on a managed server), the search works as before, only slower.
The trigram indexes are not in the models (SQLite has no such index): env.py leaves indexes
named *_trgm out of the comparison. Every step checks first, so a run stopped midway
finishes on the next one (SQLite commits each CREATE INDEX on its own).

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-08 10:00:00
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0025'
down_revision: str | None = '0024'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

log = logging.getLogger(__name__)
# (index, table, column): the columns the admin search matches with ILIKE '%text%'.
TRIGRAM_INDEXES = (
    ('ix_product_title_trgm', 'product', 'title'),
    ('ix_product_external_id_trgm', 'product', 'external_id'),
    ('ix_variant_sku_trgm', 'variant', 'sku'),
)


def upgrade() -> None:
    # IF NOT EXISTS, not an inspection: SQLite's inspector does not list expression indexes.
    op.create_index(
        'ix_product_title_lower', 'product', [sa.text('lower(title)'), 'id'], if_not_exists=True
    )
    op.create_index('ix_product_price_id', 'product', ['price_minor', 'id'], if_not_exists=True)
    op.create_index(
        'ix_product_category_updated',
        'product',
        ['category_id', 'status', 'updated_at'],
        if_not_exists=True,
    )
    connection = op.get_bind()
    if connection.dialect.name != 'postgresql':
        return
    try:
        with connection.begin_nested():  # a refusal must not abort the migration's transaction
            op.execute('CREATE EXTENSION IF NOT EXISTS pg_trgm')
    except sa.exc.DBAPIError as exc:
        log.warning('pg_trgm not available, the admin search stays unindexed: %s', exc)
        return
    for name, table, column in TRIGRAM_INDEXES:
        op.execute(
            f'CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({column} gin_trgm_ops)'
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        for name, _table, _column in TRIGRAM_INDEXES:
            op.execute(f'DROP INDEX IF EXISTS {name}')
    op.drop_index('ix_product_category_updated', table_name='product', if_exists=True)
    op.drop_index('ix_product_price_id', table_name='product', if_exists=True)
    op.drop_index('ix_product_title_lower', table_name='product', if_exists=True)
