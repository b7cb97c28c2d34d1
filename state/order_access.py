"""Which order a visitor may see on its page: the order page, its cancel and its withdrawal
all ask `order_shown_to`."""

from __future__ import annotations

from state.shop import shop
from storefront.services.orders.ports import OrderRecord
from storefront.services.orders.viewing import visible_order


def order_shown_to(reference: str, key: str, account_id: int) -> OrderRecord | None:
    """The order, for its account or its link's key (services.orders.viewing); the order
    page, its cancel and its withdrawal all ask this."""
    commerce = shop().commerce
    return visible_order(commerce.orders, reference, key, account_id) if commerce else None
