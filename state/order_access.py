"""Which order a visitor may see on its page: the order page, its cancel and its withdrawal
all ask `order_shown_to`."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlencode

from models.views import ProductCard
from state.shop import shop
from storefront.services.orders.ports import OrderRecord
from storefront.services.orders.viewing import visible_order


def order_shown_to(reference: str, key: str, account_id: int) -> OrderRecord | None:
    """The order, for its account or its link's key (services.orders.viewing); the order
    page, its cancel and its withdrawal all ask this."""
    commerce = shop().commerce
    return visible_order(commerce.orders, reference, key, account_id) if commerce else None


def on_sale(product_ids: Iterable[int]) -> dict[int, ProductCard]:
    """The cards of those products still on sale (not archived, not a draft), by id: the
    catalog's cards, cached and dropped when a product changes."""
    catalog = shop().catalog
    return {card.id: card for card in catalog.cards(list(dict.fromkeys(product_ids)))}


def shown_with_products(
    reference: str, key: str, account_id: int
) -> tuple[OrderRecord | None, dict[int, ProductCard]]:
    """`order_shown_to`, with the cards of its products still on sale (its lines link to
    them): one trip to the worker thread."""
    order = order_shown_to(reference, key, account_id)
    if order is None:
        return None, {}
    return order, on_sale(line.product_id for line in order.lines)


def product_href(card: ProductCard | None, sku: str) -> str:
    """A past line's way to its product, on the variant bought ("" for a product no longer
    on sale: its page would say "not found")."""
    return f"/product/{card.slug}?{urlencode({'sku': sku})}" if card is not None else ""
