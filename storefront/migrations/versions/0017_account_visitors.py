"""account visitors: the browsers that signed in to an account, so that closing it deletes
what they browsed (kept by visitor id, never by account)

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-02 12:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0017'
down_revision: str | None = '0016'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('account_visitor',
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('visitor_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('first_seen', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['account.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('account_id', 'visitor_id')
    )
    with op.batch_alter_table('account_visitor', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_account_visitor_account_id'), ['account_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('account_visitor', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_account_visitor_account_id'))

    op.drop_table('account_visitor')
