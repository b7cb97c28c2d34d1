"""A visitor's taste as one vector: a decayed, weighted mean of what they looked at.

Newer activity counts more (each older step by DECAY), a cart addition more than a view,
a search a little (its query's embedding). Stored as activity rows, so the profile can be
recomputed anywhere and can follow the visitor into an account.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from storefront.services.search.ports import Activity, Vector

DECAY = 0.85
WEIGHTS = {"view": 1.0, "cart": 3.0, "search": 0.6}


@dataclass(frozen=True, slots=True)
class Profile:
    vector: Vector | None
    # Products the visitor engaged with, newest first, each with its weight in the profile.
    products: tuple[tuple[int, float], ...]

    @property
    def seen(self) -> frozenset[int]:
        return frozenset(pid for pid, _ in self.products)


def build_profile(
    activities: Sequence[Activity],
    vector_of: Callable[[int], Vector | None],
    encode_query: Callable[[str], Vector],
) -> Profile:
    """Activities newest first; products no longer in the index are skipped."""
    total: Vector | None = None
    products: dict[int, float] = {}
    for position, activity in enumerate(activities):
        weight = WEIGHTS.get(activity.kind, 0.0) * DECAY**position
        vector: Vector | None = None
        if activity.product_id is not None:
            vector = vector_of(activity.product_id)
            if vector is not None:
                products[activity.product_id] = products.get(activity.product_id, 0.0) + weight
        elif activity.query:
            vector = encode_query(activity.query)
        if vector is None or weight == 0:
            continue
        total = weight * vector if total is None else total + weight * vector
    if total is not None:
        norm = float(np.linalg.norm(total))
        total = (total / norm).astype(np.float32) if norm > 0 else None
    return Profile(total, tuple(products.items()))
