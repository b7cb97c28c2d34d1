"""stock adjustments outlive their variant: each keeps its SKU and product, and a variant
removed (from the product form, or left out of an import) no longer takes them with it

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03 10:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0016'
down_revision: str | None = '0015'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# 0010 left the foreign keys unnamed. PostgreSQL named them <table>_<column>_fkey; on SQLite
# batch mode reflects them unnamed, and this convention gives them the same names there.
NAMES = {'fk': '%(table_name)s_%(column_0_name)s_fkey'}


def upgrade() -> None:
    with op.batch_alter_table('stock_adjustment', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('sku', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=True)
        )
        batch_op.add_column(sa.Column('product_id', sa.Integer(), nullable=True))

    adjustment = sa.table(
        'stock_adjustment',
        sa.column('variant_id', sa.Integer),
        sa.column('sku', sa.String),
        sa.column('product_id', sa.Integer),
    )
    variant = sa.table(
        'variant', sa.column('id', sa.Integer), sa.column('sku', sa.String),
        sa.column('product_id', sa.Integer),
    )
    of_variant = variant.c.id == adjustment.c.variant_id
    # Every row has its variant still: until now removing one removed its adjustments.
    op.get_bind().execute(
        sa.update(adjustment).values(
            sku=sa.select(variant.c.sku).where(of_variant).scalar_subquery(),
            product_id=sa.select(variant.c.product_id).where(of_variant).scalar_subquery(),
        )
    )

    with op.batch_alter_table('stock_adjustment', schema=None, naming_convention=NAMES) as batch_op:
        batch_op.alter_column('sku', existing_type=sqlmodel.sql.sqltypes.AutoString(length=120),
                              nullable=False)
        batch_op.alter_column('product_id', existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column('variant_id', existing_type=sa.Integer(), nullable=True)
        batch_op.drop_constraint('stock_adjustment_variant_id_fkey', type_='foreignkey')
        batch_op.create_foreign_key('stock_adjustment_variant_id_fkey', 'variant',
                                    ['variant_id'], ['id'], ondelete='SET NULL')
        # No ON DELETE: products are archived, never deleted (nothing in the shop deletes
        # one). Should someone delete one by hand, the database refuses while it has stock
        # history, rather than erasing (CASCADE) or orphaning (SET NULL) that history.
        batch_op.create_foreign_key('stock_adjustment_product_id_fkey', 'product',
                                    ['product_id'], ['id'])
        batch_op.create_index(batch_op.f('ix_stock_adjustment_product_id'), ['product_id'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_stock_adjustment_sku'), ['sku'], unique=False)


def downgrade() -> None:
    # The old schema cannot hold an adjustment without its variant: those of variants removed
    # since go, as the old CASCADE would have taken them.
    op.execute('DELETE FROM stock_adjustment WHERE variant_id IS NULL')
    with op.batch_alter_table('stock_adjustment', schema=None, naming_convention=NAMES) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stock_adjustment_sku'))
        batch_op.drop_index(batch_op.f('ix_stock_adjustment_product_id'))
        batch_op.drop_constraint('stock_adjustment_product_id_fkey', type_='foreignkey')
        batch_op.drop_constraint('stock_adjustment_variant_id_fkey', type_='foreignkey')
        batch_op.create_foreign_key('stock_adjustment_variant_id_fkey', 'variant',
                                    ['variant_id'], ['id'], ondelete='CASCADE')
        batch_op.alter_column('variant_id', existing_type=sa.Integer(), nullable=False)
        batch_op.drop_column('product_id')
        batch_op.drop_column('sku')
