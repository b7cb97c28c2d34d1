"""admin audit log, stock adjustments, recommendation events, order fulfilment and visitor

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30 23:24:12
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('admin_audit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('actor_email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
    sa.Column('action', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('subject', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('before', sa.Text(), nullable=False),
    sa.Column('after', sa.Text(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['account.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('admin_audit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_admin_audit_at'), ['at'], unique=False)
        batch_op.create_index('ix_admin_audit_subject', ['subject'], unique=False)

    op.create_table('recommendation_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('visitor_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('widget', sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('recommendation_event', schema=None) as batch_op:
        batch_op.create_index('ix_rec_event_widget_at', ['widget', 'at'], unique=False)
        batch_op.create_index(batch_op.f('ix_recommendation_event_visitor_id'), ['visitor_id'], unique=False)

    op.create_table('stock_adjustment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('variant_id', sa.Integer(), nullable=False),
    sa.Column('delta', sa.Integer(), nullable=False),
    sa.Column('stock_after', sa.Integer(), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['account.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['variant_id'], ['variant.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('stock_adjustment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stock_adjustment_variant_id'), ['variant_id'], unique=False)

    with op.batch_alter_table('sales_order', schema=None) as batch_op:
        batch_op.add_column(sa.Column('visitor_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
        batch_op.add_column(sa.Column('carrier', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('tracking_number', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('fulfilled_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f('ix_sales_order_visitor_id'), ['visitor_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('sales_order', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sales_order_visitor_id'))
        batch_op.drop_column('fulfilled_at')
        batch_op.drop_column('tracking_number')
        batch_op.drop_column('carrier')
        batch_op.drop_column('visitor_id')

    with op.batch_alter_table('stock_adjustment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stock_adjustment_variant_id'))

    op.drop_table('stock_adjustment')
    with op.batch_alter_table('recommendation_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recommendation_event_visitor_id'))
        batch_op.drop_index('ix_rec_event_widget_at')

    op.drop_table('recommendation_event')
    with op.batch_alter_table('admin_audit', schema=None) as batch_op:
        batch_op.drop_index('ix_admin_audit_subject')
        batch_op.drop_index(batch_op.f('ix_admin_audit_at'))

    op.drop_table('admin_audit')
