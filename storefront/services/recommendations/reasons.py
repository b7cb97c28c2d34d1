"""Why a product is suggested: from what two products share, or from the product a visitor
viewed that is nearest it. Never invented text.

A reason is a message key with what it names (attribute keys, a category, a brand); the
UI translates it in the shopper's language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from storefront.services.recommendations.profile import Profile
from storefront.services.search.ports import SearchDocument, Vector

# Attributes that describe what a thing is like, in the order a shopper cares about them.
DESCRIPTIVE_ATTRIBUTES = ("material", "style", "colour", "color", "finish", "pattern", "fit")


@dataclass(frozen=True, slots=True)
class Reason:
    key: str  # a message key: reason.same_attributes, reason.same_category, ...
    attributes: tuple[str, ...] = ()
    category_id: int | None = None
    brand: str = ""
    product_id: int | None = None  # "because you viewed" this product


def similarity_reason(source: SearchDocument, other: SearchDocument) -> Reason:
    """The strongest concrete thing `other` shares with `source`."""
    shared = tuple(
        key
        for key in DESCRIPTIVE_ATTRIBUTES
        if set(source.attributes.get(key, ())) & set(other.attributes.get(key, ()))
    )
    same_leaf = source.category_id is not None and source.category_id == other.category_id
    if same_leaf and shared:
        return Reason("reason.category_and_attribute", shared[:1], source.category_id)
    if len(shared) >= 2:
        return Reason("reason.same_attributes", shared[:2])
    if same_leaf:
        return Reason("reason.same_category", category_id=source.category_id)
    if shared:
        return Reason("reason.same_attributes", shared[:1])
    if source.brand and source.brand == other.brand:
        return Reason("reason.same_brand", brand=source.brand)
    return Reason("reason.similar_style")


def because_viewed(
    product_id: int, profile: Profile, vector_of: Callable[[int], Vector | None]
) -> Reason:
    """ "Because you viewed X": the product of the visitor's profile nearest `product_id`,
    its closeness weighed by the profile's weight; "your searches" when none can be told."""
    vector = vector_of(product_id)
    best: tuple[float, int] | None = None
    for seen_id, weight in profile.products:
        seen_vector = vector_of(seen_id)
        if vector is None or seen_vector is None:
            continue
        score = float(vector @ seen_vector) * (0.5 + weight)
        if best is None or score > best[0]:
            best = (score, seen_id)
    if best is None:
        return Reason("reason.your_searches")
    return Reason("reason.because_viewed", product_id=best[1])
