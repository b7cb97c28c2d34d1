"""Catalog read benchmark: listing and product page service time and database queries per
request, cold and warm cache, at several catalog sizes; seed time; cold start of the server.

    python -m tests.bench.bench_catalog [--sizes 5000,50000] [--requests 200] [--redis URL]
        [--postgres URL] [--cold-start]

Medians and 95th percentiles in milliseconds, measured in one process on this machine; targets
(issue 2): warm p95 <= 5 ms with 0 queries; cold listing p95 <= 50 ms at 50,000 products.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from storefront.adapters.cache import InProcessCache, RedisCache
from storefront.adapters.migrations import upgrade_database
from storefront.bootstrap import Shop, build_shop
from storefront.services.listing_query import ListingQuery, Sort
from storefront.services.ports import Cache
from storefront.settings import Settings
from tests.e2e.conftest import ROOT, shop_env
from tests.ports import free_port


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def seed(database_url: str, media: Path, count: int) -> float:
    env = {**os.environ, "DATABASE_URL": database_url, "BOUTIQUE_MEDIA_DIR": str(media)}
    env.pop("REDIS_URL", None)
    cli = [sys.executable, "-m", "storefront.cli"]
    subprocess.run([*cli, "migrate"], cwd=ROOT, env=env, check=True, capture_output=True)
    started = time.perf_counter()
    subprocess.run(
        [*cli, "seed", "--demo-orders", "--count", str(count)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started


def sample_queries(shop: Shop, n: int, rng: random.Random) -> list[ListingQuery]:
    """Realistic listing requests: any category, often a facet or two, any sort, early pages."""
    tree = shop.catalog.tree()
    slugs = [node.slug for root in tree.roots() for node in (root, *tree.children(root.id))]
    queries = []
    for _ in range(n):
        base = ListingQuery(category_slug=rng.choice(slugs), sort=rng.choice(list(Sort)))
        page = shop.catalog.listing(base)
        assert page is not None
        query = base
        for facet in rng.sample(page.facets, k=min(len(page.facets), rng.choice((0, 1, 2)))):
            if not facet.values:
                continue
            value = rng.choice(facet.values)
            if facet.kind == "brand":
                query = query.toggled_brand(value.token)
            elif facet.kind == "attribute":
                query = query.toggled_attribute(facet.key, value.token)
            elif facet.kind == "stock":
                query = query.with_stock(True)
            elif facet.kind == "rating":
                query = query.with_rating(int(value.token))
        queries.append(query.with_page(rng.choice((1, 1, 1, 2, 3))))
    return queries


def sample_products(shop: Shop, queries: list[ListingQuery]) -> list[str]:
    slugs = []
    for query in queries:
        page = shop.catalog.listing(query)
        if page and page.cards:
            slugs.append(page.cards[0].slug)
    return slugs


def measure(shop: Shop, calls: list[Callable[[], object]], *, cold: bool) -> dict[str, float]:
    times, queries = [], []
    for call in calls:
        if cold:
            shop.cache.clear()
        before = shop.query_count()
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
        queries.append(shop.query_count() - before)
    return {
        "p50_ms": round(statistics.median(times), 3),
        "p95_ms": round(percentile(times, 0.95), 3),
        "queries_per_request": round(statistics.mean(queries), 2),
    }


def bench_size(
    size: int,
    requests: int,
    tmp: Path,
    caches: dict[str, Callable[[], Cache]],
    database_url: str | None,
) -> dict[str, object]:
    url = database_url or f"sqlite:///{tmp / f'bench-{size}.db'}"
    if database_url:
        upgrade_database(url.replace("postgresql://", "postgresql+psycopg://", 1))
    seed_seconds = seed(url, tmp / f"media-{size}", size)
    results: dict[str, object] = {"products": size, "seed_s": round(seed_seconds, 1)}
    for cache_name, make_cache in caches.items():
        settings = Settings(
            database_url=url, media_dir=tmp / "m", redis_url=None, cache_redis_url=None
        )
        shop = build_shop(settings, cache=make_cache())
        rng = random.Random(size)
        queries = sample_queries(shop, requests, rng)
        products = sample_products(shop, queries)
        listing_calls = [partial(shop.catalog.listing, q) for q in queries]
        product_calls = [partial(shop.catalog.product, s) for s in products]
        shop.cache.clear()
        for name, calls in (("listing", listing_calls), ("product", product_calls)):
            cold = measure(shop, calls, cold=True)
            for call in calls:
                call()
            warm = measure(shop, calls, cold=False)
            results[f"{cache_name}/{name}/cold"] = cold
            results[f"{cache_name}/{name}/warm"] = warm
            print(f"{size:>7} {cache_name:9} {name:8} cold {cold}  warm {warm}", flush=True)
        if shop.engine is not None:
            shop.engine.dispose()
    return results


def cold_start(size: int, tmp: Path) -> dict[str, float]:
    """Seconds from launching the production server (frontend already built) to answers."""
    env = shop_env(tmp / f"cold-{size}")
    Path(env["BOUTIQUE_MEDIA_DIR"]).mkdir(parents=True, exist_ok=True)
    seed(env["DATABASE_URL"], Path(env["BOUTIQUE_MEDIA_DIR"]), size)
    port = free_port()
    import httpx

    started = time.perf_counter()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "reflex",
            "run",
            "--env",
            "prod",
            "--single-port",
            "--frontend-port",
            str(port),
            "--backend-host",
            "127.0.0.1",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    figures: dict[str, float] = {}
    try:
        while "home_html_s" not in figures and time.perf_counter() - started < 300:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/", timeout=2).status_code == 200:
                    figures["home_html_s"] = round(time.perf_counter() - started, 2)
            except httpx.HTTPError:
                time.sleep(0.1)
        from playwright.sync_api import sync_playwright

        from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS

        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{port}/")
            page.wait_for_selector("[data-testid=product-card]", timeout=60_000)
            figures["first_products_shown_s"] = round(time.perf_counter() - started, 2)
            browser.close()
    finally:
        os.killpg(process.pid, 15)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="5000,50000")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--redis", help="also measure with the Redis cache at this URL")
    parser.add_argument("--postgres", help="a PostgreSQL database URL to use instead of SQLite")
    parser.add_argument("--cold-start", action="store_true")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="boutique-bench-"))
    caches: dict[str, Callable[[], Cache]] = {"in-proc": InProcessCache}
    if args.redis:
        caches["redis"] = lambda: RedisCache(args.redis)
    results = [
        bench_size(int(size), args.requests, tmp, caches, args.postgres)
        for size in args.sizes.split(",")
    ]
    summary: dict[str, object] = {"sizes": results}
    if args.cold_start:
        summary["cold_start"] = cold_start(5000, tmp)
        print("cold start", summary["cold_start"])
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
