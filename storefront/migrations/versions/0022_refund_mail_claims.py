"""refund mail claims: who is mailing a refund, or its failure, until it is sent

A claim used to mark the mail sent before it went out, so a sender that died in between
lost it; now the claim is its own column, and a stale one is taken over. The catch-up that
sends what is untold looks a day back from when the refunded total rose (refunded_at,
indexed, None for older refunds) and from when a refund failed (failed_at, now indexed).

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-05 10:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0022'
down_revision: str | None = '0021'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('sales_order', schema=None) as batch_op:
        batch_op.add_column(sa.Column('refunded_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(
            sa.Column('refund_mail_claimed_at', sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.create_index(
            batch_op.f('ix_sales_order_refunded_at'), ['refunded_at'], unique=False
        )
    with op.batch_alter_table('order_refund', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('failure_mail_claimed_at', sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.create_index(batch_op.f('ix_order_refund_failed_at'), ['failed_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('order_refund', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_order_refund_failed_at'))
        batch_op.drop_column('failure_mail_claimed_at')
    with op.batch_alter_table('sales_order', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sales_order_refunded_at'))
        batch_op.drop_column('refund_mail_claimed_at')
        batch_op.drop_column('refunded_at')
