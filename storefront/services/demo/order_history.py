"""A purchase history for the demo shop, so "frequently bought together" has orders to learn
from on a fresh install. Deterministic, and shaped like real baskets: each category has a
few companion categories in its department (lamps with shades and bulbs), and companions
tend to share a style, material or colour with the product they go with."""

from __future__ import annotations

import itertools
import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from storefront.services.search.ports import SearchDocument

COMPANION_CATEGORIES = 2
MATCHING_ATTRIBUTES = ("style", "material", "colour")


@dataclass(frozen=True, slots=True)
class DemoOrder:
    product_ids: tuple[int, ...]


def demo_orders(
    documents: Sequence[SearchDocument], count: int, *, seed: int = 2026
) -> list[DemoOrder]:
    """`count` baskets of 2 to 4 products."""
    rng = random.Random(seed)
    docs = sorted(documents, key=lambda d: d.product_id)
    if len(docs) < 2:
        return []
    by_leaf: dict[int | None, list[SearchDocument]] = defaultdict(list)
    for doc in docs:
        by_leaf[doc.category_id].append(doc)
    by_department: dict[str, list[int | None]] = defaultdict(list)
    for leaf, members in by_leaf.items():
        department = members[0].category_path[0] if members[0].category_path else ""
        by_department[department].append(leaf)
    companions = {}
    for leaves in by_department.values():
        for leaf in leaves:
            others = [other for other in leaves if other != leaf]
            companions[leaf] = rng.sample(others, min(COMPANION_CATEGORIES, len(others)))
    cumulative = list(itertools.accumulate(1.0 + d.popularity**3 for d in docs))
    orders = []
    for _ in range(count):
        anchor = rng.choices(docs, cum_weights=cumulative)[0]
        basket = {anchor.product_id: anchor}
        for leaf in companions.get(anchor.category_id, []):
            if rng.random() < 0.7:
                pick = _matching(rng, anchor, by_leaf[leaf])
                basket[pick.product_id] = pick
        if len(basket) == 1 or rng.random() < 0.2:
            extra = rng.choice(docs)
            basket[extra.product_id] = extra
        if len(basket) >= 2:
            orders.append(DemoOrder(tuple(basket)))
    return orders


def _matching(
    rng: random.Random, anchor: SearchDocument, pool: Sequence[SearchDocument]
) -> SearchDocument:
    """A product of `pool`, preferably one sharing a style, material or colour with anchor."""
    sample = rng.sample(list(pool), min(12, len(pool)))

    def shared(doc: SearchDocument) -> int:
        return sum(
            bool(set(anchor.attributes.get(k, ())) & set(doc.attributes.get(k, ())))
            for k in MATCHING_ATTRIBUTES
        )

    return max(sample, key=lambda doc: (shared(doc), doc.popularity))
