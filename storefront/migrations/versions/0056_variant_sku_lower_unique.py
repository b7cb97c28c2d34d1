"""variant sku lower unique: ix_variant_sku_lower (0048) made unique, so that the database
itself refuses "AB-1" while another variant holds "ab-1" (two saves at the same moment both
passed the shop's check, and then a SKU named two variants to the cart, imports and stock)

On PostgreSQL the index is over sku COLLATE "C": there lower() folds A to Z alone, as SQLite's
lower() and the shop's check (catalog_limits.sku_key) do, whatever the database's locale
(under a UTF-8 one it folds "É" to "é" too, which the shop holds apart).

A database that holds such SKUs already is refused, naming them and changing nothing: one of
each group is renamed in the admin first. Writes to variant wait while this runs (PostgreSQL:
SHARE lock; SQLite: its write lock), so none can add a clash between the check and the index.

Revision ID: 0056
Revises: 0055
Create Date: 2026-12-07 17:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0056"
down_revision: str | None = "0055"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "ix_variant_sku_lower"
# The key a SKU is unique by, per database (storefront/adapters/sql_sku.py writes the same).
KEYS = {"postgresql": 'lower(sku COLLATE "C")', "sqlite": "lower(sku)"}
SHOWN = 20  # groups of clashing SKUs the refusal names


def upgrade() -> None:
    bind = op.get_bind()
    key = KEYS.get(bind.dialect.name, "lower(sku)")
    _hold_variant_writes(bind)
    _refuse_clashes(bind, key)
    op.drop_index(INDEX, table_name="variant", if_exists=True)
    op.create_index(INDEX, "variant", [sa.text(key)], unique=True)


def _hold_variant_writes(bind: sa.Connection) -> None:
    if bind.dialect.name == "postgresql":
        # Behind a long transaction, give up rather than hold every write queued behind this
        # lock (as 0044): the next start migrates again.
        bind.execute(sa.text("SET LOCAL lock_timeout = '10s'"))
        bind.execute(sa.text("LOCK TABLE variant IN SHARE MODE"))
    else:
        # pysqlite begins a transaction at the first write only: without one, the DROP INDEX
        # below would commit on its own, and a refused CREATE leave no index at all. An
        # update that touches no row begins it, and takes the database's write lock.
        bind.execute(sa.text("UPDATE variant SET position = position WHERE 0 = 1"))


def _refuse_clashes(bind: sa.Connection, key: str) -> None:
    rows = bind.execute(
        sa.text(
            f"SELECT {key} AS folded, v.sku, p.external_id FROM variant v"
            " JOIN product p ON p.id = v.product_id"
            f" WHERE {key} IN (SELECT {key} FROM variant GROUP BY {key} HAVING count(*) > 1)"
        )
    ).all()
    if not rows:
        return
    groups: dict[str, list[str]] = {}
    for folded, sku, product in sorted(rows):  # by code point, whatever the locale
        groups.setdefault(folded, []).append(f"{sku!r} (product {product!r})")
    named = [" and ".join(skus) for skus in list(groups.values())[:SHOWN]]
    more = f"; and {len(groups) - SHOWN} more" if len(groups) > SHOWN else ""
    raise RuntimeError(
        f"{len(groups)} SKU(s) are held by several variants in different capitals, which the"
        f" shop takes for one SKU: {'; '.join(named)}{more}. 0056 cannot make SKUs unique"
        " whatever their capitals while they are: rename all but one of each group in the admin"
        " (Products, edit the product, the variant's SKU), then migrate again; nothing was"
        " changed"
    )


def downgrade() -> None:
    # Back to 0048's index: not unique, over lower(sku) on both databases.
    op.drop_index(INDEX, table_name="variant", if_exists=True)
    op.create_index(INDEX, "variant", [sa.text("lower(sku)")])
