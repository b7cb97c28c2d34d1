"""refund failure mail: when the shopper was mailed that a reversed refund never reached them

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-04 10:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0021'
down_revision: str | None = '0020'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('order_refund', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('failure_mailed_at', sa.DateTime(timezone=True), nullable=True)
        )
    # Reversals from before this shop mailed them are not mailed now, weeks late.
    op.execute('UPDATE order_refund SET failure_mailed_at = failed_at WHERE reversed')


def downgrade() -> None:
    with op.batch_alter_table('order_refund', schema=None) as batch_op:
        batch_op.drop_column('failure_mailed_at')
