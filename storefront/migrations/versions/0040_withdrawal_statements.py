"""withdrawal statements: the shopper's withdrawal from a shipped order (the EU withdrawal
function), its items, who sent it and when it was received, and the claim and sent time of its
acknowledgement mail

Revision ID: 0040
Revises: 0039
Create Date: 2026-12-04 21:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0040"
down_revision: str | None = "0039"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "withdrawal_statement"


def upgrade() -> None:
    if TABLE in sa.inspect(op.get_bind()).get_table_names():
        return  # a run stopped after its one statement: done
    op.create_table(
        TABLE,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("request_key", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("items", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("locale", sa.String(length=8), nullable=False),
        sa.Column("ack_claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ack_sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["order_id"], ["sales_order.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("order_id", "request_key", name="uq_withdrawal_statement_request"),
    )
    op.create_index("ix_withdrawal_statement_order_id", TABLE, ["order_id"])
    op.create_index("ix_withdrawal_statement_received", TABLE, ["received_at", "ack_sent_at"])


def downgrade() -> None:
    op.drop_table(TABLE, if_exists=True)
