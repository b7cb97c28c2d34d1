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

# added; sold_out; at_limit: the cart holds all it may of it already (the stock left, or 99);
# unavailable: archived, a draft, or priced in another currency since the list was shown;
# choose: it has options to choose now (a variant added since).
Outcome = Literal["added", "sold_out", "at_limit", "unavailable", "choose"]

_REFUSED: dict[str, Outcome] = {
    "cart.error.out_of_stock": "sold_out",
    "cart.error.limited": "at_limit",
}


class SkusToAdd(Protocol):
    """The catalog's read of how listed products are bought (services.catalog.CatalogService,
    cached per product as its cards are): one read for a whole list."""

    def skus_to_add(self, product_ids: Sequence[int]) -> dict[int, str]:
        """Each product still for sale: its one variant's SKU, "" when it has options to
        choose (several variants); those no longer for sale are left out."""
        ...


@dataclass(frozen=True, slots=True)
class KeptAdded:
    view: CartView  # the cart as it now stands
    outcome: Outcome
    product_id: int | None = None  # the product that went in, if it did
    refusal: str | None = None  # ACCOUNT_GONE: the account closed since, nothing went in


def ways_to_buy(catalog: SkusToAdd, cards: Sequence[ProductCard]) -> dict[int, str]:
    """For each kept product still for sale, the SKU its Add to cart puts in ("" for Choose
    options); those no longer for sale are left out (no way to buy them). One read for the
    whole list: reading each product's page cost three statements a product when cold."""
    return catalog.skus_to_add([card.id for card in cards])


def add_kept(
    carts: Carts,
    catalog: SkusToAdd,
    token_hash: str | None,
    account_id: int | None,
    product_id: int,
) -> KeptAdded:
    """One of a kept product into the owner's cart, as the product page's Add to cart puts
    it; nothing when it now has options to choose or is no longer for sale."""
    sku = catalog.skus_to_add([product_id]).get(product_id)  # as it stands now, not as listed
    if not sku:
        outcome: Outcome = "unavailable" if sku is None else "choose"
        return KeptAdded(carts.view(token_hash, account_id), outcome)
    added = carts.add_and_view(token_hash, account_id, sku, 1)
    if added.refusal == ACCOUNT_GONE:
        return KeptAdded(added.view, "unavailable", refusal=ACCOUNT_GONE)
    if added.quantity > 0:
        return KeptAdded(added.view, "added", added.product_id)
    return KeptAdded(added.view, _REFUSED.get(added.refusal or "", "unavailable"))
