"""invoice dates: an invoice's issue date is stored with its number (sales_order.invoice_date),
where it was worked out from invoiced_at in the shop's time zone at each view, so a change of
BOUTIQUE_TIMEZONE could move an issued invoice to another day

The backfill dates each numbered order from its invoiced_at (its paid_at if that is missing)
in the BOUTIQUE_TIMEZONE of the process migrating, the zone its number's year came from. It
checks first, so a run stopped midway finishes on the next one.

Revision ID: 0033
Revises: 0032
Create Date: 2026-12-04 16:10:00
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, tzinfo

import sqlalchemy as sa
from alembic import op

revision: str = "0033"
down_revision: str | None = "0032"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _columns() -> set[str]:
    return {c["name"] for c in sa.inspect(op.get_bind()).get_columns("sales_order")}


def _shop_zone() -> tzinfo:
    # The shop's own setting, read now (validated there); imported here only, as env.py
    # imports the settings too.
    from storefront.settings import load_settings

    return load_settings().zone


def upgrade() -> None:
    if "invoice_date" not in _columns():
        op.add_column("sales_order", sa.Column("invoice_date", sa.Date(), nullable=True))
    orders = sa.table(
        "sales_order",
        sa.column("id", sa.Integer()),
        sa.column("invoice_number", sa.String()),
        sa.column("invoiced_at", sa.DateTime(timezone=True)),
        sa.column("paid_at", sa.DateTime(timezone=True)),
        sa.column("invoice_date", sa.Date()),
    )
    bind = op.get_bind()
    undated = bind.execute(
        sa.select(orders.c.id, orders.c.invoiced_at, orders.c.paid_at).where(
            orders.c.invoice_number.is_not(None), orders.c.invoice_date.is_(None)
        )
    ).all()
    if not undated:
        return
    zone = _shop_zone()
    for row in undated:
        moment: datetime | None = row.invoiced_at or row.paid_at
        if moment is None:
            continue  # numbered only when paid: never the case, left undated if it were
        if moment.tzinfo is None:  # SQLite hands back the stored UTC instant without a zone
            moment = moment.replace(tzinfo=UTC)
        bind.execute(
            sa.update(orders)
            .where(orders.c.id == row.id)
            .values(invoice_date=moment.astimezone(zone).date())
        )


def downgrade() -> None:
    # Dropped in place (SQLite 3.35+ can), as 0032 drops its columns.
    if "invoice_date" in _columns():
        op.execute("ALTER TABLE sales_order DROP COLUMN invoice_date")
