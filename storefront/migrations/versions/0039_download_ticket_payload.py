"""download tickets carry their download's parameters (a payload): the admin's CSV
downloads (catalog, orders, refunds) are posted with a ticket too, no longer fetched by a link,
and their format and the orders list's filter travel in the ticket

Every step checks first, so a run stopped midway finishes on the next one.

Revision ID: 0039
Revises: 0038
Create Date: 2026-12-04 20:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0039"
down_revision: str | None = "0038"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "admin_download_ticket"


def _columns() -> set[str]:
    return {c["name"] for c in sa.inspect(op.get_bind()).get_columns(TABLE)}


def upgrade() -> None:
    if "payload" not in _columns():
        # A ticket issued before this revision (a customer's data) has no parameters.
        with op.batch_alter_table(TABLE) as batch_op:
            batch_op.add_column(sa.Column("payload", sa.Text(), nullable=False, server_default="{}"))


def downgrade() -> None:
    if "payload" in _columns():
        with op.batch_alter_table(TABLE) as batch_op:
            batch_op.drop_column("payload")
