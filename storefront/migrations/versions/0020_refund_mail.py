"""refund mail: the refunded total the shopper was last mailed about

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-04 09:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0020'
down_revision: str | None = '0019'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('sales_order', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('refund_mailed_minor', sa.Integer(), nullable=False, server_default='0')
        )
    # Refunds made before this shop mailed them are not mailed now, months late.
    op.execute('UPDATE sales_order SET refund_mailed_minor = refunded_minor')


def downgrade() -> None:
    with op.batch_alter_table('sales_order', schema=None) as batch_op:
        batch_op.drop_column('refund_mailed_minor')
