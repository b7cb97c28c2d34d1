"""restock alerts: shoppers waiting for a sold-out variant, mailed once when it is back

Every step checks first, so a run stopped midway finishes on the next one (SQLite commits
each statement on its own).

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-09 10:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0027'
down_revision: str | None = '0026'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if not sa.inspect(op.get_bind()).has_table('restock_alert'):
        op.create_table('restock_alert',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('product_id', sa.Integer(), nullable=False),
        sa.Column('variant_id', sa.Integer(), nullable=False),
        sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
        sa.Column('account_id', sa.Integer(), nullable=True),
        sa.Column('locale', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('notified_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['account_id'], ['account.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('variant_id', 'email', name='uq_restock_alert_variant_email')
        )
    op.create_index(
        'ix_restock_alert_product_waiting',
        'restock_alert',
        ['product_id', 'notified_at'],
        if_not_exists=True,
    )
    op.create_index(
        op.f('ix_restock_alert_account_id'), 'restock_alert', ['account_id'], if_not_exists=True
    )


def downgrade() -> None:
    op.drop_index(op.f('ix_restock_alert_account_id'), table_name='restock_alert')
    op.drop_index('ix_restock_alert_product_waiting', table_name='restock_alert')
    op.drop_table('restock_alert')
