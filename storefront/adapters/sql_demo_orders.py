"""Order history writes that the catalog side needs (the demo shop's generated orders)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Engine, func, insert, select
from sqlmodel import SQLModel

from models.orders import OrderLine, OrderStatus, SalesOrder
from models.types import utc_now
from storefront.adapters.sql_tables import PRODUCT

ORDER = SQLModel.metadata.tables[str(SalesOrder.__tablename__)]
ORDER_LINE = SQLModel.metadata.tables[str(OrderLine.__tablename__)]


class SqlOrderHistory:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def count(self) -> int:
        with self._engine.connect() as connection:
            return int(connection.execute(select(func.count()).select_from(ORDER)).scalar_one())

    def add_fulfilled(self, baskets: Sequence[Sequence[int]], source: str) -> int:
        """Record fulfilled orders of one unit per product at today's prices, in one go."""
        wanted = sorted({pid for basket in baskets for pid in basket})
        now = utc_now()
        with self._engine.begin() as connection:
            prices: dict[int, tuple[int, str]] = {}
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                rows = connection.execute(
                    select(PRODUCT.c.id, PRODUCT.c.price_minor, PRODUCT.c.currency).where(
                        PRODUCT.c.id.in_(chunk)
                    )
                )
                prices.update({row[0]: (row[1], row[2]) for row in rows})
            written = 0
            for basket in baskets:
                items = [pid for pid in basket if pid in prices]
                if not items:
                    continue
                order_id = connection.execute(
                    insert(ORDER)
                    .values(
                        status=OrderStatus.FULFILLED.value,
                        currency=prices[items[0]][1],
                        total_minor=sum(prices[pid][0] for pid in items),
                        source=source,
                        created_at=now,
                    )
                    .returning(ORDER.c.id)
                ).scalar_one()
                connection.execute(
                    insert(ORDER_LINE),
                    [
                        {
                            "order_id": order_id,
                            "product_id": pid,
                            "quantity": 1,
                            "unit_price_minor": prices[pid][0],
                        }
                        for pid in items
                    ],
                )
                written += 1
        return written
