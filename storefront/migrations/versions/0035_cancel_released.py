"""cancel released: when a shopper's cancel of a paid order was given up (its refund refused
for good, or the merchant released the claim), so the order may ship again

Revision ID: 0035
Revises: 0034
Create Date: 2026-12-04 16:15:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0035"
down_revision: str | None = "0034"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _columns() -> set[str]:
    return {c["name"] for c in sa.inspect(op.get_bind()).get_columns("sales_order")}


def upgrade() -> None:
    if "cancel_released_at" not in _columns():
        with op.batch_alter_table("sales_order", schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("cancel_released_at", sa.DateTime(timezone=True), nullable=True)
            )


def downgrade() -> None:
    # Dropped in place (SQLite 3.35+ can), as 0028 drops cancel_requested_at.
    if "cancel_released_at" in _columns():
        op.execute("ALTER TABLE sales_order DROP COLUMN cancel_released_at")
