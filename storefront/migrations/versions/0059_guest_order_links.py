"""guest order links: the single-use links an account's owner asks for, signed in, to add the
orders they placed as a guest (services/accounts/guest_orders.py). Nothing joins here: an
order joins only when its link is used while signed in to the account (no backfill).

Revision ID: 0059
Revises: 0058
Create Date: 2026-12-08 10:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0059"
down_revision: str | None = "0058"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "guest_order_link"


def upgrade() -> None:
    if TABLE not in sa.inspect(op.get_bind()).get_table_names():  # run again: made already
        op.create_table(
            TABLE,
            sa.Column("token_hash", sa.String(length=64), nullable=False),
            sa.Column("account_id", sa.Integer(), nullable=False),
            sa.Column("email", sa.String(length=254), nullable=False),
            sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
            sa.ForeignKeyConstraint(["account_id"], ["account.id"], ondelete="CASCADE"),
            sa.PrimaryKeyConstraint("token_hash"),
        )
    op.create_index("ix_guest_order_link_account_id", TABLE, ["account_id"], if_not_exists=True)


def downgrade() -> None:
    # Only the links go: orders joined through them stay their accounts' (the audit log
    # says which joined, and when).
    op.drop_table(TABLE, if_exists=True)
