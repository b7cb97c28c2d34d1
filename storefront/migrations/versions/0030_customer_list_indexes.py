"""customer list indexes: the admin's customers page (its newest sign-ups first, each
account's paid orders summed from an index alone) and, on PostgreSQL, trigram indexes for
its substring search on email and name (as migration 0025 does for products: where pg_trgm
cannot be created, the search works, only slower)

Revision ID: 0030
Revises: 0029
Create Date: 2026-12-04 14:00:00
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0030'
down_revision: str | None = '0029'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

log = logging.getLogger(__name__)
TRIGRAM_INDEXES = (
    ('ix_account_email_trgm', 'account', 'email'),
    ('ix_account_name_trgm', 'account', 'name'),
)


def upgrade() -> None:
    op.create_index(
        'ix_account_role_created', 'account', ['role', 'created_at', 'id'], if_not_exists=True
    )
    op.create_index(
        'ix_sales_order_account_paid',
        'sales_order',
        ['account_id', 'paid_at', 'created_at', 'total_minor', 'refunded_minor'],
        if_not_exists=True,
    )
    connection = op.get_bind()
    if connection.dialect.name != 'postgresql':
        return
    try:
        with connection.begin_nested():  # a refusal must not abort the migration's transaction
            op.execute('CREATE EXTENSION IF NOT EXISTS pg_trgm')
    except sa.exc.DBAPIError as exc:
        log.warning('pg_trgm not available, the customer search stays unindexed: %s', exc)
        return
    for name, table, column in TRIGRAM_INDEXES:
        op.execute(
            f'CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({column} gin_trgm_ops)'
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        for name, _table, _column in TRIGRAM_INDEXES:
            op.execute(f'DROP INDEX IF EXISTS {name}')
    op.drop_index('ix_sales_order_account_paid', table_name='sales_order', if_exists=True)
    op.drop_index('ix_account_role_created', table_name='account', if_exists=True)
