"""Seeding the demo catalog into real databases, through the CLI as the setup script does."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from storefront.bootstrap import Shop
from storefront.services.demo import seed_demo_catalog
from storefront.services.listing_query import ListingQuery

ROOT = Path(__file__).resolve().parents[2]


def test_seeded_categories_list_products_with_their_facets(
    database_url: str, make_shop: Callable[..., Shop]
) -> None:
    shop = make_shop(database_url)
    summary = shop.run(seed_demo_catalog, shop.media, 300)
    assert summary.created == 300
    tree = shop.catalog.tree()
    bedding = tree.by_slug("bedding")
    assert bedding is not None
    page = shop.catalog.listing(ListingQuery(category_slug="bedding"))
    assert page is not None
    assert page.total > 0
    facet_keys = {f.key for f in page.facets}
    assert {"brand", "price", "rating", "stock", "colour", "size", "material"} <= facet_keys
    assert [c.name for c in page.breadcrumbs] == ["Home & Kitchen", "Bedding"]
    detail = shop.catalog.product(page.cards[0].slug)
    assert detail is not None
    assert detail.product.images


def test_seed_command_is_idempotent_with_if_empty(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}",
        "BOUTIQUE_MEDIA_DIR": str(tmp_path / "media"),
    }
    env.pop("REDIS_URL", None)

    def cli(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "storefront.cli", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout

    cli("migrate")
    assert "seeded 50 new" in cli("seed", "--count", "50", "--if-empty")
    assert "already has 50 products" in cli("seed", "--count", "50", "--if-empty")
    assert len(list((tmp_path / "media" / "products").iterdir())) >= 50
    refused = subprocess.run(
        [sys.executable, "-m", "storefront.cli", "seed", "--count", "0"],
        check=False,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert refused.returncode == 2
    assert "choose between 1 and 100,000" in refused.stderr
