"""Filter values a listing does not know: a brand or attribute value that none of its
products carries (a brand since removed, an old or edited link). They are left out of the
query, and named, rather than filtering the listing down to nothing. And whether a query's
choices are all the listing's own (offered_by): only then is its page canonical."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from models.views import BrandView
from storefront.services.facet_table import FacetTable
from storefront.services.facet_values import RATING_STEPS, value_token
from storefront.services.listing_query import ListingQuery


@dataclass(frozen=True, slots=True)
class UnknownChoice:
    kind: Literal["brand", "attribute", "category"]
    key: str  # "brand", "category" (a search's), or the attribute's key
    token: str  # as the URL wrote it


def known_choices(
    table: FacetTable, query: ListingQuery, brands: Mapping[int, BrandView]
) -> tuple[ListingQuery, tuple[UnknownChoice, ...]]:
    """`query` without the brand and attribute values no product of `table` carries, and
    those values, in the URL's order. A value known here but matching nothing under the
    other filters stays: the shopper unticks it in its facet."""
    if not query.brands and not query.attributes:
        return query, ()
    unknown: list[UnknownChoice] = []
    brand_set = query.brands
    if query.brands:
        present = set(table.brand_id.tolist())
        known = {b.slug for b in brands.values() if b.id in present}
        unknown += [UnknownChoice("brand", "brand", t) for t in sorted(query.brands - known)]
        brand_set = query.brands & known
    attributes: list[tuple[str, frozenset[str]]] = []
    for key, tokens in query.attributes:
        column = table.attributes.get(key)
        offered = {value_token(label) for label in column.labels} if column else set()
        unknown += [UnknownChoice("attribute", key, t) for t in sorted(tokens - offered)]
        if tokens & offered:
            attributes.append((key, tokens & offered))
    if not unknown:
        return query, ()
    return replace(query, brands=brand_set, attributes=tuple(attributes)), tuple(unknown)


def offered_by(
    table: FacetTable,
    query: ListingQuery,
    brands: Mapping[int, BrandView],
    buckets: Sequence[tuple[int, int | None]],
) -> bool:
    """Whether each choice of `query` is one of the listing's own: a brand or attribute
    value of its products, one of its price ranges (as facet_values.price_values writes them), a
    rating step."""
    if query.min_rating is not None and query.min_rating not in RATING_STEPS:
        return False
    if query.price_min is not None or query.price_max is not None:
        ranges = {(low or None, None if high is None else high - 1) for low, high in buckets}
        if (query.price_min, query.price_max) not in ranges:
            return False
    if query.brands:
        present = set(table.brand_id.tolist())
        if not query.brands <= {b.slug for b in brands.values() if b.id in present}:
            return False
    for key, tokens in query.attributes:
        column = table.attributes.get(key)
        if not tokens or column is None:
            return False
        if not tokens <= {value_token(label) for label in column.labels}:
            return False
    return True
