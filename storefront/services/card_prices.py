"""A listing's cards priced as its variant filters matched: with "180 x 200 cm" or a price
range chosen, a card shows what the matching variants cost, the price the list was sorted
and filtered by, not the product's cheapest variant ("from €37.99" in a €50 to €100 list)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from models.views import ProductCard


def priced_as_matched(
    cards: Iterable[ProductCard], matched: Mapping[int, tuple[int, bool]]
) -> tuple[ProductCard, ...]:
    """Each card at its matched price (`matched`: product id to the lowest price of its
    matching variants and whether they differ), "from" when they do. A "was" price is kept
    only with the price it was given for: the facet columns know no variant's."""
    return tuple(_priced(card, matched.get(card.id)) for card in cards)


def _priced(card: ProductCard, matched: tuple[int, bool] | None) -> ProductCard:
    if matched is None or matched == (card.price_minor, card.price_varies):
        return card
    price, varies = matched
    was = card.compare_at_minor if price == card.price_minor else None
    return replace(card, price_minor=price, price_varies=varies, compare_at_minor=was)
