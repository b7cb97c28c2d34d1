"""The variant a search's words name: "red dress" found red dresses, whose cards showed and
opened their first colour, teal or black (QA). A card of the results then shows, and opens
on, its variants carrying a value the words name, as a colour filter's cards do
(card_prices.py); the products themselves are ranked and filtered as before."""

from __future__ import annotations

from collections.abc import Collection

import numpy as np

from storefront.services.card_prices import MatchedPrice, matched_prices
from storefront.services.facet_table import BoolArray, FacetTable, IntArray
from storefront.services.facet_values import value_token


def named_variants(table: FacetTable, words: Collection[str]) -> BoolArray:
    """Variants carrying an option value every word of which is among `words` (folded
    surface words): "red" names Red, "navy blue" names Navy Blue, "42" the size 42."""
    wanted = set(words)
    named = np.zeros(table.variant_row.shape[0], dtype=np.bool_)
    for column in table.attributes.values():
        hits = [
            i
            for i, label in enumerate(column.labels)
            if (parts := set(value_token(label).split("-")) - {""}) and parts <= wanted
        ]
        if hits:
            named[column.variants[np.isin(column.values, hits)]] = True
    return named


def named_matches(
    table: FacetTable, rows: IntArray, passing: BoolArray, words: Collection[str]
) -> dict[int, MatchedPrice]:
    """The page's products (`rows`) whose variants passing the filters (`passing`) are told
    apart by the words (some named, not all), priced and linked as those named variants."""
    if not words:
        return {}
    named = passing & named_variants(table, words)
    if not named.any():
        return {}
    size = len(table)
    named_count = np.bincount(table.variant_row[named], minlength=size)
    passing_count = np.bincount(table.variant_row[passing], minlength=size)
    telling = (named_count > 0) & (named_count < passing_count)  # the words choose among them
    chosen = rows[telling[rows]]
    if not len(chosen):
        return {}
    variants = named & telling[table.variant_row]
    lowest, highest = _price_range(table, variants)
    return matched_prices(table, chosen, variants, lowest, highest)


def _price_range(table: FacetTable, variants: BoolArray) -> tuple[IntArray, IntArray]:
    """Each product's lowest and highest price among these variants."""
    rows, prices = table.variant_row[variants], table.variant_price[variants]
    lowest = np.full(len(table), np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(lowest, rows, prices)
    highest = np.full(len(table), -1, dtype=np.int64)
    np.maximum.at(highest, rows, prices)
    return lowest, highest
