"""Relevance metrics exactly as the evaluation data defines them (NDCG@10, Recall@100, HitRate,
MRR), plus percentiles for latency."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence


def ndcg_at(ranked: Sequence[str], gains: Mapping[str, float], k: int = 10) -> float | None:
    """DCG@k over IDCG@k of all judged products; None when IDCG is 0 (left out of the mean)."""
    ideal = sorted(gains.values(), reverse=True)[:k]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    if idcg <= 0:
        return None
    dcg = sum(gains.get(pid, 0.0) / math.log2(i + 2) for i, pid in enumerate(ranked[:k]))
    return dcg / idcg


def recall_at(ranked: Sequence[str], relevant: set[str], k: int = 100) -> float | None:
    """Share of the relevant products found in the top k; None when there are none."""
    if not relevant:
        return None
    return len(relevant.intersection(ranked[:k])) / len(relevant)


def reciprocal_rank(ranked: Sequence[int], held: int, k: int = 10) -> float:
    top = list(ranked[:k])
    return 1.0 / (top.index(held) + 1) if held in top else 0.0


def mean(values: Sequence[float | None]) -> tuple[float, int]:
    """Mean of the defined values, and how many were left out."""
    kept = [v for v in values if v is not None]
    return (sum(kept) / len(kept) if kept else 0.0), len(values) - len(kept)


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]
