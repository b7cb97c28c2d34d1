"""credit notes: one for each refund of an invoiced order that went through (credit_note),
numbered from a yearly series of their own (credit_note_counter, "A2026-000001")

The refunds that went through before it, on orders with an invoice, get theirs here, in the
order they were recorded, issued now (the day of the migration, in the BOUTIQUE_TIMEZONE of
the process migrating). Every step checks first, so a run stopped midway finishes on the next
one (SQLite commits each statement on its own: the counter catches up with the notes first).

Revision ID: 0034
Revises: 0033
Create Date: 2026-12-04 16:40:00
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, tzinfo

import sqlalchemy as sa
from alembic import op

revision: str = "0034"
down_revision: str | None = "0033"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "ix_credit_note_order_id"


def _shop_zone() -> tzinfo:
    # The shop's own setting, read now (validated there); imported here only, as env.py
    # imports the settings too.
    from storefront.settings import load_settings

    return load_settings().zone


def upgrade() -> None:
    inspector = sa.inspect(op.get_bind())
    if not inspector.has_table("credit_note_counter"):
        op.create_table(
            "credit_note_counter",
            sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
            sa.Column("last_number", sa.Integer(), nullable=False),
            sa.PrimaryKeyConstraint("year"),
        )
    if not inspector.has_table("credit_note"):
        op.create_table(
            "credit_note",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("number", sa.String(16), nullable=False),
            sa.Column("order_id", sa.Integer(), nullable=False),
            sa.Column("refund_id", sa.Integer(), nullable=False),
            sa.Column("amount_minor", sa.Integer(), nullable=False),
            sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("issue_date", sa.Date(), nullable=False),
            sa.ForeignKeyConstraint(["order_id"], ["sales_order.id"]),
            sa.ForeignKeyConstraint(["refund_id"], ["order_refund.id"]),
            sa.PrimaryKeyConstraint("id"),
            sa.UniqueConstraint("number", name="uq_credit_note_number"),
            sa.UniqueConstraint("refund_id", name="uq_credit_note_refund"),
        )
    if INDEX not in {i["name"] for i in sa.inspect(op.get_bind()).get_indexes("credit_note")}:
        op.create_index(INDEX, "credit_note", ["order_id"])
    _issue_for_earlier_refunds()


def _issue_for_earlier_refunds() -> None:
    bind = op.get_bind()
    due = bind.execute(
        sa.text(
            "select r.id, r.order_id, r.amount_minor from order_refund r"
            " join sales_order o on o.id = r.order_id"
            " where r.status = 'succeeded' and o.invoice_number is not null"
            " and not exists (select 1 from credit_note n where n.refund_id = r.id)"
            " order by r.id"
        )
    ).all()
    if not due:
        return
    now = datetime.now(UTC)
    day = now.astimezone(_shop_zone()).date()
    bind.execute(
        sa.text(
            "insert into credit_note_counter (year, last_number) select :year, 0"
            " where not exists (select 1 from credit_note_counter where year = :year)"
        ),
        {"year": day.year},
    )
    # A run stopped after a note and before its counter moved on: the counter catches up.
    bind.execute(
        sa.text(
            "update credit_note_counter set last_number = (select max(cast(substr(number, 7)"
            " as integer)) from credit_note where number like :series) where year = :year"
            " and exists (select 1 from credit_note where number like :series)"
        ),
        {"year": day.year, "series": f"A{day.year}-%"},
    )
    for refund in due:
        last = bind.execute(
            sa.text("select last_number from credit_note_counter where year = :year"),
            {"year": day.year},
        ).scalar_one()
        bind.execute(
            sa.text(
                "insert into credit_note"
                " (number, order_id, refund_id, amount_minor, issued_at, issue_date)"
                " values (:number, :order_id, :refund_id, :amount, :at, :day)"
            ),
            {
                "number": f"A{day.year}-{int(last) + 1:06d}",
                "order_id": refund.order_id,
                "refund_id": refund.id,
                "amount": refund.amount_minor,
                "at": now,
                "day": day,
            },
        )
        bind.execute(
            sa.text("update credit_note_counter set last_number = :next where year = :year"),
            {"year": day.year, "next": int(last) + 1},
        )


def downgrade() -> None:
    inspector = sa.inspect(op.get_bind())
    if inspector.has_table("credit_note"):
        op.drop_table("credit_note")
    if inspector.has_table("credit_note_counter"):
        op.drop_table("credit_note_counter")
