"""Buying from the wishlist: a kept product goes into the cart through the cart's own add path
(services/cart/service.py), so its stock, the quantity limit and its being on sale in the
shop's currency are checked as for the product page's Add to cart, at today's price. Only a
product sold in one variant goes in from the list: one with options to choose is chosen on
its page, never added blindly."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from models.views import ProductCard
from storefront.services.cart.service import ACCOUNT_GONE, Carts, CartView
from storefront.services.catalog import ProductPage

# added; sold_out; at_limit: the cart holds all it may of it already (the stock left, or 99);
# unavailable: archived, a draft, or priced in another currency since the list was shown;
# choose: it has options to choose now (a variant added since).
Outcome = Literal["added", "sold_out", "at_limit", "unavailable", "choose"]

_REFUSED: dict[str, Outcome] = {
    "cart.error.out_of_stock": "sold_out",
    "cart.error.limited": "at_limit",
}


class ProductPages(Protocol):
    """The catalog's reads (services.catalog.CatalogService), cached as the pages' are."""

    def cards(self, product_ids: Sequence[int]) -> list[ProductCard]: ...
    def product(self, slug: str) -> ProductPage | None: ...


@dataclass(frozen=True, slots=True)
class KeptAdded:
    view: CartView  # the cart as it now stands
    outcome: Outcome
    product_id: int | None = None  # the product that went in, if it did
    refusal: str | None = None  # ACCOUNT_GONE: the account closed since, nothing went in


def sku_to_add(catalog: ProductPages, slug: str) -> str | None:
    """The SKU a kept product goes into the cart as: its one variant's; "" when it has
    options to choose (several variants); None when it is no longer for sale."""
    page = catalog.product(slug)
    if page is None or not page.product.variants:
        return None
    variants = page.product.variants
    return variants[0].sku if len(variants) == 1 else ""


def ways_to_buy(catalog: ProductPages, cards: Sequence[ProductCard]) -> dict[int, str]:
    """For each kept product still for sale, `sku_to_add`; those no longer for sale are left
    out (no way to buy them)."""
    ways = {}
    for card in cards:
        sku = sku_to_add(catalog, card.slug)
        if sku is not None:
            ways[card.id] = sku
    return ways


def add_kept(
    carts: Carts,
    catalog: ProductPages,
    token_hash: str | None,
    account_id: int | None,
    product_id: int,
) -> KeptAdded:
    """One of a kept product into the owner's cart, as the product page's Add to cart puts
    it; nothing when it now has options to choose or is no longer for sale."""
    cards = catalog.cards([product_id])
    sku = sku_to_add(catalog, cards[0].slug) if cards else None
    if not sku:
        outcome: Outcome = "unavailable" if sku is None else "choose"
        return KeptAdded(carts.view(token_hash, account_id), outcome)
    added = carts.add_and_view(token_hash, account_id, sku, 1)
    if added.refusal == ACCOUNT_GONE:
        return KeptAdded(added.view, "unavailable", refusal=ACCOUNT_GONE)
    if added.quantity > 0:
        return KeptAdded(added.view, "added", added.product_id)
    return KeptAdded(added.view, _REFUSED.get(added.refusal or "", "unavailable"))
