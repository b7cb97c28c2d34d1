"""Orders refunded in full before they shipped, from before such refunds closed them.

Since status.closed_by_refund, the refund that reaches an unshipped order's whole total
cancels it in its own transaction, giving its sold stock and its discount use back. Orders
refunded so before that stayed `refunded`: never to ship, their units still counted as sold
and their code's use as taken. Closing one does now what that transaction does: canceled,
its stock given back (the inventory's release path: roll-ups, ProductChanged events), its
discount use given back, and the audit entry `order.refund_close` (why
`refunded_before_shipping`), in one conditional transaction, so running it twice, or beside
a refund of the same order, closes each order once.

Not a data migration: whether an old order's units are still to be given back is the
merchant's call (they may have restocked them by hand), and the stock's roll-ups and events
are the inventory's. The operator lists them first, then closes them
(`python -m storefront.cli close-refunded-orders [--apply]`, docs/operations.md).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol

from models.events import Event, ProductChanged


@dataclass(frozen=True, slots=True)
class RefundedUnshipped:
    """An order refunded in full, never shipped, no cancel of it under way, not canceled."""

    id: int
    reference: str
    total_minor: int
    currency: str
    discount_code: str | None
    units: int  # the units its committed stock holds, to be given back


class RefundCloseStore(Protocol):
    """Each method is one transaction."""

    def refunded_unshipped(self, after: int, limit: int) -> list[RefundedUnshipped]:
        """Such orders, by id, those after `after`."""
        ...

    def close_refunded(self, order_id: int, actor: str) -> list[ProductChanged] | None:
        """Cancel the order if it still is one (refunded in full, unshipped, unclaimed), its
        sold stock and discount use given back and the audit entry written by `actor`, with
        the order held; its ProductChanged events (written to the outbox with it), or None
        when it was not such an order any more."""
        ...


class RefundCloses:
    def __init__(self, store: RefundCloseStore, publish: Callable[[Iterable[Event]], None]):
        self._store = store
        self._publish = publish

    def pending(self) -> list[RefundedUnshipped]:
        """The orders refunded in full before they shipped and not closed yet, oldest first:
        all of them (read 500 at a time; a cap would have left some unsaid)."""
        found: list[RefundedUnshipped] = []
        while batch := self._store.refunded_unshipped(found[-1].id if found else 0, 500):
            found += batch
        return found

    def close(self, order_id: int, actor: str = "cli") -> bool:
        """Close one such order (see above); False when it is not one (closed already)."""
        changed = self._store.close_refunded(order_id, actor)
        if changed is None:
            return False
        self._publish(changed)  # this process's listeners; the outbox carries them on
        return True
