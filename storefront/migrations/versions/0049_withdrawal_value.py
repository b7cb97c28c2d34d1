"""withdrawal value: what each withdrawal statement owes the shopper for its goods (the price
paid less their share of the discount; the delivery with the last of an order's goods),
recorded with it, so that the orders list finds the withdrawals still to refund; those
received before it are valued here from their orders' lines

Revision ID: 0049
Revises: 0048
Create Date: 2026-12-08 10:00:00
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0049"
down_revision: str | None = "0048"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "withdrawal_statement"


def _columns() -> set[str]:
    return {c["name"] for c in sa.inspect(op.get_bind()).get_columns(TABLE)}


def upgrade() -> None:
    if "value_minor" not in _columns():
        op.add_column(
            TABLE, sa.Column("value_minor", sa.Integer(), nullable=False, server_default="0")
        )
    _value_statements()


def _value_statements() -> None:
    # The shop's own rule, imported here only (it is plain arithmetic on the rows below).
    from storefront.services.orders.withdrawal import WithdrawnItem
    from storefront.services.orders.withdrawal_refunds import Paid, standard_delivery, values

    bind = op.get_bind()
    orders = bind.execute(
        sa.text(
            "select id, currency, shipping_method, subtotal_minor, discount_minor,"
            " shipping_minor from sales_order where id in"
            " (select order_id from withdrawal_statement where value_minor = 0)"
        )
    ).all()
    for order in orders:
        # In their id's order, as the order's records list them (a statement names positions).
        lines = bind.execute(
            sa.text(
                "select unit_price_minor, quantity from order_line where order_id = :o order by id"
            ),
            {"o": order.id},
        ).all()
        goods = order.subtotal_minor - order.discount_minor
        paid = Paid(
            tuple(line.unit_price_minor for line in lines),
            tuple(line.quantity for line in lines),
            order.discount_minor,
            standard_delivery(order.shipping_method, order.currency, order.shipping_minor, goods),
        )
        statements = bind.execute(
            sa.text("select id, items from withdrawal_statement where order_id = :o order by id"),
            {"o": order.id},
        ).all()
        items = [
            [WithdrawnItem(int(i["line"]), "", "", "", int(i["quantity"])) for i in json.loads(row)]
            for _, row in statements
        ]
        for statement, value in zip(statements, values(paid, items), strict=True):
            bind.execute(
                sa.text("update withdrawal_statement set value_minor = :v where id = :i"),
                {"v": value, "i": statement.id},
            )


def downgrade() -> None:
    # Dropped in place (SQLite 3.35+ can), as 0045 drops cancel_by_shop.
    if "value_minor" in _columns():
        op.execute(f"ALTER TABLE {TABLE} DROP COLUMN value_minor")
