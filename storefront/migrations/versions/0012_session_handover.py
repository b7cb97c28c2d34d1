"""session handover: a new session on its way into its HttpOnly cookie

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01 07:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0012'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('session_handover',
    sa.Column('grant_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('sealed', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('grant_hash')
    )
    with op.batch_alter_table('session_handover', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_session_handover_expires_at'), ['expires_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('session_handover', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_session_handover_expires_at'))

    op.drop_table('session_handover')
