"""order line options: the variant's options as bought ("M · Navy"), kept with the line

The order page and the confirmation mail say which variant was bought; read from the catalog,
an edit of the variant would rewrite past orders. Lines from before take their variant's
options as they stand now, when it still exists.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-06 10:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0023'
down_revision: str | None = '0022'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('order_line', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('options', sa.String(length=300), nullable=False, server_default='')
        )
    json = sa.JSON().with_variant(postgresql.JSONB(), 'postgresql')
    line = sa.table('order_line', sa.column('id', sa.Integer), sa.column('variant_id', sa.Integer),
                    sa.column('options', sa.String))  # fmt: skip
    variant = sa.table('variant', sa.column('id', sa.Integer), sa.column('options', json))
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(line.c.id, variant.c.options).join(variant, variant.c.id == line.c.variant_id)
    ).all()
    # As the cart names a variant (sql_carts.py's _sellable): its values, in stored order.
    labels = [
        {'line_id': line_id, 'label': ' · '.join(str(v) for v in (options or {}).values())[:300]}
        for line_id, options in rows
    ]
    labels = [row for row in labels if row['label']]
    if labels:
        connection.execute(
            sa.update(line)
            .where(line.c.id == sa.bindparam('line_id'))
            .values(options=sa.bindparam('label')),
            labels,
        )


def downgrade() -> None:
    with op.batch_alter_table('order_line', schema=None) as batch_op:
        batch_op.drop_column('options')
