"""Holding stock while a shopper pays, and giving it back when they do not.

Stock never goes below zero: the adapters take it with a conditional update, only while
enough is left (`storefront/adapters/sql_inventory.py` for checkouts,
`sql_stock_admin.py` for the admin's adjustments), and the database checks it too
(`models/catalog.py`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from models.events import Event, ProductChanged

HOLD_MINUTES = 15


@dataclass(frozen=True, slots=True)
class CommitResult:
    committed: int
    # Some of the holder's stock had been released (the hold expired before payment):
    # the order must be re-reserved or refunded, never shipped from thin air.
    lost: bool


class HoldLost(Exception):
    """The payment arrived after the stock hold expired and was given back."""


class InventoryStore(Protocol):
    def reserve(
        self, holder: str, lines: Sequence[tuple[str, int]], expires_at: datetime
    ) -> list[ProductChanged] | None: ...

    def commit(self, holder: str) -> CommitResult: ...

    def release(self, holder: str | None, now: datetime) -> list[ProductChanged]: ...


class Inventory:
    def __init__(self, store: InventoryStore, publish: Callable[[Iterable[Event]], None]) -> None:
        self._store = store
        self._publish = publish

    def reserve(self, holder: str, lines: Sequence[tuple[str, int]], now: datetime) -> bool:
        """Hold all the lines (sku, quantity) for HOLD_MINUTES, or none of them. A holder
        that holds them already keeps them HOLD_MINUTES from now."""
        merged: dict[str, int] = {}
        for sku, quantity in lines:
            if quantity <= 0:
                raise ValueError(f"quantity must be positive: {sku} x {quantity}")
            merged[sku] = merged.get(sku, 0) + quantity
        changed = self._store.reserve(
            holder, sorted(merged.items()), now + timedelta(minutes=HOLD_MINUTES)
        )
        if changed is None:
            return False
        self._publish(changed)
        return True

    def commit(self, holder: str) -> int:
        """The payment succeeded: the held stock is sold (idempotent). Raises HoldLost when
        the hold had expired and some of its stock sold out meanwhile (what was still there
        is taken; committing again later takes the rest)."""
        result = self._store.commit(holder)
        if result.lost:
            raise HoldLost(holder)
        return result.committed

    def release(self, holder: str, now: datetime) -> None:
        """The payment failed or was abandoned: give the stock back (idempotent)."""
        self._publish(self._store.release(holder, now))

    def release_expired(self, now: datetime) -> int:
        """Give back every reservation past its time whose order can no longer be paid
        (one that may, 3-D Secure under way, keeps it until reconciliation cancels it);
        returns the products touched."""
        changed = self._store.release(None, now)
        self._publish(changed)
        return len(changed)
