"""How a facet's values are shown to the shopper: which of them, in what order, under which
URL token and label (the counts come from facets.py)."""

from __future__ import annotations

import functools
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from models.views import BrandView
from storefront.services.listing_query import ListingQuery
from storefront.services.slugs import slugify

FacetKind = Literal["category", "brand", "price", "rating", "stock", "attribute"]
RATING_STEPS = (4, 3, 2, 1)


def shown_rating(rating: float) -> float:
    """A rating as shoppers see it, to one decimal (halves up): the "4 and up" filter goes by
    it too (facets.py does the same sum on its arrays)."""
    return math.floor(rating * 10 + 0.5) / 10


MAX_ATTRIBUTE_VALUES = 16
MAX_BRAND_VALUES = 16
_SIZE_ORDER = {
    size: rank
    for rank, size in enumerate(
        ["xxs", "xs", "s", "m", "l", "xl", "xxl", "2xl", "xxxl", "3xl", "4xl", "one-size"]
    )
}


@dataclass(frozen=True, slots=True)
class FacetValue:
    token: str
    label: str
    count: int
    selected: bool
    label_i18n: Mapping[str, str] = field(default_factory=dict)
    # Price ranges only: bounds in minor units, formatted per locale by the UI.
    low: int | None = None
    high: int | None = None


@dataclass(frozen=True, slots=True)
class Facet:
    key: str
    kind: FacetKind
    values: tuple[FacetValue, ...]


@functools.lru_cache(maxsize=65_536)
def value_token(value: str) -> str:
    """The URL token of a facet value ('Navy Blue' -> 'navy-blue')."""
    return slugify(value, max_length=60)


def price_values(
    buckets: Sequence[tuple[int, int | None]],
    counts: Counter[int],
    query: ListingQuery,
    own_range: int | None = None,
) -> tuple[FacetValue, ...]:
    """The listing's price ranges; a range of the URL that is none of them (a link shared or
    edited: `?price=500-1000`) is listed too, ticked, with `own_range` products: it filters
    the page, so the page says so, and unticking it clears it."""
    values = []
    for index, (low, high) in enumerate(buckets):
        # A bucket [low, high) is offered as the URL range low..high-0.01.
        bucket_query = query.with_price(low or None, None if high is None else high - 1)
        token = bucket_query.price_param()
        selected = (query.price_min, query.price_max) == (
            bucket_query.price_min,
            bucket_query.price_max,
        )
        if not counts[index] and not selected:  # "Over €250.00 (0)": nothing to find
            continue
        label = f"{low}-{'' if high is None else high}"
        values.append(FacetValue(token, label, counts[index], selected, low=low, high=high))
    ranged = query.price_min is not None or query.price_max is not None
    if ranged and own_range is not None and not any(value.selected for value in values):
        low, high = query.price_min or 0, query.price_max  # shown as its bounds, "€500 – €1,000"
        if not low and high is not None:
            # Shown as "Under €40.00", as a range's upper bound is (one cent above the last
            # price in it): "lamp under 40" said "Under €39.99", which 39.99 is not (QA).
            high += 1
        label = f"{low}-{'' if high is None else high}"
        values.append(FacetValue(query.price_param(), label, own_range, True, low=low, high=high))
    return tuple(values)


def rating_values(counts: Counter[int], query: ListingQuery) -> tuple[FacetValue, ...]:
    return tuple(
        FacetValue(str(step), str(step), counts[step], query.min_rating == step)
        for step in RATING_STEPS
    )


def brand_values(
    counts: Counter[int | None], brands: Mapping[int, BrandView], query: ListingQuery
) -> tuple[FacetValue, ...]:
    present = {bid for bid in counts if bid is not None and bid in brands}
    present |= {b.id for b in brands.values() if b.slug in query.brands}
    ranked = sorted(
        (brands[bid] for bid in present),
        key=lambda b: (-counts[b.id], b.name.casefold()),
    )
    shown = ranked[:MAX_BRAND_VALUES]
    shown += [b for b in ranked[MAX_BRAND_VALUES:] if b.slug in query.brands]
    shown.sort(key=lambda b: b.name.casefold())
    return tuple(FacetValue(b.slug, b.name, counts[b.id], b.slug in query.brands) for b in shown)


def attribute_values(
    counts: Counter[str], selected: frozenset[str], labels: Iterable[str] = ()
) -> tuple[FacetValue, ...]:
    """The values to offer, with their counts; a chosen one matching nothing stays, named
    as the products write it (`labels`: the listing's values), not as the link does."""
    by_token: dict[str, tuple[str, int]] = {}
    for value, count in counts.items():
        token = value_token(value)
        label, previous = by_token.get(token, (value, 0))
        by_token[token] = (label, previous + count)
    named = {value_token(label): label for label in labels}
    for token in selected - by_token.keys():
        by_token[token] = (named.get(token, token), 0)  # still shown, so that it can be unticked
    ranked = sorted(by_token.items(), key=lambda item: (-item[1][1], item[0]))
    shown = ranked[:MAX_ATTRIBUTE_VALUES]
    shown += [item for item in ranked[MAX_ATTRIBUTE_VALUES:] if item[0] in selected]
    shown.sort(key=lambda item: _natural_order(item[1][0]))
    return tuple(FacetValue(tok, label, n, tok in selected) for tok, (label, n) in shown)


def _natural_order(label: str) -> tuple[int, float, str]:
    folded = label.casefold()
    if folded in _SIZE_ORDER:
        return (0, _SIZE_ORDER[folded], folded)
    number = _leading_number(folded)
    if number is not None:
        return (1, number, folded)
    return (2, 0.0, folded)


def _leading_number(text: str) -> float | None:
    digits = ""
    for char in text:
        if char.isdigit() or (char == "." and digits and "." not in digits):
            digits += char
        else:
            break
    try:
        return float(digits) if digits else None
    except ValueError:
        return None
