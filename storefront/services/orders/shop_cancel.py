"""The shop's own cancel of a paid order, as CustomerCancel.cancel_for_shop runs it: when the
admin may ask for it, its audit entry, and the admin's words for what the cancel's refund
answered (the shopper's own cancel says them to the shopper)."""

from __future__ import annotations

from models.orders import OrderStatus as S
from storefront.services.admin.audit import AuditRecord, to_json
from storefront.services.errors import Refusal
from storefront.services.orders.cancel_rules import left_to_refund
from storefront.services.orders.ports import OrderRecord

SHOP_ASK_ACTION = "order.shop_cancel.asked"
SHOP_ACTION = "order.shop_cancel"
SHOP_RELEASE_ACTION = "order.shop_cancel.released"  # given up: its refund refused

FOR_SHOP = {
    "cancel.error.provider": "admin.order.error.provider",
    "cancel.error.provider_claimed": "admin.order.error.provider",
    "cancel.error.not_allowed": "admin.order.error.not_found",
    "cancel.released": "admin.order.error.cancel_refund_refused",
}


def check_shop_cancelable(order: OrderRecord) -> None:
    """Why the shop cannot cancel this order and refund what is left of it, if it cannot."""
    if order.fulfilled_at is not None:
        raise Refusal("admin.order.error.already_fulfilled")
    if order.cancel_requested_at is not None and not order.cancel_by_shop:
        raise Refusal("admin.order.error.customer_canceling")
    # A cancel given up once (its refund refused): refunds settle it.
    if left_to_refund(order) is None or order.cancel_released_at:
        raise Refusal("admin.order.error.cancel_refund_rest")


def shop_entry(
    order: OrderRecord, actor_id: int | None, actor: str, *, asked: bool = False
) -> AuditRecord:
    """The audit entry of the shop's cancel: `asked` (claimed, what is left to refund to
    follow), or done (refunded in full, canceled, its stock back)."""
    amount = order.amounts.total_minor
    if asked:
        amount -= order.refunded_minor
    if asked:
        before = {"status": order.status.value}
        after = {"status": order.status.value, "cancel": "requested", "refund_minor": amount}
        action = SHOP_ASK_ACTION
    else:
        before = {"status": S.REFUNDED.value}
        after = {"status": S.CANCELED.value, "refunded_minor": amount}
        action = SHOP_ACTION
    subject = f"order:{order.reference}"
    return AuditRecord(actor_id, actor, action, subject, to_json(before), to_json(after))
