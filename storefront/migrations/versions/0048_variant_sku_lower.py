"""variant sku lower: an index on lower(sku), through which a SKU is looked up whatever its
capitals, so that a product cannot take "ab-1" while another holds "AB-1"

Revision ID: 0048
Revises: 0047
Create Date: 2026-12-07 09:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0048"
down_revision: str | None = "0047"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # IF NOT EXISTS, not an inspection: SQLite's inspector does not list expression indexes.
    op.create_index("ix_variant_sku_lower", "variant", [sa.text("lower(sku)")], if_not_exists=True)


def downgrade() -> None:
    op.drop_index("ix_variant_sku_lower", table_name="variant", if_exists=True)
