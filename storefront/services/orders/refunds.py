"""Refunds, full or partial, through one service (the admin calls it too).

The caller names each refund with a request key: the same key twice refunds once, both here
(a unique row) and at the provider (the key becomes the idempotency key). Amounts are
checked against what was paid, counting refunds already made or in flight.

A refund is what the provider says it is: one it answers pending (some payment methods, a
balance too low) stays pending here, counted against what is left to refund but not as
given back, until the provider's final word (its webhook, or the reconciliation reading its
refunds) settles it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Literal, Protocol

from models.types import utc_now
from storefront.services.errors import Refusal
from storefront.services.orders.ports import OrderStore
from storefront.services.payments import PaymentError, PaymentGateway, ProviderRefund

log = logging.getLogger(__name__)

# Stripe keeps an idempotency key 24 hours: a request it never received is sent again, with
# its key, only within that time (a lost answer is found in its list of refunds by the key
# in its metadata, however old).
RETRY_WITHIN = timedelta(hours=23)


# A refund's status here: pending until the provider's final word, which is one of the others.
RefundStatus = Literal["pending", "succeeded", "failed"]


def settled_as(provider_status: str) -> RefundStatus:
    """This shop's status of a refund from the provider's: only its final word settles it."""
    if provider_status == "succeeded":
        return "succeeded"
    if provider_status in ("failed", "canceled"):
        return "failed"
    return "pending"  # pending, requires_action, or a status this code does not know yet


@dataclass(frozen=True, slots=True)
class RefundRow:
    id: int
    order_id: int
    amount_minor: int
    request_key: str
    provider_refund_id: str | None  # None until the provider answered the request
    status: str  # pending | succeeded | failed
    created_at: datetime  # when it was asked (or made, in the provider's dashboard)


# The request key of a refund this shop recorded from the provider (made in its dashboard).
PROVIDER_KEY_PREFIX = "provider:"


def refund_made_at_provider(request_key: str) -> bool:
    """Whether the refund of this request key was made in the provider's dashboard."""
    return request_key.startswith(PROVIDER_KEY_PREFIX)


# Why a new refund request was not recorded (the key of its message is refund.error.<why>).
# cancel_claimed: the shopper is canceling the order (their cancel refunds it in full);
# not_claimed: the cancel's own refund, once its claim was released.
Shortfall = Literal[
    "not_refundable", "exceeds_paid", "over_ceiling", "cancel_claimed", "not_claimed"
]


@dataclass(frozen=True, slots=True)
class Synced:
    changed: bool  # a refund, or the order, changed
    # The requests of this shop whose answer this call recorded (with it), oldest first.
    answered: tuple[RefundRow, ...] = ()


class RefundStore(Protocol):
    """Each method is one transaction."""

    def open(
        self,
        order_id: int,
        amount_minor: int,
        request_key: str,
        reason: str,
        ceiling_minor: int | None = None,
        *,
        for_cancel: bool = False,
    ) -> RefundRow | Shortfall:
        """Record a refund request, or return the one of this key. With the order held (so
        requests made at once are checked one after the other), a new one is refused when
        the order is not charged, or when the refunds made or in flight would then pass what
        was paid, or `ceiling_minor` (a staff member's limit per order) when given. While
        the shopper's cancel claims the order only its own refund (`for_cancel`) is taken,
        and that one only while the claim stands (releasing it holds the order too)."""
        ...

    def pending(self, before: datetime, limit: int) -> list[RefundRow]:
        """Refunds still pending, asked (or last compared with the provider's refunds, by
        `sync`) before `before`; those waiting longest first."""
        ...

    def close(self, refund_id: int, provider_refund_id: str | None, status: RefundStatus) -> bool:
        """Record the provider's answer to a request it had not answered yet: its refund and
        status (or, with no refund id, that it refused). A success adds its amount to the
        order's refunded total and moves the order to partially refunded or refunded, in
        the same transaction. True when this call recorded it (False when it was answered
        already, say by a retry running beside it)."""
        ...

    def sync(
        self, order_id: int, refunds: Sequence[ProviderRefund], *, answer_requests: bool = False
    ) -> Synced:
        """Bring the order's refunds in line with the provider's (`refunds`: its list of the
        payment's refunds, in the order's currency), the order held. A refund pending here
        takes the provider's final word; one that went through and that the provider now
        says failed is reversed (failed, with the date, its amount off the order's refunded
        total, the order moved back: status.REVERSAL); a failed one stays failed whatever
        comes after; those made in the provider's dashboard are recorded once, with the
        provider's date. A request of this shop the provider has not answered yet is left
        to it (it, or its retry, records the answer and is audited for it) unless
        `answer_requests` (the reconciliation, long after it was asked). The refunds still
        pending after it are marked as compared now."""
        ...

    def defer(self, order_id: int) -> None:
        """Mark the order's pending refunds as compared now, without the provider's word
        (its refunds could not be read): `pending` gives the others their turn first."""
        ...


class RefundError(Refusal):
    """The refund cannot be made (state, amount, key, provider)."""


@dataclass(frozen=True, slots=True)
class RefundDone:
    refund_id: int
    amount_minor: int
    provider_refund_id: str
    # This call recorded the provider's answer (False when answered from an earlier one).
    settled_now: bool
    # "pending": the provider took it but has not given the money back yet.
    status: RefundStatus = "succeeded"


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
        now: datetime | None = None,
        for_cancel: bool = False,
    ) -> RefundDone:
        """Give back `amount_minor` of a paid order (idempotent on `request_key`), keeping
        all its refunds within `ceiling_minor` when given. `for_cancel`: the shopper's
        cancel refunding the order it claimed (no other refund is taken while it does)."""
        done = self._request(
            order_id,
            amount_minor,
            request_key,
            reason=reason,
            ceiling_minor=ceiling_minor,
            now=now,
            for_cancel=for_cancel,
        )
        if done.status == "failed":
            raise RefundError("refund.error.failed")
        return done

    def _request(
        self,
        order_id: int,
        amount_minor: int,
        request_key: str,
        *,
        reason: str = "",
        ceiling_minor: int | None = None,
        now: datetime | None = None,
        for_cancel: bool = False,
    ) -> RefundDone:
        """`refund`, whose answer may be "failed" (the provider refused it, or never
        received it in time), as recorded: raises only when nothing was answered."""
        now = now or utc_now()
        order = self._orders.get(order_id)
        if order is None or not order.payment_intent_id:
            raise RefundError("refund.error.not_refundable")
        if not 0 < amount_minor <= order.amounts.total_minor:
            raise RefundError("refund.error.amount")
        if not request_key or len(request_key) > 80:
            raise RefundError("refund.error.key")
        # A repeated key is answered from its row whatever the order's status now is (the
        # first request may have refunded it in full); a new one needs money left to refund.
        row = self._refunds.open(
            order_id, amount_minor, request_key, reason, ceiling_minor, for_cancel=for_cancel
        )
        if isinstance(row, str):
            raise RefundError(f"refund.error.{row}")
        if row.amount_minor != amount_minor or row.order_id != order_id:
            raise RefundError("refund.error.key_reused")
        settled_now = False
        if row.provider_refund_id is None and row.created_at <= now - RETRY_WITHIN:
            row, settled_now = self._settle_late(row, now)
        if row.status == "failed":
            return RefundDone(row.id, row.amount_minor, "", settled_now, "failed")
        if row.provider_refund_id:
            # Answered before, gone through or pending at the provider (whose word settles
            # it): never sent again, as a day later its key could make a second refund.
            status: RefundStatus = "succeeded" if row.status == "succeeded" else "pending"
            return RefundDone(row.id, row.amount_minor, row.provider_refund_id, settled_now, status)
        try:
            made = self._payments.refund(
                order.payment_intent_id,
                amount_minor,
                idempotency_key=f"refund-{request_key}",
                request_key=request_key,
            )
        except PaymentError as exc:
            if exc.retryable:
                raise RefundError("refund.error.provider") from exc
            log.warning("the provider refused refund %s: %s", row.id, exc)
            settled_now = self._refunds.close(row.id, None, "failed")
            return RefundDone(row.id, amount_minor, "", settled_now, "failed")
        status = settled_as(made.status)
        settled_now = self._refunds.close(row.id, made.id, status)
        return RefundDone(row.id, amount_minor, made.id, settled_now, status)

    def _settle_late(self, row: RefundRow, now: datetime) -> tuple[RefundRow, bool]:
        """A request unanswered for RETRY_WITHIN (its answer lost, no reconciliation since)
        is never sent again, as the provider may have forgotten its key: the provider's
        refunds settle it (found by its key, or failed: never received). The row as it now
        stands, and whether this call recorded its answer."""
        try:
            told, _ = self._settle_order(row.order_id, [row], now)
        except PaymentError as exc:
            raise RefundError("refund.error.provider") from exc
        for answered in told:
            if answered.id == row.id:
                return answered, True
        # Answered meanwhile by a call beside this one: `open` gives a key's row as it is.
        again = self._refunds.open(row.order_id, row.amount_minor, row.request_key, "")
        return (again, False) if not isinstance(again, str) else (row, False)

    def settle_pending(
        self,
        now: datetime,
        settle_after: timedelta,
        on_settled: Callable[[RefundRow], None] | None = None,
    ) -> tuple[int, int]:
        """Settle from the provider's refunds those pending here for `settle_after` since they
        were asked or last compared (the provider holds them pending, or a timeout lost its
        answer); (answers recorded now, failures). A request the provider never received is
        sent again with its key within RETRY_WITHIN of being asked, and failed after that:
        nothing went back, and the merchant may refund again. `on_settled` is told of each
        request this call recorded the answer to (its own call got none), as recorded."""
        settled = failed = 0
        rows = self._refunds.pending(now - settle_after, limit=100)
        for order_id in dict.fromkeys(row.order_id for row in rows):
            try:
                told, unanswered = self._settle_order(
                    order_id, [row for row in rows if row.order_id == order_id], now
                )
            except PaymentError as exc:  # one order stops no other
                log.error("reading the refunds of order %s failed: %s", order_id, exc)
                # Compared now all the same: the next pass takes those waiting longer first,
                # so a hundred orders failing each time cannot keep the rest waiting.
                self._refunds.defer(order_id)
                failed += 1
                continue
            settled, failed = settled + len(told), failed + unanswered
            for row in told:
                if on_settled is not None:
                    on_settled(row)
        return settled, failed

    def _settle_order(
        self, order_id: int, rows: Sequence[RefundRow], now: datetime
    ) -> tuple[list[RefundRow], int]:
        order = self._orders.get(order_id)
        if order is None or not order.payment_intent_id:
            self._refunds.defer(order_id)  # nothing to compare with: not a stall either
            return [], 0
        currency = order.amounts.currency.upper()
        made = self._payments.refunds_of(order.payment_intent_id)
        made = [refund for refund in made if refund.currency.upper() == currency]
        told = list(self._refunds.sync(order_id, made, answer_requests=True).answered)
        held = {refund.request_key for refund in made}
        unanswered = 0
        for row in rows:
            if row.provider_refund_id or row.request_key in held:
                continue  # the provider has it: settled above, or still pending there
            if row.created_at > now - RETRY_WITHIN:
                try:
                    done = self._request(row.order_id, row.amount_minor, row.request_key, now=now)
                except RefundError as exc:  # unanswered: tried again next time
                    log.error("retrying refund %s failed: %s", row.id, exc.code)
                    unanswered += 1
                    continue
                if done.settled_now:  # not answered meanwhile by a retry beside this one
                    answered = done.provider_refund_id or None  # none when it was refused
                    told.append(replace(row, provider_refund_id=answered, status=done.status))
            elif self._refunds.close(row.id, None, "failed"):
                log.warning("refund %s never reached the provider: failed", row.id)
                told.append(replace(row, status="failed"))
        return told, unanswered
