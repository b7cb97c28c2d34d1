"""Scale benchmark: the database-backed reads of shopper and admin pages on a large catalog
(100,000 products by default), at the service/adapter level, with no browser and no cache.

    python -m tests.bench.bench_scale --database-url postgresql://.../scale [--seed 100000]
        [--repeat 15] [--explain]

`--seed N` migrates and seeds the (empty) database first with `storefront.cli seed
--demo-orders --count N`; without it the database is measured as it is. Listings are cold
(the cache cleared before each call): what a shopper meets after a change to the category.
Search's own index is in process (see docs/search.md for its figures); here only its database
part, the cards of a page of hits, is timed. Medians in milliseconds; `--explain` prints
PostgreSQL's plans of the admin list's and the sitemap's statements.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, select, text

from storefront.adapters.sql_admin_catalog import SqlAdminCatalog
from storefront.adapters.sql_tables import PRODUCT, VARIANT
from storefront.bootstrap import Shop, build_shop
from storefront.services.admin.product_list import ProductQuery, list_products
from storefront.services.catalog_csv.export import export_catalog
from storefront.services.listing_query import ListingQuery, Sort
from storefront.settings import Settings
from tests.e2e.conftest import ROOT


def median_ms(
    call: Callable[[], object], repeat: int, before: Callable[[], None] | None = None
) -> float:
    times = []
    for _ in range(repeat):
        if before:
            before()
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(times), 1)


def seed(database_url: str, media: Path, count: int) -> None:
    env = {**os.environ, "DATABASE_URL": database_url, "BOUTIQUE_MEDIA_DIR": str(media)}
    env.pop("REDIS_URL", None)
    cli = [sys.executable, "-m", "storefront.cli"]
    subprocess.run([*cli, "migrate"], cwd=ROOT, env=env, check=True)
    subprocess.run(
        [*cli, "seed", "--demo-orders", "--count", str(count)], cwd=ROOT, env=env, check=True
    )


def shopper_figures(shop: Shop, repeat: int) -> dict[str, float]:
    tree = shop.catalog.tree()
    roots = tree.roots()
    big = max(roots, key=lambda node: len(tree.subtree_ids(node.id)))
    leaf = next(node for node in tree.children(big.id))
    cold = shop.cache.clear
    first = shop.catalog.listing(ListingQuery(category_slug=big.slug))
    assert first is not None
    assert first.cards
    brand = next(f for f in first.facets if f.kind == "brand").values[0].token
    filtered = ListingQuery(category_slug=big.slug, sort=Sort.PRICE_ASC).toggled_brand(brand)
    deep = ListingQuery(category_slug=big.slug, sort=Sort.NEWEST).with_page(first.page_count)
    slugs = [card.slug for card in first.cards]
    ids = [card.id for card in first.cards]
    carts = shop.carts
    assert carts is not None
    token = f"bench-scale-{uuid.uuid4().hex}"
    product = shop.catalog.product(slugs[0])
    assert product is not None
    for variant in product.product.variants[:3]:
        carts.add(token, None, variant.sku, 1)
    sitemap = shop.sitemap
    assert sitemap is not None
    print(f"department {big.slug}: {first.total:,} products, {first.page_count} pages")
    return {
        "listing, department, cold": median_ms(
            lambda: shop.catalog.listing(ListingQuery(category_slug=big.slug)), repeat, cold
        ),
        "listing, department, warm facet table": median_ms(
            lambda: shop.catalog.listing(filtered), repeat
        ),
        "listing, leaf category, cold": median_ms(
            lambda: shop.catalog.listing(ListingQuery(category_slug=leaf.slug)), repeat, cold
        ),
        "listing, brand filter + price sort, cold": median_ms(
            lambda: shop.catalog.listing(filtered), repeat, cold
        ),
        f"listing, last page ({first.page_count}), newest, cold": median_ms(
            lambda: shop.catalog.listing(deep), repeat, cold
        ),
        "search hits' cards (24), cold": median_ms(lambda: shop.catalog.cards(ids), repeat, cold),
        "product page, cold": median_ms(lambda: shop.catalog.product(slugs[1]), repeat, cold),
        "cart read (3 lines)": median_ms(lambda: carts.view(token, None), repeat),
        "sitemap index": median_ms(lambda: "".join(sitemap.root()), repeat),
        "sitemap products file 2": median_ms(
            lambda: "".join(sitemap.products_file(2) or ()), repeat
        ),
    }


def admin_figures(engine: Engine, repeat: int) -> dict[str, float]:
    store = SqlAdminCatalog(engine)
    with engine.connect() as connection:
        sku = connection.execute(
            select(VARIANT.c.sku).order_by(VARIANT.c.id).offset(5000).limit(1)
        ).scalar_one()
        word = connection.execute(
            select(PRODUCT.c.title).order_by(PRODUCT.c.id).offset(7000).limit(1)
        ).scalar_one()
    word = max(word.split(), key=len)
    roots = [n for n in store.categories() if n.parent_id is None]
    queries = {
        "admin list, default (updated)": ProductQuery(),
        "admin list, title sort": ProductQuery(sort="title", descending=False),
        "admin list, price sort, page 2000": ProductQuery(sort="price", page=2000),
        f"admin list, text '{word}'": ProductQuery(text=word),
        f"admin list, SKU part '{sku[-6:]}'": ProductQuery(text=sku[-6:]),
        "admin list, category + title sort": ProductQuery(
            category_id=roots[0].id, sort="title", descending=False
        ),
        "admin list, low stock <= 2": ProductQuery(low_stock=2),
    }
    return {
        name: median_ms(lambda q=query: list_products(store, q), repeat)
        for name, query in queries.items()
    }


def explain(engine: Engine) -> None:
    statements = {
        "admin title sort": "SELECT id FROM product ORDER BY lower(title), id LIMIT 25",
        "admin text search": "SELECT count(*) FROM product WHERE id IN (SELECT id FROM product "
        "WHERE title ILIKE '%lamp%' UNION SELECT id FROM product WHERE external_id ILIKE "
        "'%lamp%' UNION SELECT product_id FROM variant WHERE sku ILIKE '%lamp%')",
        "admin price sort deep": "SELECT id FROM product ORDER BY price_minor DESC, id DESC "
        "OFFSET 49975 LIMIT 25",
        "sitemap category updates": "SELECT category.id, (SELECT max(updated_at) FROM product "
        "WHERE product.category_id = category.id AND status = 'active') FROM category",
    }
    with engine.connect() as connection:
        for name, statement in statements.items():
            plan = connection.execute(text(f"EXPLAIN ANALYZE {statement}")).scalars().all()
            print(f"--- {name}\n" + "\n".join(plan))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--explain", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        media = Path(tmp)
        if args.seed:
            started = time.perf_counter()
            seed(args.database_url, media, args.seed)
            print(f"seeded {args.seed:,} products in {time.perf_counter() - started:.0f} s")
        settings = Settings(
            database_url=args.database_url, media_dir=media, redis_url=None, cache_redis_url=None
        )
        shop = build_shop(settings)
        assert shop.engine is not None
        figures = {**shopper_figures(shop, args.repeat), **admin_figures(shop.engine, args.repeat)}
        started = time.perf_counter()
        written = export_catalog(shop.uow(), io.StringIO(), file_format="generic")
        figures[f"CSV export ({written:,} products), once"] = round(
            (time.perf_counter() - started) * 1000, 1
        )
        for name, ms in figures.items():
            print(f"{name:55} {ms:>9.1f} ms")
        if args.explain and shop.engine.dialect.name == "postgresql":
            explain(shop.engine)
        shop.engine.dispose()


if __name__ == "__main__":
    main()
