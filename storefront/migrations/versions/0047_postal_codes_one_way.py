"""postal codes one way: a saved address's postal code written as checkout now keeps it
(NL "1012 LM", SE "123 45", IE "D02 X285", LU "1234", whatever spacing or prefix was typed),
and an account's addresses that then read the same kept once

Revision ID: 0047
Revises: 0046
Create Date: 2026-12-07 07:00:00
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0047"
down_revision: str | None = "0046"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# As services/checkout/address.py writes them (copied: a migration must not change when the
# code does), from the code upper-cased, its spaces removed.
CANONICAL: dict[str, Callable[[str], str]] = {
    "NL": lambda code: f"{code[:4]} {code[4:]}",
    "SE": lambda code: f"{code[:3]} {code[3:]}",
    "IE": lambda code: f"{code[:3]} {code[3:]}",
    "LU": lambda code: code.removeprefix("L-"),
}
FIELDS = ("name", "line1", "line2", "postal_code", "city", "country")


def upgrade() -> None:
    bind = op.get_bind()
    table = sa.table(
        "saved_address", sa.column("id"), sa.column("account_id"), *map(sa.column, FIELDS)
    )
    rows = bind.execute(
        sa.select(table).where(table.c.country.in_(list(CANONICAL))).order_by(table.c.id)
    ).all()
    kept: set[tuple[object, ...]] = set()
    for row in rows:
        postal = CANONICAL[row.country](row.postal_code.upper().replace(" ", ""))
        key = (row.account_id, *(postal if f == "postal_code" else getattr(row, f) for f in FIELDS))
        if key in kept:  # the same address as one kept before it: one is enough
            bind.execute(sa.delete(table).where(table.c.id == row.id))
            continue
        kept.add(key)
        if postal != row.postal_code:
            bind.execute(sa.update(table).where(table.c.id == row.id).values(postal_code=postal))


def downgrade() -> None:
    # Nothing to undo: the codes read as the older release wrote some of them already.
    pass
