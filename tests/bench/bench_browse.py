"""Browsing under load, in production mode: simulated shoppers speak the Reflex event
protocol and time a product page load and a category listing load (with sort, filters and
pages) beside a trivial event in the same run, then read the cache hit ratio from /metrics.

    python -m tests.bench.bench_browse [--shoppers 200] [--rounds 10] [--products 5000]
        [--think 1.0] [--redis redis://127.0.0.1:6379/7] [--workers 2] [--database-url URL]
        [--workdir DIR]

Targets (issue 5): page-load and listing p50 <= 1.5x and p99 <= 2x the trivial event at 200
shoppers with Redis and 2 workers; cache hit ratio >= 95 %. Each page is loaded as a browser
tab does on navigation: the page's on_load event, with the page's URL as router data. Not a
test: compare only within one run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import httpx
import redis
from sqlalchemy import create_engine, text

from tests.bench.bench_events import Shopper, crowd, summary
from tests.e2e.conftest import ROOT, shop_env
from tests.shop_server import production_shop

LISTING_VARIANTS = ("", "?sort=price_asc", "?sort=newest&page=2", "?stock=1", "?sort=rating")


def handler_names() -> dict[str, str]:
    from reflex.state import OnLoadInternalState, State

    from state.listing import ListingState
    from state.product import ProductState

    return {
        "hydrate": f"{State.get_full_name()}.hydrate_and_load",
        "trivial": f"{OnLoadInternalState.get_full_name()}.set_is_hydrated",
        "page_load": f"{ProductState.get_full_name()}.load",
        "listing": f"{ListingState.get_full_name()}.load",
    }


def pages(database_url: str) -> tuple[list[str], list[str]]:
    """(product paths, category paths) of the catalog."""
    engine = create_engine(database_url)
    with engine.connect() as connection:
        products = [
            f"/product/{slug}"
            for (slug,) in connection.execute(
                text("SELECT slug FROM product WHERE status = 'active' ORDER BY id")
            )
        ]
        categories = [
            f"/category/{slug}"
            for (slug,) in connection.execute(text("SELECT slug FROM category ORDER BY id"))
        ]
    engine.dispose()
    return products, categories


async def browse(
    shopper: Shopper,
    products: list[str],
    categories: list[str],
    *,
    rounds: int,
    think: float,
    rng: random.Random,
) -> dict[str, list[float]]:
    timings: dict[str, list[float]] = defaultdict(list)
    # Shoppers look at what others look at: a few popular products and categories.
    popular = products[: max(len(products) // 10, 1)]
    for _ in range(rounds):
        steps = [
            ("trivial", "", {"value": True}),
            ("page_load", rng.choice(popular if rng.random() < 0.8 else products), {}),
            ("listing", rng.choice(categories) + rng.choice(LISTING_VARIANTS), {}),
        ]
        rng.shuffle(steps)
        for kind, page, payload in steps:
            await asyncio.sleep(rng.expovariate(1 / think))
            if page:
                shopper.page = page
            timings[kind].append(await shopper.timed(kind, payload))
    return timings


def cache_lookups(url: str) -> dict[str, float]:
    found = {"hit": 0.0, "miss": 0.0}
    for line in httpx.get(f"{url}/metrics", timeout=30).text.splitlines():
        if line.startswith("boutique_cache_lookups_total{"):
            for result in found:
                if f'result="{result}"' in line:
                    found[result] += float(line.rpartition(" ")[2])
    return found


def report(timings: dict[str, list[float]]) -> None:
    for kind, figures in summary(timings, ("page_load", "listing")).items():
        print(f"  {kind:10} {json.dumps(figures)}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shoppers", default="200")
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--products", type=int, default=5000)
    parser.add_argument("--think", type=float, default=1.0)
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/7")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--workdir", default="")
    args = parser.parse_args()

    tmp = Path(args.workdir or tempfile.mkdtemp(prefix="boutique-browse-"))
    env = shop_env(tmp)
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    metrics_dir = tmp / f"metrics-{time.time_ns()}"
    metrics_dir.mkdir(parents=True)  # --workdir may name a folder not made yet
    env |= {
        "REDIS_URL": args.redis,
        "GRANIAN_WORKERS": str(args.workers),
        "REFLEX_OPLOCK_ENABLED": "true",
        "PROMETHEUS_MULTIPROC_DIR": str(metrics_dir),
    }
    redis.Redis.from_url(args.redis).flushdb()  # a cold cache, and no state of other runs
    cli = [sys.executable, "-m", "storefront.cli"]
    # A --workdir kept from a run of an older release is brought to this one's schema.
    subprocess.run([*cli, "migrate"], cwd=ROOT, env=env, check=True, capture_output=True)
    if not (tmp / "seeded").exists():
        for step in (
            ["seed", "--demo-orders", "--count", str(args.products)],
            ["reindex"],
        ):
            subprocess.run([*cli, *step], cwd=ROOT, env=env, check=True, capture_output=True)
        (tmp / "seeded").touch()
    products, categories = pages(env["DATABASE_URL"])
    with production_shop(env, tmp / "shop.log") as url:
        print(f"prod server (Redis state, {args.workers} workers), {args.products} products")
        for run, count in enumerate(int(n) for n in args.shoppers.split(",")):
            args.seed += 10_000 * run  # each run its own shoppers: new pages beside popular
            before = cache_lookups(url)
            started = time.monotonic()

            async def visit(shopper: Shopper, rng: random.Random) -> dict[str, list[float]]:
                return await browse(
                    shopper, products, categories, rounds=args.rounds, think=args.think, rng=rng
                )

            names = handler_names()
            timings = asyncio.run(crowd(url, count, names, visit, seed=args.seed, page="/"))
            print(f"{count} shoppers ({time.monotonic() - started:.0f} s):")
            report(timings)
            time.sleep(6)  # the workers copy their cache counters into metrics every 5 s
            after = cache_lookups(url)
            hits, misses = (after[k] - before[k] for k in ("hit", "miss"))
            print(
                f"  cache hit ratio {hits / max(hits + misses, 1):.3f} ({hits:.0f} hits, "
                f"{misses:.0f} misses)",
                flush=True,
            )


if __name__ == "__main__":
    main()
