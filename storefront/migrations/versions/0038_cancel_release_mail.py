"""cancel release mail: the shopper is mailed once when their cancel of a paid order is given
up (claimed, then marked sent, as the other order mails); cancel_released_at indexed for the
mails' catch-up

Every step checks first, so a run stopped midway finishes on the next one.

Revision ID: 0038
Revises: 0037
Create Date: 2026-12-04 20:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0038"
down_revision: str | None = "0037"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "ix_sales_order_cancel_released_at"
COLUMNS = ("cancel_release_mail_claimed_at", "cancel_release_mailed_at")


def _columns() -> set[str]:
    return {c["name"] for c in sa.inspect(op.get_bind()).get_columns("sales_order")}


def upgrade() -> None:
    missing = [name for name in COLUMNS if name not in _columns()]
    if missing:
        with op.batch_alter_table("sales_order", schema=None) as batch_op:
            for name in missing:
                batch_op.add_column(sa.Column(name, sa.DateTime(timezone=True), nullable=True))
    # Cancels given up before this were never mailed, and are not now, days late: the merchant
    # was told to contact those shoppers (as 0021 did for failed refunds). Run again after a
    # stop midway, it finds only those still untold, which no code could have mailed yet.
    op.execute(
        "UPDATE sales_order SET cancel_release_mailed_at = cancel_released_at"
        " WHERE cancel_released_at IS NOT NULL AND cancel_release_mailed_at IS NULL"
    )
    op.create_index(INDEX, "sales_order", ["cancel_released_at"], if_not_exists=True)


def downgrade() -> None:
    op.drop_index(INDEX, table_name="sales_order", if_exists=True)
    # Dropped in place (SQLite 3.35+ can), as 0035 drops cancel_released_at.
    for name in COLUMNS:
        if name in _columns():
            op.execute(f"ALTER TABLE sales_order DROP COLUMN {name}")
