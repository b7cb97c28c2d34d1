"""Stock adjustments in SQL: one conditional UPDATE decides, everything else follows it.

`UPDATE variant SET stock = stock + :delta WHERE sku = :sku AND stock + :delta >= 0` is atomic
on both databases (PostgreSQL re-checks the condition after waiting for the row lock; SQLite
serialises writers), so concurrent removals never take stock below zero. A recount sets the
figure counted only where the stock is still the one the person counted against
(`AND stock = :expected`), so a sale in between is never overwritten. The adjustment row,
the product's stock roll-up, its categories' facet generations, the ProductChanged event and
the admin's audit entry are written in the same transaction, as SqlInventory does for
checkouts, and in the same lock order (variant, product, categories), so the two never
deadlock each other.
"""

from __future__ import annotations

from sqlalchemy import Engine, insert, select, update
from sqlmodel import SQLModel

from models.accounts import Account
from models.admin import StockAdjustment
from models.catalog import ProductStatus
from storefront.adapters.sql_audit import write_audit
from storefront.adapters.sql_inventory import move_product_stock, record_product_changes
from storefront.adapters.sql_tables import PRODUCT, VARIANT
from storefront.services.admin.catalog_ports import (
    LowStockRow,
    StockAudit,
    StockEntry,
    StockHistoryRow,
    StockMove,
    StockProblem,
)

ADJUSTMENT = SQLModel.metadata.tables[str(StockAdjustment.__tablename__)]
ACCOUNT = SQLModel.metadata.tables[str(Account.__tablename__)]
_A, _V, _P = ADJUSTMENT.c, VARIANT.c, PRODUCT.c


class SqlStockAdmin:
    """Implements services.admin.catalog_ports.StockStore."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def adjust(
        self,
        sku: str,
        delta: int,
        entry: StockEntry,
        audit: StockAudit | None = None,
        *,
        expected: int | None = None,
    ) -> StockMove | StockProblem:
        condition = _V.stock + delta >= 0 if expected is None else _V.stock == expected
        with self._engine.begin() as connection:
            # The UPDATE comes first: on SQLite a transaction that read before writing can
            # fail to take the write lock when another writer got in between.
            moved = connection.execute(
                update(VARIANT)
                .where(_V.sku == sku, condition)
                .values(stock=_V.stock + delta)
                .returning(_V.id, _V.product_id, _V.stock)
            ).first()
            if moved is None:
                known = connection.execute(select(_V.id).where(_V.sku == sku)).first()
                if not known:
                    return "unknown_sku"
                return "below_zero" if expected is None else "changed"
            variant_id, product_id, stock_after = int(moved[0]), int(moved[1]), int(moved[2])
            connection.execute(
                insert(ADJUSTMENT).values(
                    variant_id=variant_id,
                    sku=sku,
                    product_id=product_id,
                    delta=delta,
                    stock_after=stock_after,
                    reason=entry.reason,
                    note=entry.note,
                    actor_id=entry.actor_id,
                    at=entry.at,
                )
            )
            move_product_stock(connection, {product_id: delta})
            changed = record_product_changes(connection, {product_id})
            move = StockMove(sku, variant_id, product_id, delta, stock_after, tuple(changed))
            if audit is not None:
                write_audit(connection, audit(move))
        return move

    def low_stock(self, threshold: int, limit: int) -> list[LowStockRow]:
        statement = (
            select(_P.id, _P.title, _V.id, _V.sku, _V.options, _V.stock)
            .join_from(VARIANT, PRODUCT, _V.product_id == _P.id)
            .where(_V.stock <= threshold, _P.status != ProductStatus.ARCHIVED.value)
            .order_by(_V.stock, _P.title, _V.sku)
            .limit(limit)
        )
        with self._engine.connect() as connection:
            return [
                LowStockRow(r[0], r[1], r[2], r[3], dict(r[4] or {}), r[5])
                for r in connection.execute(statement)
            ]

    def history(
        self, *, sku: str | None, product_id: int | None, limit: int
    ) -> list[StockHistoryRow]:
        # By the adjustment's own SKU and product, not its variant's: the rows of a variant
        # removed since stay listed.
        which = _A.sku == sku if sku is not None else _A.product_id == product_id
        statement = (
            select(
                _A.id,
                _A.sku,
                _A.delta,
                _A.stock_after,
                _A.reason,
                _A.note,
                _A.actor_id,
                ACCOUNT.c.email,
                _A.at,
            )
            .select_from(ADJUSTMENT.outerjoin(ACCOUNT, _A.actor_id == ACCOUNT.c.id))
            .where(which)
            .order_by(_A.at.desc(), _A.id.desc())
            .limit(limit)
        )
        with self._engine.connect() as connection:
            return [
                StockHistoryRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7] or "", r[8])
                for r in connection.execute(statement)
            ]
