"""product reviews: one per shopper and product, pending until the merchandiser publishes it

Every step checks first, so a run stopped midway finishes on the next one (SQLite commits
each statement on its own).

Revision ID: 0029
Revises: 0028
Create Date: 2026-12-10 10:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0029'
down_revision: str | None = '0028'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if not sa.inspect(op.get_bind()).has_table('product_review'):
        op.create_table('product_review',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('product_id', sa.Integer(), nullable=False),
        sa.Column('account_id', sa.Integer(), nullable=False),
        sa.Column('rating', sa.Integer(), nullable=False),
        sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column('body', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('locale', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint('rating between 1 and 5', name='ck_product_review_rating'),
        sa.ForeignKeyConstraint(['account_id'], ['account.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['product_id'], ['product.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('product_id', 'account_id', name='uq_product_review_account')
        )
    op.create_index(
        'ix_product_review_shown',
        'product_review',
        ['product_id', 'status', 'published_at'],
        if_not_exists=True,
    )
    op.create_index(
        'ix_product_review_queue', 'product_review', ['status', 'updated_at'], if_not_exists=True
    )
    op.create_index(
        op.f('ix_product_review_account_id'), 'product_review', ['account_id'], if_not_exists=True
    )


def downgrade() -> None:
    op.drop_index(op.f('ix_product_review_account_id'), table_name='product_review')
    op.drop_index('ix_product_review_queue', table_name='product_review')
    op.drop_index('ix_product_review_shown', table_name='product_review')
    op.drop_table('product_review')
