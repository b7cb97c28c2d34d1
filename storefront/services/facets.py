"""Filtering, disjunctive facet counts, sorting and paging over a category's products.

Counts are disjunctive, as shoppers expect: the brand facet counts products that pass every
filter except the brand one, so ticking a second brand is always possible. Everything is a
numpy operation over the category's FacetTable, so a department of thousands of products
takes a millisecond or two.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from models.views import BrandView
from storefront.services.card_prices import MatchedPrice, matched_prices, price_range
from storefront.services.category_tree import CategoryTree
from storefront.services.facet_table import (
    PRIOR_MEAN,
    PRIOR_WEIGHT,
    AttributeColumn,
    BoolArray,
    FacetTable,
    FloatArray,
    IntArray,
)
from storefront.services.facet_values import (
    RATING_STEPS,
    Facet,
    FacetValue,
    attribute_values,
    brand_values,
    price_values,
    rating_values,
    value_token,
)
from storefront.services.listing_query import ListingQuery, Sort
from storefront.services.named_variants import named_matches
from storefront.services.paging import page_count
from storefront.services.price_buckets import price_buckets
from storefront.services.unknown_choices import UnknownChoice, known_choices, offered_by

MAX_AUTO_ATTRIBUTE_FACETS = 4


@dataclass(frozen=True, slots=True)
class FacetResult:
    page_ids: tuple[int, ...]
    total: int
    page: int
    page_count: int
    facets: tuple[Facet, ...]
    # Every choice of the query is one these facets offer and its page exists: the query
    # could come from the shop's own links, not from a made-up URL.
    canonical: bool
    # The query as run: without the values no product here carries, which are named apart.
    query: ListingQuery
    unknown: tuple[UnknownChoice, ...] = ()
    # With a variant filter on, what each product of the page costs among the variants
    # passing it, and whether those differ in price: its card shows that, as the price
    # filter and sort went by it (card_prices.py).
    matched_prices: Mapping[int, MatchedPrice] = field(default_factory=dict)


def run_facets(
    table: FacetTable,
    query: ListingQuery,
    *,
    tree: CategoryTree,
    brands: Mapping[int, BrandView],
    category_id: int | None,
    page_size: int,
    ranked_ids: Sequence[int] | None = None,
    named_by: Collection[str] = (),
) -> FacetResult:
    """Filter, count, sort and page a category's products (as columns) for `query`.

    With `ranked_ids` (search results, best first) only those products take part, and the
    default sort keeps their rank; `named_by`, the search's words, pick the variant a card
    shows where they name one (named_variants.py). Brand and attribute values that none of
    the products carries are left out (unknown_choices.py).
    """
    query, unknown = known_choices(table, query, brands)
    attribute_filters = [(key, tokens) for key, tokens in query.attributes if tokens]
    facet_keys = _attribute_facet_keys(table, tree.facet_keys(category_id), attribute_filters)
    buckets = price_buckets(table.price.tolist(), query.currency)

    # One boolean mask per active filter group; a facet counts the rows passing every
    # group but its own (disjunctive counting). Price, stock and attribute values belong to
    # variants: a product passes them when one of its variants passes them all, so that
    # "size 42, coral, in stock, under 50" is a coral size-42 variant under 50 that can be
    # bought now.
    masks: dict[str, BoolArray] = {}
    variant_masks: dict[str, BoolArray] = {}
    if query.brands:
        wanted = [b.id for b in brands.values() if b.slug in query.brands]
        masks["brand"] = np.isin(table.brand_id, wanted)
    if query.price_min is not None or query.price_max is not None:
        low = query.price_min if query.price_min is not None else -1
        high = query.price_max if query.price_max is not None else np.iinfo(np.int64).max
        variant_masks["price"] = (table.variant_price >= low) & (table.variant_price <= high)
    if query.min_rating:
        masks["rating"] = _shown_rating(table.rating) >= query.min_rating
    if query.in_stock:
        variant_masks["stock"] = table.variant_in_stock
    for key, tokens in attribute_filters:
        variant_masks[f"attr:{key}"] = _attribute_mask(table, key, tokens)

    rank: IntArray | None = None
    if ranked_ids is None:
        everything = np.ones(len(table), dtype=np.bool_)
    else:
        rank = _rank_column(table, ranked_ids)
        everything = rank >= 0
    # Products with a variant passing every variant-level group (all, when none is active),
    # and what a product costs here: its price, or with a variant filter on, its cheapest
    # variant passing them all (sorted by price, "king size" goes by the king's price).
    offered, prices, dearest = everything, table.price, table.price
    passing = np.ones(table.variant_row.shape[0], dtype=np.bool_)
    if variant_masks:
        passing = _all_but(variant_masks, None, passing)
        offered = everything & _products_of(table, passing)
        prices, dearest = price_range(table, passing)
    products = _all_but(masks, None, everything)
    matched = products & offered

    def base(group: str) -> BoolArray:
        """Products passing every group but `group`, a product-level one."""
        return _all_but(masks, group, offered)

    def variants_but(group: str) -> BoolArray:
        """Variants passing every variant-level group but `group`, of products passing
        every product-level group."""
        return _all_but(variant_masks, group, products[table.variant_row])

    order = _sorted_indices(
        table, np.flatnonzero(matched), query.sort, prices, passing=passing, rank=rank
    )
    total = int(order.shape[0])
    pages = page_count(total, page_size)
    page = min(query.page, pages)
    start = (page - 1) * page_size
    rows = order[start : start + page_size]
    page_ids = tuple(int(i) for i in table.product_id[rows])
    as_matched = matched_prices(table, rows, passing, prices, dearest) if variant_masks else {}
    if query.sort not in (Sort.PRICE_ASC, Sort.PRICE_DESC):  # the prices sorted by stay shown
        as_matched |= named_matches(table, rows, passing, named_by)

    facets: list[Facet] = []
    category_values = _category_values(table, matched, tree, category_id)
    if category_values:
        facets.append(Facet("category", "category", category_values))
    brand_counts = Counter(table.brand_id[base("brand")].tolist())
    facets.append(Facet("brand", "brand", brand_values(brand_counts, brands, query)))
    price_counts = _price_counts(table, variants_but("price"), buckets)
    own_range = None  # the count of the URL's own price range, when it is no bucket
    if "price" in variant_masks:
        within = variants_but("price") & variant_masks["price"]
        own_range = int(_products_of(table, within).sum())
    facets.append(Facet("price", "price", price_values(buckets, price_counts, query, own_range)))
    ratings = _shown_rating(table.rating[base("rating")])
    rating_counts = Counter({step: int((ratings >= step).sum()) for step in RATING_STEPS})
    facets.append(Facet("rating", "rating", rating_values(rating_counts, query)))
    stock_count = int(_products_of(table, variants_but("stock") & table.variant_in_stock).sum())
    facets.append(
        Facet("stock", "stock", (FacetValue("1", "in_stock", stock_count, query.in_stock),))
    )
    for key in facet_keys:
        counts = _attribute_counts(table, key, variants_but(f"attr:{key}"))
        column = table.attributes.get(key)
        labels = column.labels if column is not None else ()
        values = attribute_values(counts, query.attribute_values(key), labels)
        if values:
            facets.append(Facet(key, "attribute", values))
    canonical = not unknown and query.page <= pages and offered_by(table, query, brands, buckets)
    return FacetResult(
        page_ids, total, page, pages, tuple(facets), canonical, query, unknown, as_matched
    )


def _all_but(masks: dict[str, BoolArray], left_out: str | None, start: BoolArray) -> BoolArray:
    result = start
    for name, mask in masks.items():
        if name != left_out:
            result = result & mask
    return result


def _products_of(table: FacetTable, variants: BoolArray) -> BoolArray:
    """Products having at least one of these variants."""
    products = np.zeros(len(table), dtype=np.bool_)
    products[table.variant_row[variants]] = True
    return products


def _attribute_mask(table: FacetTable, key: str, tokens: frozenset[str]) -> BoolArray:
    """Variants carrying one of these values."""
    mask = np.zeros(table.variant_row.shape[0], dtype=np.bool_)
    column = table.attributes.get(key)
    if column is None:
        return mask
    wanted = [i for i, label in enumerate(column.labels) if value_token(label) in tokens]
    mask[column.variants[np.isin(column.values, wanted)]] = True
    return mask


def _attribute_counts(table: FacetTable, key: str, variants_wanted: BoolArray) -> Counter[str]:
    """Products per value, counting a product once however many wanted variants carry it."""
    column = table.attributes.get(key)
    if column is None:
        return Counter()
    kept = variants_wanted[column.variants]
    products = table.variant_row[column.variants[kept]]
    values = column.values[kept]
    # Pairs are sorted by product then value: a repeat sits right after its first.
    first = np.ones(values.shape[0], dtype=np.bool_)
    first[1:] = (products[1:] != products[:-1]) | (values[1:] != values[:-1])
    counts = np.bincount(values[first], minlength=len(column.labels))
    return Counter({label: int(n) for label, n in zip(column.labels, counts, strict=True) if n})


def _price_counts(
    table: FacetTable, variants: BoolArray, buckets: Sequence[tuple[int, int | None]]
) -> Counter[int]:
    """Products per price range, a product counted once in each range one of these
    variants of it falls in."""
    if not buckets:
        return Counter()
    edges = np.array([high for _, high in buckets[:-1]], dtype=np.int64)
    ranges = np.searchsorted(edges, table.variant_price[variants], side="right")
    pairs = np.unique(table.variant_row[variants] * len(buckets) + ranges)
    counts = np.bincount(pairs % len(buckets), minlength=len(buckets))
    return Counter({i: int(n) for i, n in enumerate(counts)})


def _category_values(
    table: FacetTable, matched: BoolArray, tree: CategoryTree, category_id: int | None
) -> tuple[FacetValue, ...]:
    children = tree.children(category_id) if category_id is not None else tree.roots()
    present = Counter(table.category_id[matched].tolist())
    values = []
    for child in children:
        count = sum(present.get(cid, 0) for cid in tree.subtree_ids(child.id))
        if count:
            values.append(FacetValue(child.slug, child.name, count, False, child.name_i18n))
    return tuple(values)


def _rank_column(table: FacetTable, ranked_ids: Sequence[int]) -> IntArray:
    """Each row's position in `ranked_ids`, -1 for rows not in it."""
    rank = np.full(len(table), -1, dtype=np.int64)
    ids = np.asarray(ranked_ids, dtype=np.int64)
    order = np.argsort(table.product_id, kind="stable")
    found = np.searchsorted(table.product_id[order], ids)
    found = np.clip(found, 0, max(len(table) - 1, 0))
    if len(table):
        hit = table.product_id[order][found] == ids
        rank[order[found[hit]]] = np.flatnonzero(hit)
    return rank


def _sorted_indices(
    table: FacetTable,
    indices: IntArray,
    sort: Sort,
    prices: IntArray,
    *,
    passing: BoolArray,
    rank: IntArray | None = None,
) -> IntArray:
    """Row indices in display order (by `prices` for the price sorts); ties always broken
    by product id, for stable pages. Best rated trusts a rating as far as its reviews go
    (`popularity`: 5.0 from 6 reviews ranked above 4.9 from 211; QA), the unrated last. A
    category's featured order puts the products sold out after the others (four sold-out
    cards opened a page of lamps; QA); a search's keeps its ranking, whose best match the
    shopper may be looking for."""
    ids = table.product_id[indices]
    if sort is Sort.FEATURED and rank is not None:
        keys: tuple[npt.NDArray[np.generic], ...] = (rank[indices],)
    elif sort is Sort.PRICE_ASC:
        keys = (ids, prices[indices])
    elif sort is Sort.PRICE_DESC:
        keys = (ids, -prices[indices])
    elif sort is Sort.NEWEST:
        keys = (ids, -table.created[indices])
    elif sort is Sort.RATING:
        keys = (ids, -table.popularity[indices], table.reviews[indices] == 0)
    else:
        # In stock as the filters ask (`passing`): size 42 chosen, a product whose 42 is
        # sold out is sold out. Found for this sort alone: it walks every variant.
        sold_out = ~_products_of(table, passing & table.variant_in_stock)[indices]
        keys = (ids, -table.popularity[indices], ~table.featured[indices], sold_out)
    result: IntArray = indices[np.lexsort(keys)]
    return result


def _attribute_facet_keys(
    table: FacetTable,
    configured: tuple[str, ...],
    filters: list[tuple[str, frozenset[str]]],
) -> tuple[str, ...]:
    """The category's configured keys, or the most common ones for uncurated catalogs."""
    keys = list(configured)
    if not keys and len(table):
        coverage = Counter(
            {key: _products_carrying(table, column) for key, column in table.attributes.items()}
        )
        threshold = max(1, len(table) // 10)
        keys = [k for k, n in coverage.most_common(MAX_AUTO_ATTRIBUTE_FACETS) if n >= threshold]
    # A filter in the URL keeps its facet visible, so it can always be removed.
    keys += [key for key, _ in filters if key not in keys]
    return tuple(keys)


def _products_carrying(table: FacetTable, column: AttributeColumn) -> int:
    """How many products carry some value of the column (its pairs are sorted by product)."""
    products = table.variant_row[column.variants]
    if not products.shape[0]:
        return 0
    return 1 + int(np.count_nonzero(products[1:] != products[:-1]))


def _shown_rating(ratings: FloatArray) -> FloatArray:
    """Ratings as cards show them (facet_values.shown_rating, on arrays): a 3.96 shown as
    4.0 is "4 and up"."""
    shown: FloatArray = np.floor(ratings * 10 + 0.5) / 10
    return shown


def popularity(rating: float, review_count: int) -> float:
    """A rating trusted in proportion to its evidence: 4.9 from 3 reviews < 4.6 from 400."""
    return (rating * review_count + PRIOR_MEAN * PRIOR_WEIGHT) / (review_count + PRIOR_WEIGHT)
