"""What a verified provider event (webhook) does to our orders.

Events arrive more than once and out of order. Each is matched to one of our orders by the
PaymentIntent id and the order id in its metadata (anything else is not ours and ignored),
its amount and currency are checked against the order, and only forward moves apply; the
event id is stored with the change, so a repeat does nothing. A refund event is a prompt to
read the payment's refunds from the provider: that list, not the event, says where each
refund stands (refund_store.sync), so a late or repeated event changes nothing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Literal

from models.orders import OrderStatus
from storefront.services.checkout.settlement import IntentMismatch, Settlement
from storefront.services.orders.ports import OrderStore
from storefront.services.orders.refunds import RefundStore, Synced
from storefront.services.orders.status import UNPAID
from storefront.services.payments import PaymentError, PaymentGateway, PaymentIntent

log = logging.getLogger(__name__)
# "retry": not recorded, the provider is asked to send it again later.
Outcome = Literal["applied", "unchanged", "duplicate", "ignored", "mismatch", "retry"]


@dataclass(frozen=True, slots=True)
class ChargeRefunds:
    """A payment's refunds, as refund events tell of them: charge.refunded carries the
    charge's refunded total; events about one refund (charge.refund.updated, refund.*) do
    not (None): the total is then what the provider's list of refunds says."""

    intent_id: str
    amount_refunded_minor: int | None
    currency: str


@dataclass(frozen=True, slots=True)
class ProviderEvent:
    id: str
    type: str
    intent: PaymentIntent | None = None
    refunds: ChargeRefunds | None = None


class PaymentEvents:
    def __init__(
        self,
        orders: OrderStore,
        settlement: Settlement,
        gateway: PaymentGateway | None,
        refunds: RefundStore | None = None,
    ) -> None:
        self._orders = orders
        self._settlement = settlement
        self._gateway = gateway
        self._refunds = refunds

    def handle(self, event: ProviderEvent) -> Outcome:
        if event.intent is not None and event.type.startswith("payment_intent."):
            return self._intent_event(event, event.intent)
        if event.refunds is not None and event.type.startswith(("charge.refund", "refund.")):
            return self._refund_event(event, event.refunds)
        return "ignored"

    def _intent_event(self, event: ProviderEvent, intent: PaymentIntent) -> Outcome:
        order = self._orders.by_intent(intent.id)
        if order is None or intent.metadata.get("order_id") != str(order.id):
            return "ignored"  # another system's payment on the same Stripe account
        if intent.status == "requires_action" and self._gateway is not None:
            # The one move that may go back (a failed payment asked to authenticate again),
            # so it is taken from the provider's intent now, never from a late copy of an
            # earlier state (a failure can overtake the event that came before it).
            intent = self._gateway.retrieve_intent(intent.id)
        try:
            settled = self._settlement.apply_intent(order, intent, event.id, event.type)
        except IntentMismatch as exc:
            log.error("payment event %s refused: %s", event.id, exc)
            self._orders.record_event(event.id, event.type, order.id)
            return "mismatch"
        if settled.moved.duplicate:
            return "duplicate"
        return "applied" if settled.moved.applied else "unchanged"

    def _refund_event(self, event: ProviderEvent, refunds: ChargeRefunds) -> Outcome:
        order = self._orders.by_intent(refunds.intent_id)
        if order is None:
            return "ignored"
        amounts = order.amounts
        told = refunds.amount_refunded_minor
        if refunds.currency.upper() != amounts.currency.upper() or (
            told is not None and not 0 < told <= amounts.total_minor
        ):
            log.error("refund event %s refused: amount or currency differ", event.id)
            self._orders.record_event(event.id, event.type, order.id)
            return "mismatch"
        if order.status in UNPAID:
            # A refund follows a payment whose news has not come yet (its event failed, the
            # browser closed during 3-D Secure): the order is settled from its intent first,
            # else this refund would be recorded as changing nothing, and be lost.
            if self._gateway is None or order.payment_intent_id is None:
                return "retry"
            try:
                intent = self._gateway.retrieve_intent(order.payment_intent_id)
                self._settlement.apply_intent(order, intent)
            except IntentMismatch as exc:
                log.error("refund event %s refused: %s", event.id, exc)
                self._orders.record_event(event.id, event.type, order.id)
                return "mismatch"
            settled = self._orders.get(order.id)
            if settled is None or settled.status in UNPAID:
                return "retry"
        synced = self._sync_refunds(order.id, refunds.intent_id, amounts.currency)
        if synced == "retry":
            return synced
        if synced is None:  # no list to read: the event's own figure, forward only
            return self._move_to(order.id, event, told, amounts.total_minor)
        if not self._orders.record_event(event.id, event.type, order.id):
            return "duplicate"
        return "applied" if synced.changed else "unchanged"

    def _sync_refunds(
        self, order_id: int, intent_id: str, currency: str
    ) -> Synced | Literal["retry"] | None:
        """The order's refunds brought in line with the provider's list of the payment's
        refunds, its final word on each (an event may be late, repeated, or overtaken by
        the refund's next change: the list is what stands now); None when there is no list
        to read, "retry" when it cannot be read now (the event is then asked for again)."""
        if self._gateway is None or self._refunds is None:
            return None
        try:
            made = self._gateway.refunds_of(intent_id)
        except PaymentError as exc:
            if exc.retryable:
                return "retry"
            log.error("refunds of %s cannot be read: %s", intent_id, exc)
            return None
        same = [refund for refund in made if refund.currency.upper() == currency.upper()]
        return self._refunds.sync(order_id, same)

    def _move_to(
        self, order_id: int, event: ProviderEvent, told: int | None, total_minor: int
    ) -> Outcome:
        """The order moved on by the refunded total a charge event carries (it may count
        refunds still pending at the provider, so it serves only when the provider's own
        list cannot be read)."""
        if not told:  # an event of one refund, which carries no total
            return "unchanged"
        moved = self._orders.move(
            order_id,
            OrderStatus.REFUNDED if told >= total_minor else OrderStatus.PARTIALLY_REFUNDED,
            event_id=event.id,
            event_type=event.type,
            refunded_minor=told,
        )
        if moved.duplicate:
            return "duplicate"
        return "applied" if moved.applied else "unchanged"
