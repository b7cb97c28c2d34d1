"""Who may cancel an order themselves and when (the shopper's cancel: customer_cancel.py):
what cancelling gives back, whether the asker must type the order's email, why an order
cannot be canceled."""

from __future__ import annotations

import hmac
from dataclasses import dataclass

from models.orders import OrderStatus as S
from storefront.services.errors import AlreadyDone, Refusal
from storefront.services.orders.ports import OrderRecord
from storefront.services.orders.status import CANCELABLE_PAID, UNPAID


@dataclass(frozen=True, slots=True)
class Asker:
    """Who asks: the signed-in account (None for a guest), the key of the order's link they
    came by ("" if none), the email they typed ("" if none)."""

    account_id: int | None
    key: str = ""
    email: str = ""


def refund_due(order: OrderRecord) -> int | None:
    """What cancelling the order gives back (0: nothing was charged; what is left to refund
    of a partly refunded one), or None when the shopper cannot cancel it themselves
    (shipped, refunded in full, canceled)."""
    if order.fulfilled_at is not None or order.cancel_released_at is not None:
        return None
    if order.cancel_by_shop:  # the shop is canceling it (or did)
        return None
    if order.status in UNPAID:
        return 0
    return left_to_refund(order)


def left_to_refund(order: OrderRecord) -> int | None:
    """What a cancel of this paid, unshipped order refunds: all that was not refunded yet
    (a goodwill refund before it left stays given); None when nothing is left."""
    left = order.amounts.total_minor - order.refunded_minor
    if order.status in CANCELABLE_PAID and left > 0:
        return left
    return None


def refund_owed(order: OrderRecord) -> int:
    """What a canceled order still owes its shopper: it was paid and refunded in full to
    close, and a refund of it failed after going through (a closed card: RefundFailed), so
    that money went back to the shop; 0 for any other order. (The admin's "Refund owed",
    which also counts the shop's new refunds still pending at the provider.)"""
    if order.status is not S.CANCELED or order.paid_at is None:
        return 0
    return max(order.amounts.total_minor - order.refunded_minor, 0)


def needs_email(order: OrderRecord, asker: Asker) -> bool:
    """Whether this asker must type the order's email (not signed in as its owner)."""
    return not (asker.account_id and order.account_id == asker.account_id)


def check_cancelable(order: OrderRecord) -> None:
    """Why the shopper cannot cancel this order, if they cannot."""
    if order.fulfilled_at is not None:
        raise Refusal("cancel.error.shipped")
    if order.cancel_released_at is not None:  # tried and given up: the shop settles it
        raise Refusal("cancel.error.contact" if order.cancel_by_shop else "cancel.released")
    if order.status is S.CANCELED:
        raise AlreadyDone("cancel.error.already_canceled")
    if refund_due(order) is None:
        raise Refusal("cancel.error.refunded")


def same_key(given: str, expected: str) -> bool:
    """The order link's key, compared in constant time."""
    return hmac.compare_digest(given.encode(), expected.encode())
