"""email change: a change of an account's email, confirmed by a single-use link mailed to the
new address

Revision ID: 0042
Revises: 0041
Create Date: 2026-12-06 11:20:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0042"
down_revision: str | None = "0041"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "email_change"


def upgrade() -> None:
    if TABLE not in sa.inspect(op.get_bind()).get_table_names():  # run again: made already
        op.create_table(
            TABLE,
            sa.Column("token_hash", sa.String(length=64), nullable=False),
            sa.Column("account_id", sa.Integer(), nullable=False),
            sa.Column("new_email", sa.String(length=254), nullable=False),
            sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
            sa.ForeignKeyConstraint(["account_id"], ["account.id"], ondelete="CASCADE"),
            sa.PrimaryKeyConstraint("token_hash"),
        )
    op.create_index("ix_email_change_account_id", TABLE, ["account_id"], if_not_exists=True)


def downgrade() -> None:
    op.drop_table(TABLE, if_exists=True)
