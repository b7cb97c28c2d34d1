"""refund failures: when a refund failed, and whether it had gone through before (a refund
to a closed card fails days after it succeeded: its money came back to the shop); when a
pending refund was last compared with the provider's refunds

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-03 09:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0019'
down_revision: str | None = '0018'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('order_refund', schema=None) as batch_op:
        batch_op.add_column(sa.Column('failed_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(
            sa.Column('reversed', sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column('checked_at', sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('order_refund', schema=None) as batch_op:
        batch_op.drop_column('checked_at')
        batch_op.drop_column('reversed')
        batch_op.drop_column('failed_at')
