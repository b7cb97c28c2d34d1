"""Search benchmark on the demo catalog: embedding and index build times, query latency
(query embedding and fusion included), and how long an edit takes to become findable.

    python -m tests.bench.bench_search [--sizes 5000] [--queries 300]

The Home Depot figures (54,667 products) come from `python -m storefront.cli evaluate-search`
on ../shared/data/homedepot, which reports the same timings. Medians and 95th percentiles in
milliseconds on this machine; not a test.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from storefront.adapters.migrations import upgrade_database
from storefront.bootstrap import build_shop
from storefront.services.demo import seed_demo_catalog
from storefront.services.product_edits import edit_product
from storefront.services.search.change_feed import ChangeFeed
from storefront.services.search.indexing import rebuild_index, refresh_products
from storefront.services.search.metrics import percentile
from storefront.settings import Settings


def shopper_queries(titles: list[str], n: int, rng: random.Random) -> list[str]:
    """One to three words of a product title, sometimes with a letter dropped (a typo)."""
    queries = []
    for _ in range(n):
        words = [w.strip(",.") for w in rng.choice(titles).split() if len(w) > 2]
        picked = rng.sample(words, min(len(words), rng.randint(1, 3)))
        if picked and rng.random() < 0.2:
            word = picked[0]
            cut = rng.randrange(1, len(word))
            picked[0] = word[:cut] + word[cut + 1 :]
        queries.append(" ".join(picked).lower())
    return queries


def run(size: int, queries: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as scratch:
        url = f"sqlite:///{Path(scratch) / 'bench.db'}"
        upgrade_database(url)
        settings = Settings(database_url=url, media_dir=Path(scratch) / "media")  # type: ignore[call-arg]
        shop = build_shop(settings)
        shop.run(seed_demo_catalog, shop.media, size)
        assert shop.search_store is not None
        index = shop.search_index()
        first = rebuild_index(shop.search_store, index)
        again = rebuild_index(shop.search_store, index)
        titles = [d.title for d in index.documents()]
        texts = shopper_queries(titles, queries, random.Random(7))
        latencies = []
        for text in texts:
            started = time.perf_counter()
            index.search(text, k=100)
            latencies.append((time.perf_counter() - started) * 1000)
        feed = ChangeFeed(shop.search_store)
        feed.start()
        victim = next(iter(index.documents())).product_id
        started = time.perf_counter()
        shop.run(edit_product, victim, lambda r: replace(r, title="Quokka Lantern"))
        refresh_products(shop.search_store, index, feed.poll())
        findable = (time.perf_counter() - started) * 1000
        assert index.search("quokka lantern", k=1).ids == (victim,)
        shop.engine.dispose() if shop.engine else None
        return {
            "products": size,
            "embed_s": round(first.embed_seconds, 1),
            "products_per_s": round(size / max(first.embed_seconds, 1e-9)),
            "index_build_s": round(first.build_seconds, 2),
            "restart_reembedded": again.embedded,
            "restart_load_s": round(again.embed_seconds + again.build_seconds, 2),
            "query_p50_ms": round(percentile(latencies, 50), 2),
            "query_p95_ms": round(percentile(latencies, 95), 2),
            "edit_to_findable_ms": round(findable, 1),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="5000")
    parser.add_argument("--queries", type=int, default=300)
    args = parser.parse_args()
    for size in (int(s) for s in args.sizes.split(",")):
        print(json.dumps(run(size, args.queries)))


if __name__ == "__main__":
    main()
