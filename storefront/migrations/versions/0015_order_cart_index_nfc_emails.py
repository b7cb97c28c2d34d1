"""orders found by their cart (every checkout asks for a cart's unpaid orders); account
emails stored composed (NFC), as sign-in and sign-up now look them up

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02 07:00:00
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0015'
down_revision: str | None = '0014'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('sales_order', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sales_order_cart_id'), ['cart_id'], unique=False)
    connection = op.get_bind()
    accounts = sa.table('account', sa.column('id', sa.Integer), sa.column('email', sa.String))
    rows = connection.execute(sa.select(accounts.c.id, accounts.c.email)).all()
    taken = {email for _id, email in rows}
    for account_id, email in rows:
        composed = unicodedata.normalize('NFC', email)
        # Two accounts whose emails differ only so (both made before this) are left as they
        # are: merging them is for the shop's team, not a migration.
        if composed != email and composed not in taken:
            connection.execute(
                sa.update(accounts).where(accounts.c.id == account_id).values(email=composed)
            )
            taken.add(composed)


def downgrade() -> None:
    with op.batch_alter_table('sales_order', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sales_order_cart_id'))
