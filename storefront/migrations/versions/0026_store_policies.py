"""store policies: the merchant's terms of sale, refund, shipping, privacy and legal notice,
per kind and language (a kind and language without a row shows the shipped default)

Idempotent: a run stopped after SQLite committed the table on its own (pysqlite runs DDL
outside the transaction) finds it there and goes on.

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-08 10:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0026'
down_revision: str | None = '0025'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if sa.inspect(op.get_bind()).has_table('store_policy'):
        return
    op.create_table('store_policy',
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('locale', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('kind', 'locale')
    )


def downgrade() -> None:
    op.drop_table('store_policy')
