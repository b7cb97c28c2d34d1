"""order vat rate in basis points: 2550 is 25.5 %

A whole percent could not hold Finland's 25.5 %. The column is renamed with its unit, so
that nothing reads the new numbers as percents, and the rates stored before are multiplied
by 100 (20 % is 2000). Going back down rounds a rate with decimals half up (25.5 % is 26):
the old column holds only whole percents; the VAT amounts stored beside them are unchanged.

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-07 10:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0024'
down_revision: str | None = '0023'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Renamed in place (SQLite has RENAME COLUMN since 3.25): batch mode would copy the table
    # and drop the old one, which SQLite's foreign keys refuse while order lines point at it.
    # SQLite commits the rename on its own (pysqlite runs DDL outside the transaction): a run
    # stopped after it finds the column renamed, and its rates still whole percents, since
    # the update below and the revision's stamp are one transaction.
    columns = {c['name'] for c in sa.inspect(op.get_bind()).get_columns('sales_order')}
    if 'vat_rate' in columns:
        op.alter_column('sales_order', 'vat_rate', new_column_name='vat_rate_bp')
    order = sa.table('sales_order', sa.column('vat_rate_bp', sa.Integer))
    op.execute(sa.update(order).values(vat_rate_bp=order.c.vat_rate_bp * 100))


def downgrade() -> None:
    order = sa.table('sales_order', sa.column('vat_rate_bp', sa.Integer))
    op.execute(sa.update(order).values(vat_rate_bp=(order.c.vat_rate_bp + 50) // 100))
    op.alter_column('sales_order', 'vat_rate_bp', new_column_name='vat_rate')
