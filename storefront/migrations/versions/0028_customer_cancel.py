"""customer cancel: when the shopper asked to cancel a paid order (it is then never shipped)

Revision ID: 0028
Revises: 0027
Create Date: 2026-12-04 13:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0028'
down_revision: str | None = '0027'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _columns() -> set[str]:
    return {c['name'] for c in sa.inspect(op.get_bind()).get_columns('sales_order')}


def upgrade() -> None:
    if 'cancel_requested_at' not in _columns():
        with op.batch_alter_table('sales_order', schema=None) as batch_op:
            batch_op.add_column(sa.Column('cancel_requested_at', sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    # Dropped in place (SQLite 3.35+ can): a batch copy of the table would be refused by
    # SQLite's foreign keys while order lines point at it.
    if 'cancel_requested_at' in _columns():
        op.execute('ALTER TABLE sales_order DROP COLUMN cancel_requested_at')
