"""The admin records a refund made outside the payment provider (services/orders/
offline_refunds.py): the amount, how it went back (bank transfer, cheque, cash, other) and
its reference, checked as the refund form's amount is (what is left, the staff limit) before
the confirmation and again where it is recorded; nothing is sent to the provider."""

from __future__ import annotations

from dataclasses import dataclass

from storefront.services.admin.access import Permission, Staff, over_staff_limit, require
from storefront.services.admin.audit import AuditRecord
from storefront.services.admin.order_desk import checked_refund_amount
from storefront.services.admin.order_views import OrderDetail
from storefront.services.admin.orders import AdminOrders
from storefront.services.errors import AlreadyDone, Refusal
from storefront.services.orders.offline_refunds import (
    MAX_REFERENCE,
    OFFLINE_METHODS,
    OfflineRecorded,
    OfflineRefund,
    OfflineRefundStore,
    offline_key,
)
from storefront.services.orders.refunds import RefundError

AUDIT_ACTION = "order.refund_offline"
# A form key as the page renders it (state/admin: 24 hex digits); its request key is longer.
MAX_FORM_KEY = 40


@dataclass(frozen=True, slots=True)
class OfflineRefundForm:
    """The form as sent: its amount as typed, method, reference and one-use key."""

    amount: str
    method: str
    reference: str
    key: str


class OfflineRefundDesk:
    def __init__(
        self, orders: AdminOrders, store: OfflineRefundStore, *, staff_refund_limit_minor: int
    ) -> None:
        self._orders = orders
        self._store = store
        self._limit = staff_refund_limit_minor

    def check(self, actor: Staff, order_id: int, form: OfflineRefundForm) -> int:
        """The amount asked, in minor units, once the form passes what recording it checks:
        run before asking for confirmation, so that what would be refused is refused first."""
        require(actor, Permission.REFUND)
        order = self._orders.existing(order_id)
        if any(r.request_key == offline_key(form.key) for r in order.refunds):
            # The form sent again after it was recorded (a second tab's, a double submit
            # overtaken): nothing to confirm, and no question that would record nothing.
            raise AlreadyDone("admin.offline_refund.already_recorded")
        amount = self._checked(actor, order, form)
        if amount <= 0:
            raise Refusal("admin.refund.error.amount", {"amount": "admin.refund.error.amount"})
        return amount

    def record(self, actor: Staff, order_id: int, form: OfflineRefundForm) -> OfflineRecorded:
        """Record the form's amount as refunded to the customer its way, outside the provider;
        the same form key records it once (a double submit answers with the first)."""
        require(actor, Permission.REFUND)
        order = self._orders.existing(order_id)
        amount, method = self._checked(actor, order, form), form.method
        reference = form.reference.strip()[:MAX_REFERENCE]
        asked = OfflineRefund(order_id, amount, offline_key(form.key), method, reference)
        subject = f"order:{order.reference}"

        def audit(done: OfflineRecorded) -> list[AuditRecord]:
            before = {"status": done.status_before, "refunded_minor": done.refunded_before_minor}
            after = {
                "status": done.status_after,
                "refunded_minor": done.refunded_after_minor,
                "amount": done.amount_minor,
                "method": done.method,
                "reference": done.reference,
                "credit_note": done.credit_note or "",
                "request_key": asked.request_key,
            }
            return [AuditRecord.of(actor, AUDIT_ACTION, subject, before, after)]

        ceiling = None if actor.is_admin else self._limit
        done = self._store.record(asked, ceiling, audit)
        if isinstance(done, str):
            if done == "over_ceiling":
                raise over_staff_limit(self._limit)
            raise RefundError(f"refund.error.{done}")
        if (done.order_id, done.amount_minor, done.method) != (order_id, amount, method):
            raise RefundError("refund.error.key_reused")
        return done

    def _checked(self, actor: Staff, order: OrderDetail, form: OfflineRefundForm) -> int:
        form_key, method, reference = form.key, form.method, form.reference
        if not form_key or len(form_key) > MAX_FORM_KEY:
            raise RefundError("refund.error.key")
        if method not in OFFLINE_METHODS:
            code = "admin.offline_refund.error.method"
            raise Refusal(code, {"method": code})
        if method == "other" and not reference.strip():  # nothing would say how it went back
            code = "admin.offline_refund.error.reference"
            raise Refusal(code, {"reference": code})
        return checked_refund_amount(actor, order, form.amount, offline_key(form_key), self._limit)
