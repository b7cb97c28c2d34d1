"""catalog imports staged for preview, activity by date

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30 23:43:25
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('catalog_import',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('filename', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('file_format', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('applied_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['actor_id'], ['account.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('token')
    )
    with op.batch_alter_table('catalog_import', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_catalog_import_created_at'), ['created_at'], unique=False)

    with op.batch_alter_table('shopper_activity', schema=None) as batch_op:
        batch_op.create_index('ix_activity_created', ['created_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('shopper_activity', schema=None) as batch_op:
        batch_op.drop_index('ix_activity_created')

    with op.batch_alter_table('catalog_import', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_catalog_import_created_at'))

    op.drop_table('catalog_import')
