"""The ranking's few knobs (storefront/services/search/hybrid.py), set once from the dev halves
of the evaluation sets (docs/search.md), never per query."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RankingParams:
    """The few knobs of the ranking, set once from dev data (never per query)."""

    w_bm25: float = 0.2
    w_title: float = 0.4
    w_dense: float = 0.6
    lexical_candidates: int = 300
    semantic_candidates: int = 300
    w_phrase: float = 0.1
    # Below this cosine, with no keyword match either, results are "nearest", not matches.
    close_match_cosine: float = 0.45
    # A product close in meaning without every query word is a result only when it scores
    # at least this share of the best: an office chair is near "grey sofa", not one.
    close_share: float = 0.6
    # With no match, the nearest products are shown only this close in meaning: on the demo
    # catalog "xyzqwv" (0.22), "gants" (0.35, chargers) and "écharpe" (0.36, a barbecue)
    # showed 24 unrelated products as "the nearest we have" (QA); "umbrella" (0.42, rain
    # jackets) still shows its nearest.
    nearest_cosine: float = 0.4
    w_category: float = 1.0  # a query naming a category ("chaises") puts its products first
