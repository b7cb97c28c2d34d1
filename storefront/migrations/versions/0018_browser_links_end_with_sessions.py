"""a browser's link to an account ends with its session: account_visitor.signed_in_until, and
the browser each session was opened in (account_session.visitor_id)

Links made before have their sessions' browsers unrecorded: each is bounded by the latest
that any session of its account still open can end (or now, with none open). What a browser
did since its session ended is then left out of the download, from here on at least.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-02 18:00:00
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0018'
down_revision: str | None = '0017'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('account_session', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('visitor_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True)
        )
    with op.batch_alter_table('account_visitor', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('signed_in_until', sa.DateTime(timezone=True), nullable=True)
        )

    now = sa.literal(datetime.now(UTC), sa.DateTime(timezone=True))
    visitor = sa.table(
        'account_visitor',
        sa.column('account_id', sa.Integer),
        sa.column('signed_in_until', sa.DateTime(timezone=True)),
    )
    session = sa.table(
        'account_session',
        sa.column('account_id', sa.Integer),
        sa.column('expires_at', sa.DateTime(timezone=True)),
    )
    open_until = (
        sa.select(sa.func.max(session.c.expires_at))
        .where(session.c.account_id == visitor.c.account_id, session.c.expires_at > now)
        .scalar_subquery()
    )
    op.get_bind().execute(
        sa.update(visitor).values(signed_in_until=sa.func.coalesce(open_until, now))
    )

    with op.batch_alter_table('account_visitor', schema=None) as batch_op:
        batch_op.alter_column(
            'signed_in_until', existing_type=sa.DateTime(timezone=True), nullable=False
        )


def downgrade() -> None:
    with op.batch_alter_table('account_visitor', schema=None) as batch_op:
        batch_op.drop_column('signed_in_until')
    with op.batch_alter_table('account_session', schema=None) as batch_op:
        batch_op.drop_column('visitor_id')
