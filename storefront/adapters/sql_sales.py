"""Daily sales per product in SQL: each order's key is recorded in the transaction that adds
its units, so a redelivered OrderPaid adds nothing."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import Engine
from sqlmodel import SQLModel

from models.sales import ProductSalesDay
from storefront.adapters.sql_outbox import record_processed
from storefront.adapters.sql_tables import upsert_into
from storefront.services.orders.sales import SALES_CONSUMER, Sale

SALES = SQLModel.metadata.tables[str(ProductSalesDay.__tablename__)]


class SqlSalesStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def add_sales(self, sales: Sequence[Sale]) -> int:
        with self._engine.begin() as connection:
            new = set(record_processed(connection, SALES_CONSUMER, [s.key for s in sales]))
            counted = len(new)
            totals: dict[tuple[int, date, str], list[int]] = {}
            for sale in sales:
                if sale.key not in new:
                    continue
                new.discard(sale.key)  # the same order twice in one batch counts once
                for product_id in {line[0] for line in sale.lines}:
                    totals.setdefault((product_id, sale.day, sale.currency), [0, 0, 0])[0] += 1
                for product_id, units, revenue in sale.lines:
                    row = totals[(product_id, sale.day, sale.currency)]
                    row[1] += units
                    row[2] += revenue
            if not totals:
                return 0
            statement = upsert_into(connection.engine, SALES)
            # Rows in one order in every transaction: no deadlocks between batches.
            connection.execute(
                statement.on_conflict_do_update(
                    index_elements=[SALES.c.product_id, SALES.c.day, SALES.c.currency],
                    set_={
                        "orders": SALES.c.orders + statement.excluded.orders,
                        "units": SALES.c.units + statement.excluded.units,
                        "revenue_minor": SALES.c.revenue_minor + statement.excluded.revenue_minor,
                    },
                ),
                [
                    {
                        "product_id": product_id,
                        "day": day,
                        "currency": currency,
                        "orders": orders,
                        "units": units,
                        "revenue_minor": revenue,
                    }
                    for (product_id, day, currency), (orders, units, revenue) in sorted(
                        totals.items()
                    )
                ],
            )
        return counted
