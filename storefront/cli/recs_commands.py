"""Recommendation commands: evaluate-recs (frequently bought together on held-out baskets)."""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

from storefront.cli.progress import progress_bar
from storefront.services.recommendations.co_purchase import CoPurchase
from storefront.services.search.metrics import percentile, reciprocal_rank

SPLIT_SEED = 20261123
TOP = 10


def register(commands: Any) -> None:
    evaluate = commands.add_parser(
        "evaluate-recs",
        help="measure 'frequently bought together' on held-out items of test baskets",
    )
    evaluate.add_argument("--products", type=Path, required=True, help="product_id,name,...")
    evaluate.add_argument("--train", type=Path, required=True, help="order_id,product_id lines")
    evaluate.add_argument("--test", type=Path, required=True, help="order_id,product_id lines")
    evaluate.add_argument(
        "--no-embeddings",
        action="store_true",
        help="skip the embedding fallback for never-ordered products (saves encoding the names)",
    )
    evaluate.set_defaults(run=run_evaluate_recs)


def run_evaluate_recs(args: argparse.Namespace) -> int:
    for path in (args.products, args.train, args.test):
        if not path.is_file():
            print(f"no such file: {path}", file=sys.stderr)
            return 2
    names = {int(r["product_id"]): r["name"] for r in _rows(args.products)}
    train = _baskets(args.train)
    test = _baskets(args.test)
    started = time.perf_counter()
    model = CoPurchase().fit(list(train.values()))
    fit_seconds = time.perf_counter() - started
    neighbour = None if args.no_embeddings else _name_neighbours(names, model)

    rng = random.Random(SPLIT_SEED)
    hits = base_hits = 0
    reciprocal: list[float] = []
    latencies: list[float] = []
    evaluated = 0
    for order_id in sorted(test):
        items = sorted(test[order_id])
        if len(items) < 2:
            continue
        held = items[rng.randrange(len(items))]
        basket = [p for p in items if p != held]
        tick = time.perf_counter()
        top = model.recommend(basket, TOP, neighbour)
        if len(top) < TOP:  # no evidence: the shop shows popular products
            top += model.popular(TOP - len(top), exclude=set(basket) | set(top))
        latencies.append((time.perf_counter() - tick) * 1000)
        baseline = model.popular(TOP, exclude=basket)
        evaluated += 1
        hits += held in top
        base_hits += held in baseline
        reciprocal.append(reciprocal_rank(top, held, TOP))
    figures = {
        "hitrate@10": round(hits / max(evaluated, 1), 4),
        "mrr@10": round(sum(reciprocal) / max(evaluated, 1), 4),
        "baseline_hitrate@10": round(base_hits / max(evaluated, 1), 4),
        "orders": evaluated,
    }
    print(f"train: {model.orders} orders, fitted in {fit_seconds:.2f} s; test: {evaluated} orders")
    print(
        f"HitRate@10  {figures['hitrate@10']:.4f}   (popularity baseline "
        f"{figures['baseline_hitrate@10']:.4f})"
    )
    print(f"MRR@10      {figures['mrr@10']:.4f}")
    print(
        f"latency     p50 {percentile(latencies, 50):.2f} ms, "
        f"p95 {percentile(latencies, 95):.2f} ms"
    )
    print(json.dumps(figures))
    return 0


def _name_neighbours(names: dict[int, str], model: CoPurchase) -> Any:
    """For never-ordered products: the most similar (by MiniLM name embedding) ordered one."""
    from storefront.adapters.embedder import shared_embedder

    embedder = shared_embedder()
    ids = sorted(names)
    started = time.perf_counter()
    vectors = np.zeros((len(ids), embedder.dimension), dtype=np.float32)
    with progress_bar("Embedding product names", total=len(ids)) as update:
        for start in range(0, len(ids), 512):
            chunk = ids[start : start + 512]
            vectors[start : start + len(chunk)] = embedder.encode([names[i] for i in chunk])
            update(start + len(chunk))
    print(f"embedded {len(ids)} product names in {time.perf_counter() - started:.1f} s")
    row = {pid: n for n, pid in enumerate(ids)}
    warm = np.array([model.knows(pid) for pid in ids])
    warm_ids = np.asarray(ids)[warm]
    warm_vectors = vectors[warm]
    cache: dict[int, tuple[int, float] | None] = {}

    def neighbour(product_id: int) -> tuple[int, float] | None:
        if product_id not in cache:
            index = row.get(product_id)
            if index is None or not len(warm_ids):
                cache[product_id] = None
            else:
                similarity = warm_vectors @ vectors[index]
                best = int(similarity.argmax())
                cache[product_id] = (int(warm_ids[best]), max(float(similarity[best]), 0.0))
        return cache[product_id]

    return neighbour


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def _baskets(path: Path) -> dict[int, list[int]]:
    baskets: dict[int, list[int]] = defaultdict(list)
    for row in _rows(path):
        baskets[int(row["order_id"])].append(int(row["product_id"]))
    return baskets
