"""cart line product: a cart line keeps its variant's product and options ("M · White"), so
a line whose variant the merchant removed is still named by them; lines from before take
them from their variant, when it still exists

Revision ID: 0051
Revises: 0050
Create Date: 2026-12-10 09:00:00
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0051"
down_revision: str | None = "0050"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "cart_line"
# Named as PostgreSQL names a column's foreign key, on SQLite too (batch mode recreates it).
FOREIGN_KEY = "cart_line_product_id_fkey"


def _columns() -> set[str]:
    return {c["name"] for c in sa.inspect(op.get_bind()).get_columns(TABLE)}


def upgrade() -> None:
    if "product_id" not in _columns():  # run again after a stop: added already
        with op.batch_alter_table(TABLE) as batch_op:
            batch_op.add_column(sa.Column("product_id", sa.Integer(), nullable=True))
            batch_op.add_column(
                sa.Column("options", sa.String(length=300), nullable=False, server_default="")
            )
            batch_op.create_foreign_key(
                FOREIGN_KEY, "product", ["product_id"], ["id"], ondelete="SET NULL"
            )
    _from_variants()


def _from_variants() -> None:
    """Lines not named yet take their variant's product and options, as the cart names a
    variant (sql_carts.py's _sellable: its values in stored order, joined by " · ")."""
    line = sa.table(
        TABLE,
        sa.column("id", sa.Integer),
        sa.column("sku", sa.String),
        sa.column("product_id", sa.Integer),
        sa.column("options", sa.String),
    )
    variant = sa.table(
        "variant",
        sa.column("sku", sa.String),
        sa.column("product_id", sa.Integer),
        sa.column("options", sa.Text),  # JSON text on both databases (OrderedJsonType)
    )
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(line.c.id, variant.c.product_id, variant.c.options)
        .join(variant, variant.c.sku == line.c.sku)
        .where(line.c.product_id.is_(None))
    ).all()
    named = [
        {"b_id": line_id, "b_product": product_id, "b_options": _label(options)}
        for line_id, product_id, options in rows
    ]
    if named:
        connection.execute(
            sa.update(line)
            .where(line.c.id == sa.bindparam("b_id"))
            .values(product_id=sa.bindparam("b_product"), options=sa.bindparam("b_options")),
            named,
        )


def _label(options: object) -> str:
    values = json.loads(options) if isinstance(options, str) else options
    return " · ".join(str(v) for v in (values or {}).values())[:300]


def downgrade() -> None:
    if "product_id" in _columns():
        with op.batch_alter_table(TABLE) as batch_op:
            batch_op.drop_constraint(FOREIGN_KEY, type_="foreignkey")
            batch_op.drop_column("options")
            batch_op.drop_column("product_id")
