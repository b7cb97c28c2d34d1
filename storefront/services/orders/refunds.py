"""Refunds, full or partial, through one service (the admin calls it too).

The caller names each refund with a request key: the same key twice refunds once, both here
(a unique row) and at the provider (the key becomes the idempotency key). Amounts are
checked against what was paid, counting refunds already made or in flight.
"""

from __future__ import annotations

from dataclasses import dataclass

from storefront.services.orders.ports import OrderStore
from storefront.services.orders.status import CHARGED
from storefront.services.payments import PaymentError, PaymentGateway


class RefundError(Exception):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True, slots=True)
class RefundDone:
    refund_id: int
    amount_minor: int
    provider_refund_id: str


class Refunds:
    def __init__(self, orders: OrderStore, payments: PaymentGateway) -> None:
        self._orders = orders
        self._payments = payments

    def refund(
        self, order_id: int, amount_minor: int, request_key: str, reason: str = ""
    ) -> RefundDone:
        """Give back `amount_minor` of a paid order (idempotent on `request_key`)."""
        order = self._orders.get(order_id)
        if order is None or order.status not in CHARGED or not order.payment_intent_id:
            raise RefundError("refund.error.not_refundable")
        if not 0 < amount_minor <= order.amounts.total_minor:
            raise RefundError("refund.error.amount")
        if not request_key or len(request_key) > 80:
            raise RefundError("refund.error.key")
        row = self._orders.open_refund(order_id, amount_minor, request_key, reason)
        if row is None:
            raise RefundError("refund.error.exceeds_paid")
        if row.amount_minor != amount_minor or row.order_id != order_id:
            raise RefundError("refund.error.key_reused")
        if row.status == "succeeded" and row.provider_refund_id:
            return RefundDone(row.id, row.amount_minor, row.provider_refund_id)
        if row.status == "failed":
            raise RefundError("refund.error.provider")
        try:
            provider_id = self._payments.refund(
                order.payment_intent_id, amount_minor, idempotency_key=f"refund-{request_key}"
            )
        except PaymentError as exc:
            if not exc.retryable:
                self._orders.close_refund(row.id, None, ok=False)
            raise RefundError("refund.error.provider") from exc
        self._orders.close_refund(row.id, provider_id, ok=True)
        return RefundDone(row.id, amount_minor, provider_id)
