"""Stock in SQL: conditional decrements and reservation bookkeeping in one transaction.

`UPDATE variant SET stock = stock - n WHERE sku = :sku AND stock >= n` is atomic on both
databases (PostgreSQL locks the row; SQLite serialises writers), so concurrent checkouts can
never take more than there is. The product's stock roll-up and its categories' facet
generations move in the same transaction, and the changes come back as ProductChanged events
so caches follow.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Connection, Engine, insert, select, update
from sqlalchemy.orm import Session
from sqlmodel import SQLModel

from models.events import ProductChanged
from models.inventory import ReservationStatus, StockReservation
from storefront.adapters.sql_catalog import CATEGORY, PRODUCT, VARIANT, _category_nodes
from storefront.services.category_tree import CategoryTree

RESERVATION = SQLModel.metadata.tables[str(StockReservation.__tablename__)]
_R, _V, _P = RESERVATION.c, VARIANT.c, PRODUCT.c


class Shortage(Exception):
    """Not enough stock for one of the lines: the whole reservation is rolled back."""


class SqlInventory:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def reserve(
        self, holder: str, lines: Sequence[tuple[str, int]], expires_at: datetime
    ) -> list[ProductChanged] | None:
        """Hold every line or none; None when any line lacks stock."""
        try:
            with self._engine.begin() as connection:
                touched: set[int] = set()
                # A fixed order (by SKU) so two baskets never wait on each other's rows.
                for sku, quantity in sorted(lines):
                    touched.add(self._take(connection, sku, quantity))
                    connection.execute(
                        insert(RESERVATION).values(
                            holder=holder,
                            sku=sku,
                            quantity=quantity,
                            status=ReservationStatus.HELD.value,
                            expires_at=expires_at,
                            created_at=datetime.now(expires_at.tzinfo),
                        )
                    )
                return self._changed(connection, touched)
        except Shortage:
            return None

    def _take(self, connection: Connection, sku: str, quantity: int) -> int:
        product_id = connection.execute(
            update(VARIANT)
            .where(_V.sku == sku, _V.stock >= quantity)
            .values(stock=_V.stock - quantity)
            .returning(_V.product_id)
        ).scalar_one_or_none()
        if product_id is None:
            raise Shortage(sku)
        connection.execute(
            update(PRODUCT).where(_P.id == product_id).values(stock=_P.stock - quantity)
        )
        return int(product_id)

    def _give_back(self, connection: Connection, sku: str, quantity: int) -> int | None:
        product_id = connection.execute(
            update(VARIANT)
            .where(_V.sku == sku)
            .values(stock=_V.stock + quantity)
            .returning(_V.product_id)
        ).scalar_one_or_none()
        if product_id is None:
            return None  # the variant is gone: nothing to give back to
        connection.execute(
            update(PRODUCT).where(_P.id == product_id).values(stock=_P.stock + quantity)
        )
        return int(product_id)

    def commit(self, holder: str) -> int:
        """The payment went through: held stock is sold. Returns the lines committed."""
        with self._engine.begin() as connection:
            result = connection.execute(
                update(RESERVATION)
                .where(_R.holder == holder, _R.status == ReservationStatus.HELD.value)
                .values(status=ReservationStatus.COMMITTED.value)
            )
            return int(result.rowcount)

    def release(self, holder: str | None, now: datetime) -> list[ProductChanged]:
        """Give back held stock: of one holder (None: of every expired reservation). Each
        reservation is released once, however many workers run this at the same time."""
        condition = _R.status == ReservationStatus.HELD.value
        condition &= (_R.holder == holder) if holder is not None else (_R.expires_at <= now)
        with self._engine.begin() as connection:
            released = connection.execute(
                update(RESERVATION)
                .where(condition)
                .values(status=ReservationStatus.RELEASED.value)
                .returning(_R.sku, _R.quantity)
            ).all()
            touched = {
                pid for sku, qty in released if (pid := self._give_back(connection, sku, qty))
            }
            return self._changed(connection, touched)

    def _changed(self, connection: Connection, product_ids: set[int]) -> list[ProductChanged]:
        if not product_ids:
            return []
        rows = connection.execute(
            select(_P.id, _P.slug, _P.category_id).where(_P.id.in_(sorted(product_ids)))
        ).all()
        with Session(bind=connection) as session:
            tree = CategoryTree(_category_nodes(session))
        chain = {cid for _, _, category in rows for cid in tree.chain_ids(category)}
        if chain:
            connection.execute(
                update(CATEGORY)
                .where(CATEGORY.c.id.in_(sorted(chain)))
                .values(facet_generation=CATEGORY.c.facet_generation + 1)
            )
        return [
            ProductChanged(pid, (slug,), (category,) if category is not None else ())
            for pid, slug, category in rows
        ]
