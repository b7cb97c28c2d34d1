"""What a verified provider event (webhook) does to our orders.

Events arrive more than once and out of order. Each is matched to one of our orders by the
PaymentIntent id and the order id in its metadata (anything else is not ours and ignored),
its amount and currency are checked against the order, and only forward moves apply; the
event id is stored with the change, so a repeat does nothing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Literal

from models.orders import OrderStatus
from storefront.services.checkout.settlement import IntentMismatch, Settlement
from storefront.services.orders.ports import OrderStore
from storefront.services.orders.refunds import RefundStore
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
        recorded = self._record_refunds(order.id, refunds.intent_id, amounts.currency)
        if recorded is None:
            return "retry"
        refunded = max(told or 0, recorded)
        if refunded <= 0:  # an event of one refund, none of which has gone through yet
            return "unchanged"
        full = refunded >= amounts.total_minor
        moved = self._orders.move(
            order.id,
            OrderStatus.REFUNDED if full else OrderStatus.PARTIALLY_REFUNDED,
            event_id=event.id,
            event_type=event.type,
            refunded_minor=refunded,
        )
        if moved.duplicate:
            return "duplicate"
        return "applied" if moved.applied else "unchanged"

    def _record_refunds(self, order_id: int, intent_id: str, currency: str) -> int | None:
        """The order's refunds, summed, once those made in the provider's dashboard are on
        its record (else they would show in no refund list, nor with their dates); None
        when the provider cannot be read now (the event is then asked for again)."""
        if self._gateway is None or self._refunds is None:
            return 0
        try:
            made = self._gateway.refunds_of(intent_id)
        except PaymentError as exc:
            if exc.retryable:
                return None
            log.error("refunds of %s cannot be read: %s", intent_id, exc)
            return 0
        settled = [
            refund
            for refund in made
            if refund.status == "succeeded" and refund.currency.upper() == currency.upper()
        ]
        return self._refunds.record_provider(order_id, settled)
