"""Seeding the demo catalog into real databases, through the CLI as the setup script does."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text

from storefront.adapters.sql_demo_orders import SqlOrderHistory
from storefront.bootstrap import Shop
from storefront.services.demo import seed_demo_catalog
from storefront.services.listing_query import ListingQuery
from tests.integration.cli_runs import Done, cli, cli_here

ORDERS = text("SELECT source, status FROM sales_order ORDER BY id")


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


@pytest.fixture
def command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Callable[..., Done]:
    """`python -m storefront.cli *args` on the SQLite file `database` of tmp_path, media in
    tmp_path/media, run in this process (two seconds a command saved): the refusal below
    runs in a process of its own, as the setup script runs them."""

    def run(database: str, *args: str) -> Done:
        env = {
            "DATABASE_URL": f"sqlite:///{tmp_path / database}",
            "BOUTIQUE_MEDIA_DIR": str(tmp_path / "media"),
        }
        done = cli_here(monkeypatch, capsys, tmp_path, *args, **env)
        assert done.returncode == 0, done.stdout + done.stderr
        return done

    return run


def test_seed_command_is_idempotent_with_if_empty(
    tmp_path: Path, command: Callable[..., Done]
) -> None:
    command("cli.db", "migrate")
    assert "seeded 50 new" in command("cli.db", "seed", "--count", "50", "--if-empty").stdout
    again = command("cli.db", "seed", "--count", "50", "--if-empty")
    assert "already has 50 products" in again.stdout
    assert len(list((tmp_path / "media" / "products").iterdir())) >= 50
    refused = cli(
        tmp_path,
        "seed",
        "--count",
        "0",
        DATABASE_URL=f"sqlite:///{tmp_path / 'cli.db'}",
        BOUTIQUE_MEDIA_DIR=str(tmp_path / "media"),
    )
    assert refused.returncode == 2
    assert "choose between 1 and 100,000" in refused.stderr


def test_demo_orders_only_when_asked_and_only_into_a_database_without_orders(
    tmp_path: Path, command: Callable[..., Done]
) -> None:
    """A live shop seeded by mistake gets no orders: they are opt-in (scripts/shop asks), and
    never written beside orders already there."""

    def shop_at(name: str) -> tuple[Callable[..., str], Engine]:
        def cli(*args: str) -> str:
            return command(name, *args).stdout

        cli("migrate")
        engine = create_engine(f"sqlite:///{tmp_path / name}")
        engines.append(engine)
        return cli, engine

    def orders(engine: Engine) -> list[tuple[str, str]]:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(ORDERS)]  # type: ignore[misc]

    engines: list[Engine] = []
    try:
        cli, engine = shop_at("live.db")
        assert "demo orders" not in cli("seed", "--count", "30")
        assert orders(engine) == []
        # The shop's first real order, then the demo history asked for by mistake.
        SqlOrderHistory(engine).add_fulfilled([[1, 2]], source="shop")
        refused = cli("seed", "--count", "30", "--demo-orders")
        assert "the database already has 1 orders: no demo orders recorded" in refused
        assert orders(engine) == [("shop", "fulfilled")]

        cli, engine = shop_at("demo.db")
        assert "recorded 24 demo orders" in cli("seed", "--count", "30", "--demo-orders")
        assert orders(engine) == [("demo", "fulfilled")] * 24
        help_text = command("demo.db", "seed", "--help").stdout
        assert "--demo-orders" in help_text
        assert "Orders are written only with --demo-orders" in " ".join(help_text.split())
    finally:
        for engine in engines:
            engine.dispose()
