"""Another tab's payment attempt for the same cart: left alone while it is being confirmed
(not once the page's script refused its card details), and, once a newer attempt replaced
it, which one (for the tab that made it to be told)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from models.orders import OrderStatus
from storefront.services.checkout.quotes import CheckoutError
from storefront.services.orders.ports import OrderRecord, OrderStore
from storefront.services.orders.status import UNPAID

# Placed, its card on its way to being confirmed (tokenised in the browser, then confirmed
# by the server: a few seconds; a provider retrying, up to a minute). Canceling it then
# raced its confirmation, which failed, and its tab ended on a canceled order (QA). An
# attempt waiting for 3-D Secure is not spared: the server cannot tell the bank's window
# open in a tab from one closed with its tab, and sparing it locked the shopper out of
# paying anywhere else meanwhile; its tab, if still open, is told what replaced it.
CONFIRMING = timedelta(minutes=2)
_PAID = (OrderStatus.PAID, OrderStatus.FULFILLED)


def under_way(order: OrderRecord, now: datetime) -> bool:
    """Whether this unpaid attempt is being confirmed right now (placed within
    CONFIRMING, no answer from the provider yet). Another tab does not cancel it. One whose
    card details the page's payment script refused is not: no card is on its way, and the
    other tab, its own card typed, was sent away for 2 minutes (QA)."""
    since = order.updated_at or order.created_at
    fresh = order.card_refused_at is None and now - since < CONFIRMING
    return order.status is OrderStatus.PENDING and fresh


def yield_to_others(
    orders: OrderStore, others: Iterable[int], now: datetime, ask: Callable[[int], OrderStatus]
) -> None:
    """Another tab's attempt being confirmed (under_way) is left to finish: canceled, its
    confirmation failed and its tab ended on a canceled order (QA). The provider is asked
    first (`ask`: the order's status once settled from its intent): paid meanwhile, the
    caller finds it so."""
    for order_id in sorted(others):
        other = orders.get(order_id)
        if other is not None and under_way(other, now) and ask(order_id) in UNPAID:
            raise CheckoutError("checkout.error.in_progress")


def replacement(orders: OrderStore, order: OrderRecord) -> OrderRecord | None:
    """The newer attempt of `order`'s cart that took its place, once `order` was canceled
    unpaid: the one paid since if any, else the newest still unpaid; None otherwise (it was
    canceled for another reason: its shopper, the shop, left too long)."""
    cart_id = order.cart_id
    if cart_id is None or order.status is not OrderStatus.CANCELED or order.paid_at:
        return None
    paid = orders.paid_for_cart_since(cart_id, order.created_at)
    if paid is not None and paid > order.id:
        return orders.get(paid)
    newer = [other for other in orders.unpaid_for_cart(cart_id) if other > order.id]
    return orders.get(max(newer)) if newer else None


def is_paid(order: OrderRecord) -> bool:
    return order.status in _PAID
