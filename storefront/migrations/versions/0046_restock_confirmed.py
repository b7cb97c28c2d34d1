"""restock confirmed: a guest's back-in-stock alert waits only once the address's owner
confirmed it through a mailed link (double opt-in); alerts asked before are confirmed

Revision ID: 0046
Revises: 0045
Create Date: 2026-12-07 06:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0046"
down_revision: str | None = "0045"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
INDEX = "ix_restock_alert_confirm_hash"


def _columns() -> set[str]:
    return {c["name"] for c in sa.inspect(op.get_bind()).get_columns("restock_alert")}


def upgrade() -> None:
    # Added in place, as 0045 adds cancel_by_shop; every alert asked before was accepted as
    # it was asked, so it stays waiting (confirmed when it was asked).
    columns = _columns()
    if "confirmed_at" not in columns:
        op.add_column(
            "restock_alert", sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True)
        )
    if "confirm_hash" not in columns:
        op.add_column("restock_alert", sa.Column("confirm_hash", sa.String(64), nullable=True))
        op.create_index(INDEX, "restock_alert", ["confirm_hash"], unique=True)
    # Run each time (a run cut short after adding the column left them unconfirmed): no alert
    # before this one had a link.
    op.execute(
        "UPDATE restock_alert SET confirmed_at = created_at"
        " WHERE confirmed_at IS NULL AND confirm_hash IS NULL"
    )


def downgrade() -> None:
    # Dropped in place (SQLite 3.35+ can), as 0037 drops refused_at. An alert still waiting
    # for its confirmation would then wait as a confirmed one: those go first.
    columns = _columns()
    if "confirmed_at" in columns:
        op.execute("DELETE FROM restock_alert WHERE confirmed_at IS NULL")
    if "confirm_hash" in columns:
        op.drop_index(INDEX, table_name="restock_alert")
        op.execute("ALTER TABLE restock_alert DROP COLUMN confirm_hash")
    if "confirmed_at" in columns:
        op.execute("ALTER TABLE restock_alert DROP COLUMN confirmed_at")
