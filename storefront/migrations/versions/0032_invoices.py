"""invoices: each paid order's invoice number and issue date, and the yearly counter they
are allocated from

Every step checks first, so a run stopped midway finishes on the next one (SQLite commits
each statement on its own).

Revision ID: 0032
Revises: 0031
Create Date: 2026-12-04 14:20:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0032"
down_revision: str | None = "0031"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "ix_sales_order_invoice_number"


def _columns() -> set[str]:
    return {c["name"] for c in sa.inspect(op.get_bind()).get_columns("sales_order")}


def upgrade() -> None:
    inspector = sa.inspect(op.get_bind())
    if not inspector.has_table("invoice_counter"):
        op.create_table(
            "invoice_counter",
            sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
            sa.Column("last_number", sa.Integer(), nullable=False),
            sa.PrimaryKeyConstraint("year"),
        )
    columns = _columns()
    if "invoice_number" not in columns:
        op.add_column("sales_order", sa.Column("invoice_number", sa.String(16), nullable=True))
    if "invoiced_at" not in columns:
        op.add_column(
            "sales_order", sa.Column("invoiced_at", sa.DateTime(timezone=True), nullable=True)
        )
    if INDEX not in {i["name"] for i in sa.inspect(op.get_bind()).get_indexes("sales_order")}:
        # Partial, so PostgreSQL does not take the column for a key (see models/orders.py).
        op.create_index(
            INDEX,
            "sales_order",
            ["invoice_number"],
            unique=True,
            postgresql_where=sa.text("invoice_number IS NOT NULL"),
            sqlite_where=sa.text("invoice_number IS NOT NULL"),
        )


def downgrade() -> None:
    # Dropped in place (SQLite 3.35+ can): a batch copy of the table would be refused by
    # SQLite's foreign keys while order lines point at it.
    if INDEX in {i["name"] for i in sa.inspect(op.get_bind()).get_indexes("sales_order")}:
        op.drop_index(INDEX, table_name="sales_order")
    for column in ("invoiced_at", "invoice_number"):
        if column in _columns():
            op.execute(f"ALTER TABLE sales_order DROP COLUMN {column}")
    if sa.inspect(op.get_bind()).has_table("invoice_counter"):
        op.drop_table("invoice_counter")
