"""trusted devices: browsers that signed in keep their own count of failed sign-ins

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-01 14:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0014'
down_revision: str | None = '0013'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('trusted_device',
    sa.Column('token_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['account.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('token_hash', 'account_id')
    )
    with op.batch_alter_table('trusted_device', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_trusted_device_account_id'), ['account_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_trusted_device_expires_at'), ['expires_at'], unique=False)

    with op.batch_alter_table('sign_in_attempt', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('device_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table('sign_in_attempt', schema=None) as batch_op:
        batch_op.drop_column('device_hash')

    with op.batch_alter_table('trusted_device', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_trusted_device_expires_at'))
        batch_op.drop_index(batch_op.f('ix_trusted_device_account_id'))

    op.drop_table('trusted_device')
