"""guest orders join accounts: orders found by their email (a confirmation joins an
account's guest orders: sql_guest_orders.py), and the guest orders of addresses confirmed
before this joined to their accounts now, as a confirmation from now on does

Emails are compared in the accounts' canonical form (trimmed, lower case, NFC:
credentials.canonical_email), which checkout has always stored lower case. Run again after a
stop midway, it finds only the orders still unjoined. The downgrade drops the index and
leaves the orders joined: nothing tells them apart from orders placed signed in, and the
code before this joins none back nor shows them less.

Revision ID: 0058
Revises: 0057
Create Date: 2026-12-07 17:40:00
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0058"
down_revision: str | None = "0057"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "ix_sales_order_email"
ACCOUNT = sa.table(
    "account",
    sa.column("id", sa.Integer),
    sa.column("email", sa.String),
    sa.column("email_confirmed_at", sa.DateTime(timezone=True)),
)
ORDER = sa.table(
    "sales_order", sa.column("account_id", sa.Integer), sa.column("email", sa.String)
)


def _canonical(email: str) -> str:
    return unicodedata.normalize("NFC", email.strip().lower())


def upgrade() -> None:
    op.create_index(INDEX, "sales_order", ["email"], if_not_exists=True)
    connection = op.get_bind()
    confirmed = dict(
        connection.execute(
            sa.select(ACCOUNT.c.email, ACCOUNT.c.id).where(
                ACCOUNT.c.email_confirmed_at.is_not(None)
            )
        ).all()
    )
    guests = ORDER.c.account_id.is_(None)
    spelled = connection.execute(
        sa.select(ORDER.c.email).where(guests, ORDER.c.email != "").distinct()
    ).scalars()
    for email in list(spelled):
        owner = confirmed.get(_canonical(email))
        if owner is not None:
            connection.execute(
                sa.update(ORDER).where(guests, ORDER.c.email == email).values(account_id=owner)
            )


def downgrade() -> None:
    op.drop_index(INDEX, table_name="sales_order", if_exists=True)
