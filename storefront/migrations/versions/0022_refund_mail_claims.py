"""refund mail claims: who is mailing a refund, or its failure, until it is sent

A claim used to mark the mail sent before it went out, so a sender that died in between
lost it; now the claim is its own column, and a stale one is taken over.

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
        batch_op.add_column(
            sa.Column('refund_mail_claimed_at', sa.DateTime(timezone=True), nullable=True)
        )
    with op.batch_alter_table('order_refund', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('failure_mail_claimed_at', sa.DateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table('order_refund', schema=None) as batch_op:
        batch_op.drop_column('failure_mail_claimed_at')
    with op.batch_alter_table('sales_order', schema=None) as batch_op:
        batch_op.drop_column('refund_mail_claimed_at')
