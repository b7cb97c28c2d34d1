"""Settling an order from what the payment provider says about its PaymentIntent.

The success page, the webhook and the reconciliation command all come through here, in any
order and any number of times: each move is conditional on the order's current status, so
the order is paid once and its side effects (stock commit, cart cleanup, mail) happen once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta

from models.events import Event
from models.orders import OrderStatus
from models.types import utc_now
from storefront.services.accounts.ports import Mailer
from storefront.services.inventory import Inventory
from storefront.services.orders.mail import CLAIM_MINUTES, confirmation_mail
from storefront.services.orders.ports import Moved, OrderRecord, OrderStore
from storefront.services.orders.viewing import order_url
from storefront.services.payments import PaymentIntent
from storefront.services.policies import policy_path

log = logging.getLogger(__name__)

# What each PaymentIntent status means for the order (others, e.g. processing: wait).
_TARGETS = {
    "succeeded": OrderStatus.PAID,
    "requires_action": OrderStatus.REQUIRES_ACTION,
    "canceled": OrderStatus.CANCELED,
}


class IntentMismatch(Exception):
    """The intent does not belong to this order, or its amount or currency differ."""


@dataclass(frozen=True, slots=True)
class Settled:
    status: OrderStatus  # the order's status afterwards
    moved: Moved


class Settlement:
    def __init__(
        self,
        orders: OrderStore,
        inventory: Inventory,
        mailer: Mailer,
        public_url: str,
        publish: Callable[[Iterable[Event]], None],
        *,
        withdrawal_days: int = 30,
    ) -> None:
        self._orders = orders
        self._withdrawal_days = withdrawal_days
        self._inventory = inventory
        self._publish = publish
        self._mailer = mailer
        self._public_url = public_url.rstrip("/")

    def apply_intent(
        self,
        order: OrderRecord,
        intent: PaymentIntent,
        event_id: str | None = None,
        event_type: str = "",
    ) -> Settled:
        """Move the order where the intent says, if that is forward."""
        check_intent(order, intent)
        target = _TARGETS.get(intent.status)
        if target is None and intent.status == "requires_payment_method" and intent.last_error:
            target = OrderStatus.FAILED
        if target is None:
            if event_id:
                self._orders.record_event(event_id, event_type, order.id)
            return Settled(order.status, Moved(applied=False))
        moved = self._orders.move(
            order.id,
            target,
            event_id=event_id,
            event_type=event_type,
            error=intent.last_error[:300],
            intent_id=intent.id,  # `order` may be an older read: the intent must still be its
        )
        if moved.applied and target is OrderStatus.PAID:
            self._after_payment(order, moved)
        if moved.applied and target is OrderStatus.CANCELED:
            self._inventory.release(order.holder, utc_now())
        current = self._orders.get(order.id)
        return Settled(current.status if current else target, moved)

    def _after_payment(self, order: OrderRecord, moved: Moved) -> None:
        self._publish(moved.changed)
        if moved.stock_lost:
            # Paid after the hold expired and the stock sold out meanwhile: an operator
            # refunds or back-orders it; the order says so in the admin (stock_short).
            log.error("order %s paid but its stock is gone", order.reference)
        try:
            self.send_confirmation(order.id)
        except Exception:  # the payment stands; reconciliation mails it later
            log.exception("mailing the confirmation of order %s", order.reference)

    def send_confirmation(self, order_id: int) -> bool:
        """Mail the confirmation once, whoever asks (False when it went already, or someone
        else is sending it). A sender that died mid-way is replaced after CLAIM_MINUTES."""
        now = utc_now()
        if not self._orders.claim_confirmation(order_id, now - timedelta(minutes=CLAIM_MINUTES)):
            return False
        order = self._orders.get(order_id)
        assert order is not None
        subject, body = confirmation_mail(
            order,
            order_url(self._public_url, order),
            f"{self._public_url}{policy_path('refund')}",
            self._withdrawal_days,
        )
        try:
            self._mailer.send(order.email, subject, body)
        except Exception:
            self._orders.release_confirmation(order_id)  # reconciliation tries again
            raise
        self._orders.confirmation_sent(order_id)
        return True


def check_intent(order: OrderRecord, intent: PaymentIntent) -> None:
    """Raise IntentMismatch unless this intent is this order's, for its exact total."""
    if intent.id != order.payment_intent_id:
        raise IntentMismatch(f"intent {intent.id} is not order {order.reference}'s")
    if intent.metadata.get("order_id") != str(order.id):
        raise IntentMismatch(f"intent {intent.id} names another order")
    if (intent.amount_minor, intent.currency.upper()) != (
        order.amounts.total_minor,
        order.amounts.currency.upper(),
    ):
        raise IntentMismatch(
            f"intent {intent.id} is for {intent.amount_minor} {intent.currency}, order "
            f"{order.reference} totals {order.amounts.total_minor} {order.amounts.currency}"
        )
