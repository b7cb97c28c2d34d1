"""The price facet's ranges: about five, with round bounds, following a category's prices."""

from __future__ import annotations

import math
from collections.abc import Sequence

from models.money import minor_exponent


def price_buckets(prices: Sequence[int], currency: str) -> tuple[tuple[int, int | None], ...]:
    """About five price ranges with round bounds, following the category's price spread."""
    if not prices:
        return ()
    ordered = sorted(prices)
    unit = 10 ** minor_exponent(currency)
    bounds: list[int] = []
    for quantile in (0.2, 0.4, 0.6, 0.8):
        raw = ordered[min(len(ordered) - 1, int(quantile * len(ordered)))]
        nice = _nice_round(raw / unit) * unit
        if nice > 0 and (not bounds or nice > bounds[-1]):
            bounds.append(nice)
    if not bounds:
        return ((0, None),)
    edges: list[tuple[int, int | None]] = [(0, bounds[0])]
    edges += [(bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1)]
    edges.append((bounds[-1], None))
    return tuple(edges)


def _nice_round(value: float) -> int:
    if value < 1:
        return 1
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return int(step * magnitude)
    return int(10 * magnitude)
