"""reversal invoices: one for each refund that failed after it went through and has a credit
note (reversal_invoice), numbered in the invoices' own series (invoice_counter), cancelling
that note (numbered documents are never deleted)

The refunds reversed before it that have a credit note get theirs here, in the order they
were recorded, issued now (the day of the migration, in the BOUTIQUE_TIMEZONE of the process
migrating), as 0034 did for credit notes. Every step checks first, so a run stopped midway
finishes on the next one.

Revision ID: 0055
Revises: 0054
Create Date: 2026-12-07 15:20:00
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, tzinfo

import sqlalchemy as sa
from alembic import op

revision: str = "0055"
down_revision: str | None = "0054"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "ix_reversal_invoice_order_id"


def _shop_zone() -> tzinfo:
    # The shop's own setting, read now (validated there); imported here only, as env.py
    # imports the settings too.
    from storefront.settings import load_settings

    return load_settings().zone


def upgrade() -> None:
    inspector = sa.inspect(op.get_bind())
    if not inspector.has_table("reversal_invoice"):
        op.create_table(
            "reversal_invoice",
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
            sa.UniqueConstraint("number", name="uq_reversal_invoice_number"),
            sa.UniqueConstraint("refund_id", name="uq_reversal_invoice_refund"),
        )
    if INDEX not in {i["name"] for i in sa.inspect(op.get_bind()).get_indexes("reversal_invoice")}:
        op.create_index(INDEX, "reversal_invoice", ["order_id"])
    _issue_for_earlier_reversals()


def _issue_for_earlier_reversals() -> None:
    bind = op.get_bind()
    due = bind.execute(
        sa.text(
            "select n.refund_id, n.order_id, n.amount_minor from credit_note n"
            " join order_refund r on r.id = n.refund_id"
            " where r.reversed = :yes"
            " and not exists (select 1 from reversal_invoice v where v.refund_id = n.refund_id)"
            " order by n.refund_id"
        ),
        {"yes": True},
    ).all()
    if not due:
        return
    now = datetime.now(UTC)
    day = now.astimezone(_shop_zone()).date()
    # The shop may be taking payments meanwhile (a rolling deploy), each numbering its invoice
    # from this counter: its row is locked first (PostgreSQL; SQLite's first write locks the
    # database), and every number below is taken from it as the shop takes one (review: a
    # number read, then written back, could be a payment's taken in between).
    bind.execute(
        sa.text(
            "insert into invoice_counter (year, last_number) values (:year, 0)"
            " on conflict (year) do nothing"
        ),
        {"year": day.year},
    )
    bind.execute(
        sa.text("update invoice_counter set last_number = last_number where year = :year"),
        {"year": day.year},
    )
    # A run stopped after an invoice and before the counter moved on: the counter catches up
    # (with the orders' invoices of the year too, the same series).
    for table in ("reversal_invoice", "sales_order"):
        column = "number" if table == "reversal_invoice" else "invoice_number"
        bind.execute(
            sa.text(
                f"update invoice_counter set last_number = (select max(cast(substr({column}, 7)"
                f" as integer)) from {table} where {column} like :series) where year = :year"
                f" and last_number < (select coalesce(max(cast(substr({column}, 7) as integer)),"
                f" 0) from {table} where {column} like :series)"
            ),
            {"year": day.year, "series": f"F{day.year}-%"},
        )
    for refund in due:
        number = bind.execute(
            sa.text(
                "update invoice_counter set last_number = last_number + 1 where year = :year"
                " returning last_number"
            ),
            {"year": day.year},
        ).scalar_one()
        bind.execute(
            sa.text(
                "insert into reversal_invoice"
                " (number, order_id, refund_id, amount_minor, issued_at, issue_date)"
                " values (:number, :order_id, :refund_id, :amount, :at, :day)"
            ),
            {
                "number": f"F{day.year}-{int(number):06d}",
                "order_id": refund.order_id,
                "refund_id": refund.refund_id,
                "amount": refund.amount_minor,
                "at": now,
                "day": day,
            },
        )


def downgrade() -> None:
    bind = op.get_bind()
    if not sa.inspect(bind).has_table("reversal_invoice"):
        return
    # Numbered documents are never deleted: with any issued, this step is refused (restore
    # the backup taken before upgrading instead); an empty table goes.
    issued = bind.execute(sa.text("SELECT count(*) FROM reversal_invoice")).scalar_one()
    if issued:
        raise RuntimeError(
            f"reversal_invoice holds {issued} numbered invoice(s), which are never deleted:"
            " 0055 cannot be downgraded (restore the backup taken before upgrading instead)"
        )
    op.drop_table("reversal_invoice")
