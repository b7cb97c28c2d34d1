"""Daily sales per product in SQL: the order's key is recorded in the transaction that adds
its units, so a redelivered OrderPaid adds nothing."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import Engine
from sqlmodel import SQLModel

from models.messaging import ProductSalesDay
from storefront.adapters.sql_catalog import upsert_into
from storefront.adapters.sql_outbox import record_processed
from storefront.services.orders.sales import SALES_CONSUMER

SALES = SQLModel.metadata.tables[str(ProductSalesDay.__tablename__)]


class SqlSalesStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def add_sale(
        self, key: str, day: date, currency: str, lines: Sequence[tuple[int, int, int]]
    ) -> bool:
        totals: dict[int, tuple[int, int]] = {}
        for product_id, units, revenue in lines:
            before = totals.get(product_id, (0, 0))
            totals[product_id] = (before[0] + units, before[1] + revenue)
        with self._engine.begin() as connection:
            if not record_processed(connection, SALES_CONSUMER, [key]):
                return False
            for product_id in sorted(totals):  # one lock order: no deadlocks between orders
                units, revenue = totals[product_id]
                statement = upsert_into(connection.engine, SALES).values(
                    product_id=product_id,
                    day=day,
                    currency=currency,
                    orders=1,
                    units=units,
                    revenue_minor=revenue,
                )
                connection.execute(
                    statement.on_conflict_do_update(
                        index_elements=[SALES.c.product_id, SALES.c.day, SALES.c.currency],
                        set_={
                            "orders": SALES.c.orders + 1,
                            "units": SALES.c.units + statement.excluded.units,
                            "revenue_minor": SALES.c.revenue_minor
                            + statement.excluded.revenue_minor,
                        },
                    )
                )
        return True
