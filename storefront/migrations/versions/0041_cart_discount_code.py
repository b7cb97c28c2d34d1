"""cart discount code: the code applied at checkout stays with the cart (a new tab, another
day, the account's other browser), until the order paid with it

Revision ID: 0041
Revises: 0040
Create Date: 2026-12-06 11:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0041"
down_revision: str | None = "0040"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "cart"


def _columns() -> set[str]:
    return {c["name"] for c in sa.inspect(op.get_bind()).get_columns(TABLE)}


def upgrade() -> None:
    if "discount_code" not in _columns():
        with op.batch_alter_table(TABLE) as batch_op:
            batch_op.add_column(sa.Column("discount_code", sa.String(length=40), nullable=True))


def downgrade() -> None:
    if "discount_code" in _columns():
        with op.batch_alter_table(TABLE) as batch_op:
            batch_op.drop_column("discount_code")
