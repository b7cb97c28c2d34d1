"""refund succeeded at: each refund records when it went through (`succeeded_at`) and whether
a refund mail told its shopper so (`refund_mailed`), so the refund mail tells exactly the
refunds that went through since the last one, each by how it went back, instead of guessing
them from the order's totals.

Refunds before it: one made outside the payment provider went through when it was recorded
(its `created_at`); when one of the provider's went through is not recorded anywhere (its
credit note may have been issued later, by 0034 or when the order was invoiced), so it stays
unknown. Those of an order whose refund mails told all its refunds that went through are
told; the others are not, and the next mail of their order names no method (unknown).
Every step checks first, so a run stopped midway finishes on the next one.

Revision ID: 0058
Revises: 0057
Create Date: 2026-12-07 19:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0058"
down_revision: str | None = "0057"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "order_refund"
COLUMNS = ("succeeded_at", "refund_mailed")


def _columns() -> set[str]:
    return {c["name"] for c in sa.inspect(op.get_bind()).get_columns(TABLE)}


def upgrade() -> None:
    # Added in place (a batch copy of the table would be refused by SQLite's foreign keys
    # while credit notes point at it), as 0057 adds `method`.
    if "succeeded_at" not in _columns():
        op.add_column(TABLE, sa.Column("succeeded_at", sa.DateTime(timezone=True), nullable=True))
    if "refund_mailed" not in _columns():
        op.add_column(
            TABLE,
            sa.Column("refund_mailed", sa.Boolean(), nullable=False, server_default=sa.false()),
        )
    bind = op.get_bind()
    bind.execute(
        sa.text(
            f"UPDATE {TABLE} SET succeeded_at = created_at"
            " WHERE method <> '' AND status = 'succeeded' AND succeeded_at IS NULL"
        )
    )
    # Told: the order's mails told at least what all its refunds that went through make up
    # (a mail under way, or one that failed, leaves its order's refunds untold).
    bind.execute(
        sa.text(
            f"UPDATE {TABLE} SET refund_mailed = :yes"
            " WHERE status = 'succeeded' AND refund_mailed = :no"
            " AND (SELECT o.refund_mailed_minor FROM sales_order o"
            f" WHERE o.id = {TABLE}.order_id)"
            " >= (SELECT SUM(r.amount_minor) FROM order_refund r"
            f" WHERE r.order_id = {TABLE}.order_id AND r.status = 'succeeded')"
        ),
        {"yes": True, "no": False},
    )


def downgrade() -> None:
    # Dropped in place (SQLite 3.35+ can), as 0057 drops `method`. What they recorded since
    # is lost: the release before guesses the refunds a mail tells from their times.
    for name in COLUMNS:
        if name in _columns():
            op.execute(f"ALTER TABLE {TABLE} DROP COLUMN {name}")
