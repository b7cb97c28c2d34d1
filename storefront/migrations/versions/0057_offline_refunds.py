"""offline refunds: a refund the merchant made outside the payment provider (a bank transfer,
a cheque, cash: the card it would go to is closed) is recorded in order_refund as gone
through, its `method` saying how; the provider's refunds keep "" (every refund before this).

Revision ID: 0057
Revises: 0056
Create Date: 2026-12-07 17:20:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0057"
down_revision: str | None = "0056"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "order_refund"
COLUMN = "method"


def _columns() -> set[str]:
    return {c["name"] for c in sa.inspect(op.get_bind()).get_columns(TABLE)}


def upgrade() -> None:
    if COLUMN not in _columns():  # run again after a run cut short: added already
        op.add_column(
            TABLE, sa.Column(COLUMN, sa.String(16), nullable=False, server_default="")
        )


def downgrade() -> None:
    # Refused while an offline refund stands: without its method it would read as a refund
    # made through the provider (the reconciliation would still leave it, but the books, the
    # admin and the shopper would be told wrong). Restore the backup taken before upgrading.
    bind = op.get_bind()
    if COLUMN not in _columns():
        return
    offline = bind.execute(sa.text(f"SELECT COUNT(*) FROM {TABLE} WHERE {COLUMN} <> ''")).scalar()
    if offline:
        raise RuntimeError(
            f"{offline} refund(s) made outside the payment provider would lose how they were"
            " made: restore the backup taken before upgrading instead"
        )
    op.execute(f"ALTER TABLE {TABLE} DROP COLUMN {COLUMN}")
