"""An order's PaymentIntents at the provider (services/checkout/service.py): one opened per
attempt for the server's total, a failed attempt's replaced by a fresh one, and the former
one canceled before the new one may charge."""

from __future__ import annotations

import contextlib
import logging

from storefront.services.checkout.pricing import Totals
from storefront.services.checkout.quotes import CheckoutError
from storefront.services.checkout.settlement import Settlement
from storefront.services.orders.ports import OrderRecord, OrderStore
from storefront.services.orders.status import UNPAID
from storefront.services.payments import PaymentError, PaymentGateway, PaymentIntent

log = logging.getLogger(__name__)


class Intents:
    """The PaymentIntents of Checkout's orders (idempotent per order, attempt and intent)."""

    def __init__(
        self, orders: OrderStore, payments: PaymentGateway, settlement: Settlement
    ) -> None:
        self._orders = orders
        self._payments = payments
        self._settlement = settlement

    def fresh(self, order: OrderRecord, payment_method: str) -> OrderRecord:
        """After a failed attempt, pay through a new PaymentIntent (the old one is canceled),
        so every attempt starts from a clean intent at any provider."""
        old = order.payment_intent_id
        assert old is not None
        try:
            intent = self.open(order.id, order.reference, order.amounts, payment_method)
        except PaymentError:
            raise CheckoutError("checkout.error.provider") from None
        # Swap first, cancel after: the old intent's cancellation then names no order.
        if not self._orders.replace_intent(order.id, old, intent.id):
            raise CheckoutError("checkout.error.already_paid")
        self._retire(order, intent.id)
        fresh = self._orders.get(order.id)
        assert fresh is not None
        return fresh

    def _retire(self, order: OrderRecord, new_intent_id: str) -> None:
        """Cancel the order's former intent before the new one may charge. If it cannot be
        canceled and is not canceled already (it went through after all, or the provider
        is out of reach), the order goes back to it and settles from it: one order, one
        charge."""
        old = order.payment_intent_id
        assert old is not None
        try:
            self.cancel(order.reference, old)
            return
        except PaymentError:
            pass
        try:
            former: PaymentIntent | None = self._payments.retrieve_intent(old)
        except PaymentError:
            former = None
        if former is not None and former.status == "canceled":
            return
        if not self._orders.replace_intent(order.id, new_intent_id, old):
            # Moved meanwhile (canceled, paid again): the former intent names no order now.
            log.error(
                "order %s: intent %s could not be canceled (%s) and the order moved on: "
                "check it at the provider, it may have charged",
                order.reference,
                old,
                former.status if former else "unreachable",
            )
            raise CheckoutError("checkout.error.provider")
        with contextlib.suppress(PaymentError):  # never confirmed: it expires unused otherwise
            self.cancel(order.reference, new_intent_id)
        if former is None:
            raise CheckoutError("checkout.error.provider")
        if self._settlement.apply_intent(order, former).status in UNPAID:
            raise CheckoutError("checkout.error.provider")
        raise CheckoutError("checkout.error.already_paid")

    def cancel(self, reference: str, intent_id: str) -> PaymentIntent:
        """Cancel one of the order's intents (its key names the intent: idempotent per
        intent, never an earlier intent's cached answer)."""
        return self._payments.cancel_intent(intent_id, f"order-{reference}-cancel-{intent_id}")

    def open(self, order_id: int, reference: str, amounts: Totals, attempt: str) -> PaymentIntent:
        """A PaymentIntent for the order's server total (one per attempt, idempotent)."""
        return self._payments.create_intent(
            amount_minor=amounts.total_minor,
            currency=amounts.currency,
            metadata={"order_id": str(order_id), "reference": reference},
            idempotency_key=f"order-{reference}-intent" + (f"-{attempt}" if attempt else ""),
        )
