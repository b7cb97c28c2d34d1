"""catalog import seen: what the preview saw of the file's products (a fingerprint each, or
none for a product the shop did not have), so that applying refuses a file whose products
changed since (a colleague's edit would be undone unseen)

Revision ID: 0043
Revises: 0042
Create Date: 2026-12-06 15:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0043"
down_revision: str | None = "0042"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "catalog_import"


def _columns() -> set[str]:
    return {c["name"] for c in sa.inspect(op.get_bind()).get_columns(TABLE)}


def upgrade() -> None:
    if "seen" not in _columns():
        with op.batch_alter_table(TABLE) as batch_op:
            # A file staged before it saw nothing ("{}"): its apply is refused, and the
            # file checked again applies (a staged file is kept a day).
            batch_op.add_column(sa.Column("seen", sa.Text(), nullable=False, server_default="{}"))


def downgrade() -> None:
    if "seen" in _columns():
        with op.batch_alter_table(TABLE) as batch_op:
            batch_op.drop_column("seen")
