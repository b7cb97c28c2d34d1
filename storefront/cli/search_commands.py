"""Search commands: reindex, evaluate-search."""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from models.types import utc_now
from storefront.adapters.migrations import upgrade_database
from storefront.bootstrap import Shop, build_shop, get_shop, set_shop
from storefront.cli.csv_commands import _read, _refused
from storefront.cli.progress import progress_bar, stage_progress
from storefront.services.catalog_csv import CatalogFileInvalid, save_catalog
from storefront.services.search.indexing import IndexReport, rebuild_index
from storefront.services.search.metrics import mean, ndcg_at, percentile, recall_at
from storefront.settings import Settings, get_settings


def register(commands: Any) -> None:
    reindex = commands.add_parser(
        "reindex",
        help="rebuild search indexes from the database (re-embeds only new or changed products)",
    )
    reindex.set_defaults(run=run_reindex)

    evaluate = commands.add_parser(
        "evaluate-search",
        help="import a catalog into a scratch database and measure search on judged queries",
    )
    evaluate.add_argument("--catalog", type=Path, required=True, help="catalog CSV")
    evaluate.add_argument("--queries", type=Path, required=True, help="query_id,query CSV")
    evaluate.add_argument("--qrels", type=Path, required=True, help="query_id,product_id,grade")
    evaluate.add_argument(
        "--database",
        type=Path,
        default=None,
        help="SQLite file to keep between runs (embeddings are then reused); default: temporary",
    )
    evaluate.set_defaults(run=run_evaluate_search)


def index_with_progress(shop: Shop) -> IndexReport:
    """Rebuild the shop's search index, with a progress bar over the products to encode."""
    assert shop.search_store is not None
    with stage_progress(0) as update:
        return rebuild_index(
            shop.search_store,
            shop.search_index(),
            lambda done, total: update("embedding new or changed products", done, total),
        )


def run_reindex(_args: argparse.Namespace) -> int:
    shop = get_shop()
    report = index_with_progress(shop)
    print(
        f"indexed {report.products} products: {report.embedded} embedded in "
        f"{report.embed_seconds:.1f} s, indexes built in {report.build_seconds:.2f} s"
    )
    assert shop.search_store is not None
    started = time.perf_counter()
    co_purchase = shop.recommender().refit(utc_now())
    print(
        f"co-purchase statistics from {co_purchase.orders} orders in "
        f"{time.perf_counter() - started:.2f} s (web processes rebuild theirs at start and "
        "every 10 minutes)"
    )
    return 0


def run_evaluate_search(args: argparse.Namespace) -> int:
    for path in (args.catalog, args.queries, args.qrels):
        if not path.is_file():
            print(f"no such file: {path}", file=sys.stderr)
            return 2
    with tempfile.TemporaryDirectory(prefix="boutique-eval-") as scratch:
        database = args.database or Path(scratch) / "eval.db"
        settings = get_settings().model_copy(
            update={
                "database_url": f"sqlite:///{database}",
                "redis_url": None,
                "cache_redis_url": None,
                "media_dir": Path(scratch) / "media",
            }
        )
        upgrade_database(settings.sqlalchemy_url)
        shop = build_shop(settings)
        set_shop(shop)
        try:
            return _evaluate(shop, settings, args)
        finally:
            set_shop(None)
            if shop.engine is not None:
                shop.engine.dispose()


def _evaluate(shop: Shop, settings: Settings, args: argparse.Namespace) -> int:
    started = time.perf_counter()
    with shop.uow() as uow:
        kept = len(uow.catalog.product_keys())
    if kept and args.database is not None:
        # Its catalog, kept from an earlier run with its embeddings: imported again, a file
        # without the shop's every column would be refused (it would reset them).
        print(f"catalog: the {kept:,} products kept in {args.database} (delete it to import anew)")
    else:
        try:
            parsed = _read(args.catalog, "auto", settings.currency)
            with progress_bar("Saving products", total=len(parsed.drafts)) as update:
                shop.run(save_catalog, parsed, on_progress=update)
        except CatalogFileInvalid as exc:
            return _refused(args.catalog, exc)
    import_seconds = time.perf_counter() - started
    report = index_with_progress(shop)
    with shop.uow() as uow:
        external = {pid: ext for ext, (pid, _slug, _cat) in uow.catalog.product_keys().items()}

    queries = _read_rows(args.queries)
    judged: dict[str, dict[str, int]] = defaultdict(dict)
    for row in _read_rows(args.qrels):
        judged[row["query_id"]][row["product_id"]] = int(row["grade"])
    # Home Depot grades run 2..6, CrowdFlower's 1..4 (see the data README).
    wide_scale = max(g for grades in judged.values() for g in grades.values()) > 4
    search = shop.search_index()
    ndcgs: list[float | None] = []
    recalls: list[float | None] = []
    latencies: list[float] = []
    for row in queries:
        tick = time.perf_counter()
        result = search.search(row["query"], k=100)
        latencies.append((time.perf_counter() - tick) * 1000)
        ranked = [external[pid] for pid in result.ids]
        gains = {pid: _gain(g, wide_scale) for pid, g in judged[row["query_id"]].items()}
        relevant = {pid for pid, g in judged[row["query_id"]].items() if _norm(g, wide_scale) >= 2}
        ndcgs.append(ndcg_at(ranked, gains, 10))
        recalls.append(recall_at(ranked, relevant, 100))
    ndcg, ndcg_left_out = mean(ndcgs)
    recall, recall_left_out = mean(recalls)
    figures = {
        "ndcg@10": round(ndcg, 4),
        "recall@100": round(recall, 4),
        "p50_ms": round(percentile(latencies, 50), 2),
        "p95_ms": round(percentile(latencies, 95), 2),
        "queries": len(queries),
    }
    if not kept:
        print(f"catalog: {report.products} products imported in {import_seconds:.1f} s")
    print(
        f"index: {report.embedded} products embedded in {report.embed_seconds:.1f} s, "
        f"indexes built in {report.build_seconds:.2f} s"
    )
    print(
        f"NDCG@10     {ndcg:.4f}  ({len(ndcgs) - ndcg_left_out} queries, {ndcg_left_out} left out)"
    )
    print(
        f"Recall@100  {recall:.4f}  "
        f"({len(recalls) - recall_left_out} queries, {recall_left_out} left out)"
    )
    print(f"latency     p50 {figures['p50_ms']} ms, p95 {figures['p95_ms']} ms")
    print(json.dumps(figures))
    return 0


def _norm(grade: int, wide_scale: bool) -> float:
    """Grades onto 0..3: CrowdFlower 1..4 and Home Depot 2..6, as the data README defines."""
    return (grade - 2) * 3 / 4 if wide_scale else float(grade - 1)


def _gain(grade: int, wide_scale: bool) -> float:
    return float(2 ** _norm(grade, wide_scale) - 1)


def _read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))
