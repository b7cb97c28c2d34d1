"""The variant a search's words name: "red dress" found red dresses, whose cards showed and
opened their first colour, teal or black (QA). A card of the results then shows, and opens
on, its variants carrying a value the words name, as a colour filter's cards do
(card_prices.py); the products themselves are ranked and filtered as before."""

from __future__ import annotations

import functools
import re
from collections.abc import Collection

import numpy as np

from storefront.services.card_prices import MatchedPrice, matched_prices, price_range
from storefront.services.facet_table import AttributeColumn, BoolArray, FacetTable, IntArray
from storefront.services.facet_values import value_token
from storefront.services.search.analysis import words as surface_words

_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b", re.IGNORECASE)


@functools.lru_cache(maxsize=256)
def _label_index(
    labels: tuple[str, ...],
) -> tuple[tuple[frozenset[str], ...], dict[str, list[int]]]:
    """Each label's words ('Navy Blue' -> {'navy', 'blue'}), and the labels holding each
    word: built once per option's labels, not per keystroke."""
    word_sets = tuple(frozenset(value_token(label).split("-")) - {""} for label in labels)
    holding: dict[str, list[int]] = {}
    for i, label_words in enumerate(word_sets):
        for word in label_words:
            holding.setdefault(word, []).append(i)
    return word_sets, holding


def _named_in(column: AttributeColumn, said: set[str], size: int) -> BoolArray | None:
    """Variants carrying a value of this option every word of which is among `said` ("red"
    names Red, "navy blue" Navy Blue, "42" the size 42), None when none is named. Of two
    values named, the one inside the other is not: "navy blue" names Navy Blue, not Blue."""
    word_sets, holding = _label_index(column.labels)
    candidates = {i for word in said for i in holding.get(word, ())}
    named = [i for i in candidates if word_sets[i] <= said]
    hits = [i for i in named if not any(word_sets[i] < word_sets[j] for j in named)]
    if not hits:
        return None
    mask = np.zeros(size, dtype=np.bool_)
    mask[column.variants[np.isin(column.values, hits)]] = True
    return mask


def naming_words(text: str) -> list[str]:
    """The words of a search that may name a value: a possessive's "s" is none ("women's
    dress" named the size S)."""
    return surface_words(_POSSESSIVE.sub("", text))


def named_matches(
    table: FacetTable, rows: IntArray, passing: BoolArray, words: Collection[str]
) -> dict[int, MatchedPrice]:
    """The page's products (`rows`) whose variants passing the filters (`passing`) the words
    tell apart, priced and linked as the variants they name. An option tells them apart
    when the words name some of a product's variants by it, not all: "hardened steel red"
    names every variant of a steel light by its material, and the red one by its colour."""
    if not words:
        return {}
    wanted, size = set(words), len(table)
    passing_count = np.bincount(table.variant_row[passing], minlength=size)
    kept = passing.copy()  # each product's variants the words leave it, option by option
    told = np.zeros(size, dtype=np.bool_)  # products some option told apart
    for column in table.attributes.values():
        in_column = _named_in(column, wanted, kept.shape[0])
        if in_column is None:
            continue
        named = passing & in_column
        if not named.any():
            continue
        count = np.bincount(table.variant_row[named], minlength=size)
        telling = (count > 0) & (count < passing_count)
        kept &= named | ~telling[table.variant_row]
        told |= telling
    variants = kept & told[table.variant_row]
    # A product left no variant ("red 42" of one with no red 42) keeps its card as it is.
    held = np.bincount(table.variant_row[variants], minlength=size) > 0
    chosen = rows[held[rows]]
    if not len(chosen):
        return {}
    lowest, highest = price_range(table, variants)
    return matched_prices(table, chosen, variants, lowest, highest)


def named_among(
    table: FacetTable,
    product_ids: Collection[int],
    words: Collection[str],
    price: tuple[int | None, int | None] | None = None,
) -> dict[int, MatchedPrice]:
    """As `named_matches`, for these products with no filter (the search box's results), or
    with a `price` range said in the words ("dress under 50", price_words.py): then each of
    them with a variant in it is in the answer, priced as its variants there, and the
    others are not (they are no result)."""
    if not product_ids or (not words and price is None):
        return {}
    rows = np.flatnonzero(np.isin(table.product_id, list(product_ids)))
    if price is None:
        everything = np.ones(table.variant_row.shape[0], dtype=np.bool_)
        return named_matches(table, rows, everything, words)
    low, high = price
    within = (table.variant_price >= (-1 if low is None else low)) & (
        table.variant_price <= (np.iinfo(np.int64).max if high is None else high)
    )
    held = np.bincount(table.variant_row[within], minlength=len(table)) > 0
    rows = rows[held[rows]]
    lowest, highest = price_range(table, within)
    priced = matched_prices(table, rows, within, lowest, highest)
    return priced | named_matches(table, rows, within, words)
