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


# As services/orders/withdrawal_refunds.py counts them on the day of this migration (copied:
# a migration must not change when the code does). Standard delivery in euros: 4.90, free
# from 50.00 of goods after discount.
STANDARD_EUR = (490, 5_000)


def _standard_delivery(method: str, currency: str, paid_minor: int, goods_minor: int) -> int:
    """The delivery paid, but no more than standard delivery cost for these goods."""
    if method == "standard" or currency != "EUR":
        return paid_minor
    price, free_from = STANDARD_EUR
    return min(paid_minor, 0 if goods_minor >= free_from else price)


def _values(
    prices: Sequence[int],
    quantities: Sequence[int],
    discount_minor: int,
    delivery_minor: int,
    statements: Sequence[Sequence[tuple[int, int]]],
) -> list[int]:
    """Each statement's value (its (line, quantity) pairs), oldest first: its units at the
    price paid less their share of the discount, counted on all withdrawn so far and rounded
    half up; the delivery with the last of the goods."""
    subtotal = sum(p * n for p, n in zip(prices, quantities, strict=True))
    discount = min(max(discount_minor, 0), subtotal)
    left = list(quantities)
    gross = counted = 0
    found: list[int] = []
    for items in statements:
        was_whole = not any(left)
        for line, quantity in items:
            if 0 <= line < len(left):
                units = min(max(quantity, 0), left[line])
                left[line] -= units
                gross += units * prices[line]
        net = (2 * gross * (subtotal - discount) + subtotal) // (2 * subtotal) if subtotal else 0
        delivery = delivery_minor if not any(left) and not was_whole else 0
        found.append(net - counted + delivery)
        counted = net
    return found


def _value_statements() -> None:
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
        delivery = _standard_delivery(
            order.shipping_method, order.currency, order.shipping_minor, goods
        )
        statements = bind.execute(
            sa.text("select id, items from withdrawal_statement where order_id = :o order by id"),
            {"o": order.id},
        ).all()
        items = [
            [(int(i["line"]), int(i["quantity"])) for i in json.loads(row)]
            for _, row in statements
        ]
        valued = _values(
            [line.unit_price_minor for line in lines],
            [line.quantity for line in lines],
            order.discount_minor,
            delivery,
            items,
        )
        for statement, value in zip(statements, valued, strict=True):
            bind.execute(
                sa.text("update withdrawal_statement set value_minor = :v where id = :i"),
                {"v": value, "i": statement.id},
            )


def downgrade() -> None:
    # Dropped in place (SQLite 3.35+ can), as 0045 drops cancel_by_shop.
    if "value_minor" in _columns():
        op.execute(f"ALTER TABLE {TABLE} DROP COLUMN value_minor")
