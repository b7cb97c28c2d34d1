"""Stock moved by hand, each move with a reason: goods received, damaged, returned, counted.

A recount is entered as the units counted on the shelf, not as a change typed from a figure
a sale may have moved since: the stock for sale becomes that count less the units held for
checkouts and ordered but not shipped (they are on the shelf, but sold)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import datetime
from enum import StrEnum

from models.events import Event
from storefront.services.admin.catalog_ports import (
    LowStockRow,
    StockAudit,
    StockEntry,
    StockHistoryRow,
    StockMove,
    StockStore,
)
from storefront.services.admin.product_form import parse_stock
from storefront.services.catalog_limits import MAX_STOCK
from storefront.services.errors import Refusal

MAX_DELTA = 100_000
MAX_NOTE = 200  # the column's length
MAX_LIST = 500
E = "admin.stock.error."
_DELTA = re.compile(r"[+-]?[0-9]{1,9}\Z")


class StockReason(StrEnum):
    RECEIVED = "received"
    DAMAGED = "damaged"
    RETURNED = "returned"
    RECOUNT = "recount"
    CORRECTION = "correction"


# The reasons that say which way units move: a delivery received removing units, or damage
# adding some, is a slipped sign, and would make the stock history say what did not happen.
# (A correction goes either way; a recount is the figure counted.)
ADDING = frozenset({StockReason.RECEIVED, StockReason.RETURNED})
REMOVING = frozenset({StockReason.DAMAGED})


class StockAdmin:
    def __init__(self, store: StockStore, publish: Callable[[Iterable[Event]], None]) -> None:
        self._store = store
        self._publish = publish

    def adjust_stock(
        self,
        sku: str,
        delta: int | str,
        *,
        reason: str,
        note: str,
        actor_id: int | None,
        now: datetime,
        audit: StockAudit | None = None,
    ) -> StockMove:
        """Add `delta` (negative: remove; text like '+5' or '-3' accepted) to the variant's
        stock, atomically, with the audit entries `audit` makes of the move; refused, with
        nothing written, if stock would go below zero. For a recount, `delta` is the number
        of units counted on the shelf (StockStore.recount)."""
        errors: dict[str, str] = {}
        limits: dict[str, dict[str, int]] = {}  # the numbers each field's message names
        recount = reason == StockReason.RECOUNT
        amount = _counted(delta) if recount else parse_delta(delta)
        if amount is None:
            errors["delta"] = E + ("counted" if recount else "delta")
            limits["delta"] = {"limit": MAX_STOCK if recount else MAX_DELTA}
        if reason not in set(StockReason):
            errors["reason"] = E + "reason"
        elif amount is not None and reason in ADDING and amount < 0:
            errors["delta"] = E + "adds"
        elif amount is not None and reason in REMOVING and amount > 0:
            errors["delta"] = E + "removes"
        if len(note.strip()) > MAX_NOTE:
            errors["note"], limits["note"] = E + "note", {"limit": MAX_NOTE}
        if errors:
            first = next(iter(errors))  # the page says it too
            raise Refusal(errors[first], errors, params=limits.get(first), field_params=limits)
        assert amount is not None
        entry = StockEntry(reason, note.strip(), actor_id, now)
        change = self._store.recount if recount else self._store.adjust
        moved = change(sku.strip(), amount, entry, audit)
        if isinstance(moved, str):  # a StockProblem
            field = "sku" if moved == "unknown_sku" else "delta"
            said = {"limit": MAX_STOCK} if moved == "above_max" else None
            raise Refusal(
                E + moved, {field: E + moved}, params=said, field_params={field: said or {}}
            )
        self._publish(moved.changed)
        return moved

    def low_stock(self, threshold: int, limit: int = 100) -> list[LowStockRow]:
        """Variants at or under `threshold`, lowest stock first."""
        return self._store.low_stock(max(0, threshold), _bounded(limit))

    def stock_history(
        self, *, sku: str | None = None, product_id: int | None = None, limit: int = 50
    ) -> list[StockHistoryRow]:
        """The adjustments of one variant (by SKU) or of a whole product, newest first."""
        if (sku is None) == (product_id is None):
            raise ValueError("give either a sku or a product id")
        return self._store.history(sku=sku, product_id=product_id, limit=_bounded(limit))


def _counted(value: int | str) -> int | None:
    """A count typed: a whole number from 0 to MAX_STOCK, or None."""
    return None if isinstance(value, bool) else parse_stock(value)


def parse_delta(value: int | str) -> int | None:
    """A non-zero whole number within +-MAX_DELTA, or None."""
    if isinstance(value, bool):
        return None
    text = str(value).strip()
    if not _DELTA.match(text):
        return None
    amount = int(text)
    return amount if amount and abs(amount) <= MAX_DELTA else None


def _bounded(limit: int) -> int:
    return min(max(1, limit), MAX_LIST)
