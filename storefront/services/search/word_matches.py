"""Which products hold which of a query's words (`holdings`: per word some product holds,
the product rows holding it), for telling results from products merely near the query."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

BoolRows = npt.NDArray[np.bool_]


def holding_every(holdings: list[BoolRows], lexical: npt.NDArray[np.float32]) -> BoolRows:
    """Products matching every query word: beyond the ranked ones, "oak table" lists the
    oak tables, not every product that is oak or a table."""
    every = lexical > 0
    if len(holdings) > 1:
        for rows in holdings:
            if len(rows) == len(every):
                every &= rows
    return every


def holding_some_not_all(holdings: list[BoolRows], every: BoolRows) -> BoolRows:
    """Products holding some of the query's words but not all, when some product holds
    them all (a query of one word: none)."""
    if len(holdings) < 2 or not every.any():
        return np.zeros_like(every)
    some: BoolRows = np.logical_or.reduce(holdings)
    return some & ~every
