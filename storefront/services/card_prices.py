"""A listing's cards priced as its variant filters matched: with "180 x 200 cm" or a price
range chosen, a card shows what the matching variants cost, the price the list was sorted
and filtered by, not the product's cheapest variant ("from €37.99" in a €50 to €100 list);
a SKU searched shows its variant's price."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

import numpy as np

from models.views import ProductCard
from storefront.services.facet_table import BoolArray, FacetTable, IntArray


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


def matched_prices(
    table: FacetTable, rows: IntArray, passing: BoolArray, prices: IntArray, dearest: IntArray
) -> dict[int, MatchedPrice]:
    """The page's products (`rows` of `table`) as the variant filters matched them:
    `passing`, the variants passing every filter; `prices` and `dearest`, each product's
    lowest and highest price among them."""
    # The page's passing variants, found once: each product's are then a few among them.
    candidates = np.flatnonzero(passing & np.isin(table.variant_row, rows))
    none = np.iinfo(np.int64).max
    matched = {}
    for row in rows.tolist():
        mine = candidates[table.variant_row[candidates] == row]
        cheapest = mine[table.variant_price[mine] == prices[row]]
        cheapest = cheapest[np.argsort(~table.variant_in_stock[cheapest], kind="stable")]
        # "Was" only when each of the cheapest matching variants was (-1: one was not).
        was = int(table.variant_compare_at[cheapest].min(initial=none))
        price = int(prices[row])
        first = int(table.variant_id[cheapest[0]]) if len(cheapest) else 0
        matched[int(table.product_id[row])] = MatchedPrice(
            price,
            bool(dearest[row] != price),
            was if price < was < none else None,
            first or None,
            bool(table.variant_in_stock[mine].any()),
        )
    return matched


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


def price_range(table: FacetTable, variants: BoolArray) -> tuple[IntArray, IntArray]:
    """Each product's lowest and highest price among these variants (its own price if
    none)."""
    rows, variant_prices = table.variant_row[variants], table.variant_price[variants]
    top = np.iinfo(np.int64).max
    lowest = np.full(len(table), top, dtype=np.int64)
    np.minimum.at(lowest, rows, variant_prices)
    highest = np.full(len(table), -1, dtype=np.int64)
    np.maximum.at(highest, rows, variant_prices)
    return np.where(lowest == top, table.price, lowest), np.where(highest < 0, table.price, highest)
