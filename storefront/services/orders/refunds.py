"""Refunds, full or partial, through one service (the admin calls it too).

The caller names each refund with a request key: the same key twice refunds once, both here
(a unique row) and at the provider (the key becomes the idempotency key). Amounts are
checked against what was paid, counting refunds already made or in flight.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Literal, Protocol

from storefront.services.errors import Refusal
from storefront.services.orders.ports import OrderStore
from storefront.services.payments import PaymentError, PaymentGateway, ProviderRefund

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RefundRow:
    id: int
    order_id: int
    amount_minor: int
    request_key: str
    provider_refund_id: str | None
    status: str  # pending | succeeded | failed


# The request key of a refund this shop recorded from the provider (made in its dashboard).
PROVIDER_KEY_PREFIX = "provider:"


def refund_made_at_provider(request_key: str) -> bool:
    """Whether the refund of this request key was made in the provider's dashboard."""
    return request_key.startswith(PROVIDER_KEY_PREFIX)


# Why a new refund request was not recorded (the key of its message is refund.error.<why>).
Shortfall = Literal["not_refundable", "exceeds_paid", "over_ceiling"]


class RefundStore(Protocol):
    """Each method is one transaction."""

    def open(
        self,
        order_id: int,
        amount_minor: int,
        request_key: str,
        reason: str,
        ceiling_minor: int | None = None,
    ) -> RefundRow | Shortfall:
        """Record a refund request, or return the one of this key. With the order held (so
        requests made at once are checked one after the other), a new one is refused when
        the order is not charged, or when the refunds made or in flight would then pass what
        was paid, or `ceiling_minor` (a staff member's limit per order) when given."""
        ...

    def pending(self, since: datetime, before: datetime, limit: int) -> list[RefundRow]:
        """Requests still pending that were opened between `since` and `before`, oldest first."""
        ...

    def close(self, refund_id: int, provider_refund_id: str | None, ok: bool) -> bool:
        """Settle the request; a success adds its amount to the order's refunded total and
        moves the order to partially refunded or refunded. True when this call settled it
        (False when it was settled already, say by a retry running beside it)."""
        ...

    def record_provider(self, order_id: int, refunds: Sequence[ProviderRefund]) -> int:
        """Record, once each, the provider's refunds of the order that no request of this
        shop made (staff refunded in the provider's dashboard); the order's refunds that
        succeeded, summed, after."""
        ...


class RefundError(Refusal):
    """The refund cannot be made (state, amount, key, provider)."""


@dataclass(frozen=True, slots=True)
class RefundDone:
    refund_id: int
    amount_minor: int
    provider_refund_id: str
    settled_now: bool  # this call settled it (False when answered from an earlier one)


class Refunds:
    def __init__(self, orders: OrderStore, refunds: RefundStore, payments: PaymentGateway) -> None:
        self._orders = orders
        self._refunds = refunds
        self._payments = payments

    def refund(
        self,
        order_id: int,
        amount_minor: int,
        request_key: str,
        reason: str = "",
        *,
        ceiling_minor: int | None = None,
    ) -> RefundDone:
        """Give back `amount_minor` of a paid order (idempotent on `request_key`), keeping
        all its refunds within `ceiling_minor` when given."""
        order = self._orders.get(order_id)
        if order is None or not order.payment_intent_id:
            raise RefundError("refund.error.not_refundable")
        if not 0 < amount_minor <= order.amounts.total_minor:
            raise RefundError("refund.error.amount")
        if not request_key or len(request_key) > 80:
            raise RefundError("refund.error.key")
        # A repeated key is answered from its row whatever the order's status now is (the
        # first request may have refunded it in full); a new one needs money left to refund.
        row = self._refunds.open(order_id, amount_minor, request_key, reason, ceiling_minor)
        if isinstance(row, str):
            raise RefundError(f"refund.error.{row}")
        if row.amount_minor != amount_minor or row.order_id != order_id:
            raise RefundError("refund.error.key_reused")
        if row.status == "succeeded" and row.provider_refund_id:
            return RefundDone(row.id, row.amount_minor, row.provider_refund_id, settled_now=False)
        if row.status == "failed":
            raise RefundError("refund.error.provider")
        try:
            provider_id = self._payments.refund(
                order.payment_intent_id,
                amount_minor,
                idempotency_key=f"refund-{request_key}",
                request_key=request_key,
            )
        except PaymentError as exc:
            if not exc.retryable:
                self._refunds.close(row.id, None, ok=False)
            raise RefundError("refund.error.provider") from exc
        settled_now = self._refunds.close(row.id, provider_id, ok=True)
        return RefundDone(row.id, amount_minor, provider_id, settled_now)

    def retry_pending(
        self,
        since: datetime,
        before: datetime,
        on_settled: Callable[[RefundRow], None] | None = None,
    ) -> tuple[int, int]:
        """Send again, with their keys, the refunds left pending (a provider timeout) that were
        opened between `since` and `before`; (settled now, still failing). `on_settled` is
        told of each refund this call settled (as settled), right after it settled it."""
        settled = failed = 0
        for row in self._refunds.pending(since, before, limit=100):
            try:
                done = self.refund(row.order_id, row.amount_minor, row.request_key)
            except RefundError as exc:  # one refund stops no other
                log.error("retrying refund %s failed: %s", row.id, exc.code)
                failed += 1
                continue
            if not done.settled_now:  # settled meanwhile by a retry beside this one
                continue
            settled += 1
            if on_settled is not None:
                on_settled(
                    replace(row, provider_refund_id=done.provider_refund_id, status="succeeded")
                )
        return settled, failed
