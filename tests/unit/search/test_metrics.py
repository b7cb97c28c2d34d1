from __future__ import annotations

import math

import pytest

from storefront.services.search.metrics import (
    mean,
    ndcg_at,
    percentile,
    recall_at,
    reciprocal_rank,
)


def test_ndcg_is_one_for_the_ideal_order_and_lower_otherwise() -> None:
    gains = {"a": 7.0, "b": 3.0, "c": 0.0}
    assert ndcg_at(["a", "b", "c"], gains) == pytest.approx(1.0)
    expected = (3 / math.log2(2) + 7 / math.log2(3)) / (7 / math.log2(2) + 3 / math.log2(3))
    assert ndcg_at(["b", "a"], gains) == pytest.approx(expected)


def test_ndcg_counts_unjudged_products_as_zero_and_skips_queries_without_gain() -> None:
    assert ndcg_at(["x", "a"], {"a": 1.0}) == pytest.approx(1 / math.log2(3))
    assert ndcg_at(["a"], {"a": 0.0}) is None


def test_recall_and_reciprocal_rank() -> None:
    assert recall_at(["a", "x", "b"], {"a", "b", "c", "d"}, k=2) == 0.25
    assert recall_at(["a"], set()) is None
    assert reciprocal_rank([5, 6, 7], 7) == pytest.approx(1 / 3)
    assert reciprocal_rank([5, 6, 7], 8) == 0.0


def test_mean_leaves_out_undefined_values_and_counts_them() -> None:
    assert mean([1.0, None, 0.0]) == (0.5, 1)


def test_percentile_is_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 50) == 50.0
    assert percentile(values, 95) == 95.0
