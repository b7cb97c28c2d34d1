"""card refused: an order records when the checkout page's payment script refused the card
details of its attempt (Stripe.js: "Check your card details."), before any card reached the
payment provider. Such an attempt is no longer being confirmed: another tab's Pay replaces
it instead of waiting up to 2 minutes for a card that is not coming (QA;
services/checkout/attempts.py). Existing orders have none.

Revision ID: 0054
Revises: 0053
Create Date: 2026-12-07 15:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0054"
down_revision: str | None = "0053"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "sales_order"
COLUMN = "card_refused_at"


def _columns() -> set[str]:
    return {c["name"] for c in sa.inspect(op.get_bind()).get_columns(TABLE)}


def upgrade() -> None:
    if COLUMN not in _columns():  # run again after a run cut short: added already
        op.add_column(TABLE, sa.Column(COLUMN, sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    if COLUMN in _columns():  # dropped in place (SQLite 3.35+ can), as 0050 drops its own
        op.execute(f"ALTER TABLE {TABLE} DROP COLUMN {COLUMN}")
