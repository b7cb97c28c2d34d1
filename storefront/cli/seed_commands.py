"""Demo catalog command: seed."""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

from storefront.adapters.sql_demo_orders import SqlOrderHistory
from storefront.bootstrap import Shop, get_shop
from storefront.cli.progress import stage_progress
from storefront.services.demo import seed_demo_catalog
from storefront.services.demo.generator import MAX_PRODUCTS
from storefront.services.demo.order_history import demo_orders
from storefront.services.errors import InvalidProduct


def register(commands: Any) -> None:
    seed = commands.add_parser(
        "seed",
        help="fill the catalog with the generated demo products (and, with --demo-orders, "
        "a demo order history)",
        description="Add the generated demo products (and their images) to the catalog. "
        "Orders are written only with --demo-orders, and then only into a database that has "
        "no orders yet: fulfilled orders of the demo products (4,000 for 5,000), which the "
        "'frequently bought together' recommendations count like real ones (the dashboard "
        "and the orders list leave them out). scripts/shop asks for them; a live shop should not.",
    )
    seed.add_argument("--count", type=_count, default=5000, help="products (1 to 100,000)")
    seed.add_argument("--seed", type=int, default=2026, help="another seed, another catalog")
    seed.add_argument(
        "--if-empty", action="store_true", help="do nothing when the catalog has products"
    )
    seed.add_argument(
        "--demo-orders",
        action="store_true",
        help="also record a demo order history for 'frequently bought together', unless the "
        "database has orders",
    )
    seed.set_defaults(run=run_seed)


def _count(text: str) -> int:
    value = int(text)
    if not 1 <= value <= MAX_PRODUCTS:
        raise argparse.ArgumentTypeError(f"choose between 1 and {MAX_PRODUCTS:,}")
    return value


def run_seed(args: argparse.Namespace) -> int:
    shop = get_shop()
    if args.if_empty:
        with shop.uow() as uow:
            existing = len(uow.catalog.product_keys())
        if existing:
            print(f"the catalog already has {existing:,} products: not seeding")
            return 0
    started = time.perf_counter()
    try:
        with stage_progress(args.count) as on_progress:
            summary = shop.run(
                seed_demo_catalog, shop.media, args.count, seed=args.seed, on_progress=on_progress
            )
    except InvalidProduct as exc:  # a demo SKU the shop's own products hold, in any capitals
        print(f"seed refused: {exc.message}; nothing was written", file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - started
    print(
        f"seeded {summary.created:,} new and {summary.updated:,} updated demo products "
        f"in {elapsed:.1f} s"
    )
    if args.demo_orders:
        _seed_order_history(shop, args.count, args.seed)
    return 0


def _seed_order_history(shop: Shop, product_count: int, seed: int) -> None:
    """Demo orders for "frequently bought together", only into a database with no orders (a
    live shop's, or a demo's seeded before, is left as it is)."""
    if shop.engine is None or shop.search_store is None:
        return
    history = SqlOrderHistory(shop.engine)
    if existing := history.count():
        print(f"the database already has {existing:,} orders: no demo orders recorded")
        return
    orders = demo_orders(shop.search_store.documents(), int(product_count * 0.8), seed=seed)
    written = history.add_fulfilled([o.product_ids for o in orders], source="demo")
    print(f"recorded {written:,} demo orders for the bought-together recommendations")
