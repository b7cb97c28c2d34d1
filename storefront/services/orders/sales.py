"""Sales per product and day, counted from OrderPaid events (analytics, best sellers)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol

from models.events import OrderPaid

SALES_CONSUMER = "sales-stats"


class SalesStore(Protocol):
    def add_sale(
        self, key: str, day: date, currency: str, lines: Sequence[tuple[int, int, int]]
    ) -> bool:
        """Add the lines (product id, units, revenue) to the day's totals, in the same
        transaction as recording `key`; False (and nothing added) when `key` was recorded."""
        ...


def record_sale(store: SalesStore, event: OrderPaid) -> bool:
    """Handler: count a paid order's units and revenue once, however often it is delivered."""
    return store.add_sale(
        f"order:{event.order_id}", date.fromisoformat(event.paid_on), event.currency, event.lines
    )
