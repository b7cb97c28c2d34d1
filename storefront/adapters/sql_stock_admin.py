"""Stock adjustments in SQL: one conditional UPDATE decides, everything else follows it.

`UPDATE variant SET stock = stock + :delta WHERE sku = :sku AND stock + :delta >= 0` is atomic
on both databases (PostgreSQL re-checks the condition after waiting for the row lock; SQLite
serialises writers), so concurrent removals never take stock below zero (and additions,
`stock + :delta <= MAX_STOCK`, never past the most a variant may hold). A recount is what
is on the shelf: the stock for sale becomes that count less the units held for checkouts
and those ordered but not shipped, read with the variant held (checkouts take it before
they hold), so a sale in between is neither undone nor sold twice. The adjustment row,
the product's stock roll-up, its categories' facet generations, the ProductChanged event and
the admin's audit entry are written in the same transaction, as SqlInventory does for
checkouts, and in the same lock order (variant, product, categories), so the two never
deadlock each other.
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import (
    Connection,
    Engine,
    String,
    and_,
    cast,
    func,
    insert,
    literal,
    or_,
    select,
    update,
)
from sqlmodel import SQLModel

from models.accounts import Account
from models.admin import StockAdjustment
from models.catalog import ProductStatus
from models.inventory import ReservationStatus
from storefront.adapters.sql_audit_write import write_audit
from storefront.adapters.sql_inventory import (
    RESERVATION,
    move_product_stock,
    record_product_changes,
)
from storefront.adapters.sql_locks import hold_rows
from storefront.adapters.sql_order_store import ORDER
from storefront.adapters.sql_tables import PRODUCT, VARIANT
from storefront.services.admin.catalog_ports import (
    LowStockRow,
    StockAudit,
    StockEntry,
    StockHistoryRow,
    StockMove,
    StockProblem,
)
from storefront.services.catalog_limits import MAX_STOCK
from storefront.services.orders.status import SHIPPING

ADJUSTMENT = SQLModel.metadata.tables[str(StockAdjustment.__tablename__)]
ACCOUNT = SQLModel.metadata.tables[str(Account.__tablename__)]
_A, _V, _P, _R = ADJUSTMENT.c, VARIANT.c, PRODUCT.c, RESERVATION.c


class SqlStockAdmin:
    """Implements services.admin.catalog_ports.StockStore."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def adjust(
        self, sku: str, delta: int, entry: StockEntry, audit: StockAudit | None = None
    ) -> StockMove | StockProblem:
        with self._engine.begin() as connection:
            # The UPDATE comes first: on SQLite a transaction that read before writing can
            # fail to take the write lock when another writer got in between.
            # Never below zero; adding, never past MAX_STOCK (a removal from a stock above
            # it, from an older import, is still taken).
            within = _V.stock + delta >= 0 if delta <= 0 else _V.stock + delta <= MAX_STOCK
            moved = connection.execute(
                update(VARIANT)
                .where(_V.sku == sku, within)
                .values(stock=_V.stock + delta)
                .returning(_V.id, _V.product_id, _V.stock)
            ).first()
            if moved is None:
                known = connection.execute(select(_V.id).where(_V.sku == sku)).first()
                return ("below_zero" if delta < 0 else "above_max") if known else "unknown_sku"
            variant_id, product_id, stock_after = int(moved[0]), int(moved[1]), int(moved[2])
            move = StockMove(sku, variant_id, product_id, delta, stock_after, ())
            return _recorded(connection, move, entry, audit)

    def recount(
        self, sku: str, counted: int, entry: StockEntry, audit: StockAudit | None = None
    ) -> StockMove | StockProblem:
        with self._engine.begin() as connection:
            # The variant first, as checkouts take it before their hold: the units held and
            # owed read below are those of the moment the stock is set.
            hold_rows(connection, VARIANT, _V.sku == sku, _V.id)
            row = connection.execute(
                select(_V.id, _V.product_id, _V.stock).where(_V.sku == sku)
            ).first()
            if row is None:
                return "unknown_sku"
            available = counted - _units_owed(connection, sku)
            if available < 0:
                return "below_owed"
            variant_id, product_id, delta = int(row[0]), int(row[1]), available - int(row[2])
            connection.execute(update(VARIANT).where(_V.id == variant_id).values(stock=available))
            move = StockMove(sku, variant_id, product_id, delta, available, ())
            return _recorded(connection, move, entry, audit)

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


def _units_owed(connection: Connection, sku: str) -> int:
    """Units of `sku` still on the shelf but taken from the stock for sale: held for
    checkouts being paid, and taken by paid orders not shipped yet (their committed holds;
    the lines of an order paid after its hold lapsed take their stock only when shipped).
    One statement, so a payment committing meanwhile is counted once."""
    unshipped = select(literal("order:") + cast(ORDER.c.id, String)).where(
        ORDER.c.status.in_([status.value for status in SHIPPING]),
        ORDER.c.fulfilled_at.is_(None),
    )
    taken = or_(
        _R.status == ReservationStatus.HELD.value,
        and_(_R.status == ReservationStatus.COMMITTED.value, _R.holder.in_(unshipped)),
    )
    owed = select(func.coalesce(func.sum(_R.quantity), 0)).where(_R.sku == sku, taken)
    return int(connection.execute(owed).scalar_one())


def _recorded(
    connection: Connection, move: StockMove, entry: StockEntry, audit: StockAudit | None
) -> StockMove:
    """The move's history row, product roll-up, event and audit entries; the move with the
    events it wrote."""
    connection.execute(
        insert(ADJUSTMENT).values(
            variant_id=move.variant_id,
            sku=move.sku,
            product_id=move.product_id,
            delta=move.delta,
            stock_after=move.stock_after,
            reason=entry.reason,
            note=entry.note,
            actor_id=entry.actor_id,
            at=entry.at,
        )
    )
    move_product_stock(connection, {move.product_id: move.delta})
    move = replace(move, changed=tuple(record_product_changes(connection, {move.product_id})))
    if audit is not None:
        write_audit(connection, audit(move))
    return move
