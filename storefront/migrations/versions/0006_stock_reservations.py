"""stock reservations

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 16:49:58.753231
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('stock_reservation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('holder', sa.String(length=64), nullable=False),
    sa.Column('sku', sa.String(length=120), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('quantity > 0', name='ck_reservation_quantity'),
    sa.UniqueConstraint('holder', 'sku', name='uq_reservation_holder_sku'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('stock_reservation', schema=None) as batch_op:
        batch_op.create_index('ix_reservation_status_expires', ['status', 'expires_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_stock_reservation_holder'), ['holder'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('stock_reservation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stock_reservation_holder'))
        batch_op.drop_index('ix_reservation_status_expires')

    op.drop_table('stock_reservation')
