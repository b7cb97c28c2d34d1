"""Who may see which order: the holder of its key (the confirmation page, the mail's link)
or the account that placed it."""

from __future__ import annotations

import hmac

from models.orders import OrderStatus
from storefront.services.orders.ports import OrderRecord, OrderStore
from storefront.services.orders.status import SHIPPING, UNPAID

HISTORY_LIMIT = 50


def order_url(public_url: str, order: OrderRecord) -> str:
    """The order page's address with its key, as the shop's mails link it."""
    return f"{public_url.rstrip('/')}/order/{order.reference}?key={order.access_key}"


def visible_order(
    orders: OrderStore, reference: str, key: str, account_id: int | None
) -> OrderRecord | None:
    """The order, or None when it does not exist or this visitor may not see it."""
    order = orders.by_reference(reference.strip().upper()[:16]) if reference.strip() else None
    if order is None:
        return None
    if key and order.access_key and hmac.compare_digest(key.encode(), order.access_key.encode()):
        return order
    if account_id and order.account_id == account_id:
        return order
    return None


def order_history(orders: OrderStore, account_id: int) -> list[OrderRecord]:
    """The account's orders, newest first; attempts canceled before any payment (a card
    declined and tried again, a checkout abandoned) are not orders to the shopper; one they
    canceled themselves is, canceled."""
    if not account_id:
        return []
    return orders.for_account(account_id, HISTORY_LIMIT, hiding=frozenset({OrderStatus.CANCELED}))


def offers_buying_again(order: OrderRecord) -> bool:
    """Whether its page offers to buy it again: any order but one waiting for its payment,
    whose lines its cart holds still (checkout pays them; a paid order's left the cart)."""
    return order.status not in UNPAID


def not_shipped_yet(order: OrderRecord) -> bool:
    """Paid and not shipped: it still ships (or, its cancel asked, is refunded) whatever
    becomes of the account it was placed in; closing the account says so."""
    return order.status in SHIPPING and order.fulfilled_at is None
