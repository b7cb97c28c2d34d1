"""restock refused: when the mail server refused a back-in-stock alert's address for good (the
alert is done, as one mailed, but the shopper is told it could not be mailed)

Revision ID: 0037
Revises: 0036
Create Date: 2026-12-04 20:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0037"
down_revision: str | None = "0036"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _columns() -> set[str]:
    return {c["name"] for c in sa.inspect(op.get_bind()).get_columns("restock_alert")}


def upgrade() -> None:
    # Alerts refused before this were marked done as if mailed: nothing tells them apart.
    if "refused_at" not in _columns():
        with op.batch_alter_table("restock_alert", schema=None) as batch_op:
            batch_op.add_column(sa.Column("refused_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    # Dropped in place (SQLite 3.35+ can), as 0035 drops cancel_released_at; a refused alert
    # stays done (notified_at), as refused ones were before.
    if "refused_at" in _columns():
        op.execute("ALTER TABLE restock_alert DROP COLUMN refused_at")
