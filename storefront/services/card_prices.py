"""A listing's cards priced as its variant filters matched: with "180 x 200 cm" or a price
range chosen, a card shows what the matching variants cost, the price the list was sorted
and filtered by, not the product's cheapest variant ("from €37.99" in a €50 to €100 list);
a SKU searched shows its variant's price."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from models.views import ProductCard


@dataclass(frozen=True, slots=True)
class MatchedPrice:
    """What a product costs among the variants that matched: the lowest price, whether the
    others differ ("from"), that cheapest variant's own "was" price and id, and whether any
    of them is in stock."""

    price_minor: int
    varies: bool = False
    compare_at_minor: int | None = None
    variant_id: int | None = None  # that variant: the card's link opens on it
    in_stock: bool = True  # whether one of the matching variants can be bought now


def priced_as_matched(
    cards: Iterable[ProductCard], matched: Mapping[int, MatchedPrice]
) -> tuple[ProductCard, ...]:
    """Each card at its matched price (`matched`: by product id); the others as they are."""
    return tuple(_priced(card, matched.get(card.id)) for card in cards)


def _priced(card: ProductCard, matched: MatchedPrice | None) -> ProductCard:
    if matched is None:
        return card
    # The variant's own "was" price: the product's is another variant's (a size that is
    # not reduced showed "was €80"; review).
    return replace(
        card,
        price_minor=matched.price_minor,
        price_varies=matched.varies,
        compare_at_minor=matched.compare_at_minor,
        variant_id=matched.variant_id,
        in_stock=card.in_stock and matched.in_stock,
    )
