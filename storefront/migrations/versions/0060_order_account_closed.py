"""order account closed: an order kept when the account it was placed in closed says so
(`account_closed`), so that adding an account's guest orders (0059) takes only orders placed
as a guest: someone who closed their account and signs up again with its address does not
get back the orders closing unlinked (review; README: "no longer linked").

Orders before it: a checkout order always has its cart's id, which only closing clears (and
an order placed in an account closed meanwhile, as closing would); those without an account
and without a cart are the closed accounts'. The demo history (its own source, never paid) is
left as it is. Every step checks first, so a run stopped midway finishes on the next one.

Revision ID: 0060
Revises: 0059
Create Date: 2026-12-08 00:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0060"
down_revision: str | None = "0059"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "sales_order"
COLUMN = "account_closed"


def _columns() -> set[str]:
    return {c["name"] for c in sa.inspect(op.get_bind()).get_columns(TABLE)}


def upgrade() -> None:
    # Added in place (a batch copy of the table would be refused by SQLite's foreign keys
    # while lines, refunds and invoices point at it), as 0058 adds its columns.
    if COLUMN not in _columns():
        op.add_column(
            TABLE, sa.Column(COLUMN, sa.Boolean(), nullable=False, server_default=sa.false())
        )
    op.get_bind().execute(
        sa.text(
            f"UPDATE {TABLE} SET {COLUMN} = :yes"
            f" WHERE {COLUMN} = :no AND account_id IS NULL AND cart_id IS NULL"
            " AND source = 'shop'"
        ),
        {"yes": True, "no": False},
    )


def downgrade() -> None:
    # Dropped in place (SQLite 3.35+ can), as 0058 drops its columns: the release before
    # joins every paid order without an account.
    if COLUMN in _columns():
        op.execute(f"ALTER TABLE {TABLE} DROP COLUMN {COLUMN}")
