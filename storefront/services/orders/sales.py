"""Sales per product and day, counted from OrderPaid events (analytics, best sellers)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from models.events import OrderPaid

# The name under which counted orders are remembered in the processed-message log.
SALES_CONSUMER = "sales-orders"


@dataclass(frozen=True, slots=True)
class Sale:
    key: str  # counted once per key
    day: date
    currency: str
    lines: tuple[tuple[int, int, int], ...]  # (product id, units, revenue in minor units)


class SalesStore(Protocol):
    def add_sales(self, sales: Sequence[Sale]) -> int:
        """Add to the days' totals the sales whose key was never recorded, recording the keys
        in the same transaction; returns how many were new."""
        ...


def record_sales(store: SalesStore, events: Sequence[OrderPaid]) -> int:
    """Handler: count paid orders' units and revenue once, however often they are delivered."""
    return store.add_sales(
        [
            Sale(f"order:{e.order_id}", date.fromisoformat(e.paid_on), e.currency, e.lines)
            for e in events
        ]
    )
