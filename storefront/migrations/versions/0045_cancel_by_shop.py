"""cancel by shop: a paid, unshipped order's cancel claim is the shop's own (the merchant
canceled it from the admin) rather than the shopper's: the same claim, refund in full and
close (stock and discount use given back), told apart on the order's pages, in its mail and
in its audit entry

Revision ID: 0045
Revises: 0044
Create Date: 2026-12-06 21:50:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0045"
down_revision: str | None = "0044"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _columns() -> set[str]:
    return {c["name"] for c in sa.inspect(op.get_bind()).get_columns("sales_order")}


def upgrade() -> None:
    # Added in place (a batch copy of the table would be refused by SQLite's foreign keys
    # while order lines point at it).
    if "cancel_by_shop" not in _columns():
        op.add_column(
            "sales_order",
            sa.Column("cancel_by_shop", sa.Boolean(), nullable=False, server_default=sa.false()),
        )


def downgrade() -> None:
    # Dropped in place (SQLite 3.35+ can), as 0028 drops cancel_requested_at.
    if "cancel_by_shop" in _columns():
        op.execute("ALTER TABLE sales_order DROP COLUMN cancel_by_shop")
