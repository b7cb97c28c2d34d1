"""The SQL adapters on real SQLite and PostgreSQL, and their agreement with the fakes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from models.catalog import ProductStatus
from storefront.adapters.cache import InProcessCache
from storefront.adapters.sql_catalog_reader import SqlCatalogReader
from storefront.adapters.sql_sku import is_sku_clash
from storefront.adapters.sql_tables import VARIANT
from storefront.bootstrap import Shop, build_shop
from storefront.services import facet_table
from storefront.services.catalog_writer import save_drafts
from storefront.services.facet_table import FacetTable
from storefront.services.listing_query import ListingQuery, Sort
from storefront.services.ports import SkuOwner
from storefront.services.product_edits import set_variant_price
from tests.conftest import settings_for
from tests.fakes import CatalogData, FakeCatalogReader, FakeMediaStore, FakeUnitOfWork
from tests.integration.catalog_fixtures import seed_small_catalog
from tests.integration.db_locks import rows_free_to_write
from tests.unit.conftest import draft

QUERIES = [
    ListingQuery(category_slug="furniture"),
    ListingQuery(category_slug="chairs", sort=Sort.PRICE_DESC, page=2),
    ListingQuery(category_slug="chairs", brands=frozenset({"aalto"}), in_stock=True),
    ListingQuery(category_slug="chairs", attributes=(("colour", frozenset({"navy-blue"})),)),
    ListingQuery(
        category_slug="furniture", attributes=(("colour", frozenset({"red"})),), in_stock=True
    ),
    ListingQuery(category_slug="furniture", price_min=10_000, price_max=20_000, sort=Sort.NEWEST),
    ListingQuery(category_slug="tables", min_rating=4, sort=Sort.RATING),
]


@pytest.fixture
def shop(database_url: str, make_shop: Callable[..., Shop]) -> Shop:
    shop = make_shop(database_url)
    seed_small_catalog(shop)
    return shop


@pytest.fixture
def fake(tmp_path: Path) -> Shop:
    """The same catalog in the fakes, whose answers the SQL ones must match."""
    data = CatalogData()
    fake = build_shop(
        settings_for("sqlite://", tmp_path),
        cache=InProcessCache(),
        reader=FakeCatalogReader(data),
        uow_factory=lambda: FakeUnitOfWork(data),
        media=FakeMediaStore(),
    )
    seed_small_catalog(fake)
    return fake


def test_sql_listings_match_the_fake_for_the_same_catalog(shop: Shop, fake: Shop) -> None:
    for query in QUERIES:
        real, expected = shop.catalog.listing(query), fake.catalog.listing(query)
        assert real is not None
        assert expected is not None
        assert [c.slug for c in real.cards] == [c.slug for c in expected.cards], query
        assert (real.total, real.page_count) == (expected.total, expected.page_count)
        assert _facet_counts(real) == _facet_counts(expected), query
    assert [c.slug for c in shop.catalog.home().featured] == [
        c.slug for c in fake.catalog.home().featured
    ]


def _facet_counts(page):  # type: ignore[no-untyped-def]
    return {(f.key, v.token): (v.count, v.selected) for f in page.facets for v in f.values}


def test_warm_product_and_listing_pages_send_no_query(shop: Shop) -> None:
    query = ListingQuery(category_slug="chairs", brands=frozenset({"aalto"}))
    page = shop.catalog.listing(query)
    assert page is not None
    shop.catalog.product(page.cards[0].slug)
    shop.catalog.home()
    before = shop.query_count()
    shop.catalog.listing(query)
    shop.catalog.product(page.cards[0].slug)
    shop.catalog.home()
    assert shop.query_count() == before


def test_price_edit_reaches_product_page_listing_and_home(shop: Shop) -> None:
    detail = shop.catalog.product("chair-number-7")
    assert detail is not None
    shop.catalog.listing(ListingQuery(category_slug="chairs", sort=Sort.PRICE_ASC))
    for variant in detail.product.variants:
        shop.run(set_variant_price, detail.product.id, variant.sku, 100)
    fresh = shop.catalog.product("chair-number-7")
    assert fresh is not None
    assert [v.price_minor for v in fresh.product.variants] == [100] * len(detail.product.variants)
    page = shop.catalog.listing(ListingQuery(category_slug="chairs", sort=Sort.PRICE_ASC))
    assert page is not None
    assert (page.cards[0].slug, page.cards[0].price_minor) == ("chair-number-7", 100)
    assert [v.id for v in fresh.product.variants] == [v.id for v in detail.product.variants]


def test_products_are_held_for_an_edit_however_many_there_are(shop: Shop) -> None:
    """PostgreSQL takes at most 65,535 parameters a statement: an edit or import of more
    products than that holds them all the same, in one order."""
    assert shop.engine is not None
    assert rows_free_to_write(shop.engine, "product") == 40
    with shop.uow_factory() as uow:
        uow.catalog.lock_for_edit(range(1, 70_001))
        held = uow.catalog.product_record(1)
        # No other writer can change any of them (nor their variants) until it ends.
        assert rows_free_to_write(shop.engine, "product") == 0
        assert rows_free_to_write(shop.engine, "variant") == 0
    assert held is not None
    assert held.id == 1
    assert rows_free_to_write(shop.engine, "product") == 40


def test_a_sku_is_found_whatever_its_capitals_and_many_at_once(shop: Shop, fake: Shop) -> None:
    """ "sku-1-0" is "SKU-1-0" to a reader: found as the product holding it, and as that
    product writes it. Thousands asked at once are read in chunks (SQLite's parameters)."""
    asked = ["sku-1-0", "SKU-2-0", "Sku-4-1", "SKU-1-9", "é-1", *(f"x-{i}" for i in range(2_000))]
    expected = {
        "sku-1-0": SkuOwner("P1", "SKU-1-0"),
        "SKU-2-0": SkuOwner("P2", "SKU-2-0"),
        "Sku-4-1": SkuOwner("P4", "SKU-4-1"),
    }
    for each in (shop, fake):
        with each.uow_factory() as uow:
            assert uow.catalog.sku_owners(asked) == expected


def test_the_database_refuses_a_sku_held_in_other_capitals_and_folds_no_other_letter(
    shop: Shop,
) -> None:
    """Migration 0056: "sku-2-0" beside "SKU-2-0" is refused by the database itself, whatever
    writes it; letters other than A to Z are not folded, on PostgreSQL either (whose lower()
    folds "É" under a UTF-8 locale), as the shop's check holds them: "É-9" and "é-9" are
    two SKUs, and "ÉA-9" is "Éa-9"."""
    assert shop.engine is not None
    with pytest.raises(IntegrityError) as refused, shop.engine.begin() as connection:
        connection.execute(text("UPDATE variant SET sku = 'sku-2-0' WHERE sku = 'SKU-3-0'"))
    assert is_sku_clash(refused.value)
    with pytest.raises(IntegrityError) as other, shop.engine.begin() as connection:
        connection.execute(text("UPDATE variant SET stock = -1"))
    assert not is_sku_clash(other.value)
    renamed = {"SKU-3-0": "É-9", "SKU-4-0": "é-9", "SKU-5-0": "Éa-9"}
    with shop.engine.begin() as connection:
        for sku, new in renamed.items():
            connection.execute(
                text("UPDATE variant SET sku = :new WHERE sku = :sku"), {"new": new, "sku": sku}
            )
    with shop.uow_factory() as uow:
        owners = uow.catalog.sku_owners(["SKU-3-0", "É-9", "é-9", "ÉA-9", "sku-2-0"])
    assert owners == {
        "É-9": SkuOwner("P3", "É-9"),
        "é-9": SkuOwner("P4", "é-9"),
        "ÉA-9": SkuOwner("P5", "Éa-9"),
        "sku-2-0": SkuOwner("P2", "SKU-2-0"),
    }


def test_database_refuses_negative_stock(shop: Shop) -> None:
    assert shop.engine is not None
    with pytest.raises(IntegrityError), shop.engine.begin() as connection:
        connection.execute(text("UPDATE variant SET stock = -1"))
    with shop.engine.connect() as connection:
        assert connection.execute(text("SELECT min(stock) FROM variant")).scalar() == 0


def test_timestamps_come_back_timezone_aware(shop: Shop) -> None:
    detail = shop.catalog.product("chair-number-1")
    assert detail is not None
    assert detail.product.updated_at.utcoffset() is not None


def test_stored_facet_tables_serve_a_cold_cache_and_follow_edits(shop: Shop) -> None:
    query = ListingQuery(category_slug="chairs", sort=Sort.PRICE_ASC)
    first = shop.catalog.listing(query)
    assert first is not None
    shop.cache.clear()
    before = shop.query_count()
    again = shop.catalog.listing(query)
    # Tree, brands, the stored table (generation and data), the cards: no product scan.
    assert shop.query_count() - before <= 6
    assert again == first
    detail = shop.catalog.product("chair-number-9")
    assert detail is not None
    for variant in detail.product.variants:
        shop.run(set_variant_price, detail.product.id, variant.sku, 5)
    shop.cache.clear()
    fresh = shop.catalog.listing(query)
    assert fresh is not None
    assert (fresh.cards[0].slug, fresh.cards[0].price_minor) == ("chair-number-9", 5)


def test_an_older_facet_table_never_replaces_a_newer_one(shop: Shop) -> None:
    tree = shop.catalog.tree()
    chairs = tree.by_slug("chairs")
    assert chairs is not None
    reader = shop.catalog._reader
    reader.store_facet_snapshot(chairs.id, 7, b"newer")
    reader.store_facet_snapshot(chairs.id, 3, b"older")
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        stored = connection.execute(
            text("SELECT generation, data FROM category_facets WHERE category_id = :c"),
            {"c": chairs.id},
        ).one()
    assert (stored[0], bytes(stored[1])) == (7, b"newer")
    # Generation 7 is not the category's current one: the table is not used.
    assert reader.facet_snapshot(chairs.id).data is None


def test_a_stored_facet_table_of_an_older_format_is_replaced_by_the_rebuilt_one(
    shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After an upgrade that changed the format, the first listing rebuilds the table and
    stores it: later cold reads do not rebuild it again."""
    query = ListingQuery(category_slug="chairs")
    assert shop.catalog.listing(query) is not None
    chairs = shop.catalog.tree().by_slug("chairs")
    assert chairs is not None
    assert shop.engine is not None
    with monkeypatch.context() as older:  # as the version before this one wrote it
        older.setattr(facet_table, "FORMAT_VERSION", facet_table.FORMAT_VERSION - 1)
        old = FacetTable.from_rows([]).to_bytes()
    with shop.engine.begin() as connection:
        connection.execute(
            text("UPDATE category_facets SET data = :old WHERE category_id = :c"),
            {"old": old, "c": chairs.id},
        )
    reader = shop.catalog._reader
    rebuilds = rebuilds_of(reader, monkeypatch)
    shop.cache.clear()
    rebuilt = shop.catalog.listing(query)  # rebuilt from the products
    assert rebuilt is not None
    assert rebuilds == [chairs.id]
    stored = reader.facet_snapshot(chairs.id).data
    assert stored is not None
    table = FacetTable.from_bytes(stored)
    assert table is not None
    with shop.engine.connect() as connection:
        chair_ids = connection.execute(
            text("SELECT id FROM product WHERE category_id = :c ORDER BY id"), {"c": chairs.id}
        ).scalars()
        assert sorted(table.product_id.tolist()) == list(chair_ids)
    assert len(table.product_id) == 30
    shop.cache.clear()
    assert shop.catalog.listing(query) == rebuilt
    assert rebuilds == [chairs.id]  # read from the stored table, not built again
    assert reader.facet_snapshot(chairs.id).data == stored


def rebuilds_of(reader: Any, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The categories whose facet table is built from their products from now on (each
    build reads their facet rows)."""
    built: list[int] = []
    original = reader.facet_rows

    def facet_rows(category_ids: Any) -> Any:
        built.extend(sorted(category_ids))
        return original(category_ids)

    monkeypatch.setattr(reader, "facet_rows", facet_rows)
    return built


def test_a_card_says_when_its_variants_prices_differ(shop: Shop) -> None:
    """Its price is the lowest; with dearer variants beside it the card reads "from"."""
    cards = {card.title: card for card in shop.catalog.cards(list(range(1, 41)))}
    two_prices, one_variant = cards["Chair number 1"], cards["Chair number 3"]
    assert (two_prices.price_minor, two_prices.price_varies) == (6_000, True)
    assert (one_variant.price_minor, one_variant.price_varies) == (8_000, False)


def test_a_variants_picture_is_its_own_else_its_colours(shop: Shop) -> None:
    """What a card opening on that variant shows (CatalogService.pictured)."""
    assert shop.engine is not None
    with shop.engine.begin() as connection:
        variant_id, product_id = connection.execute(
            text("select id, product_id from variant where sku = 'SKU-1-1'")
        ).one()
        options = select(VARIANT.c.options).where(VARIANT.c.id == variant_id)
        [colour] = connection.execute(options).scalar_one().values()
        connection.execute(
            text(
                "insert into productimage (product_id, path, alt, position, option_value)"
                " values (:p, 'first.jpg', '', 0, 'Nope'), (:p, 'mine.jpg', '', 1, :c)"
            ),
            {"p": product_id, "c": colour},
        )
    reader = SqlCatalogReader(shop.engine)
    assert reader.variant_pictures([variant_id]) == {variant_id: "mine.jpg"}
    with shop.engine.begin() as connection:
        connection.execute(
            text("update variant set image_path = 'own.jpg' where id = :v"), {"v": variant_id}
        )
    assert reader.variant_pictures([variant_id, 999_999]) == {variant_id: "own.jpg"}


def test_the_navigation_lists_only_categories_holding_an_active_product(
    shop: Shop, fake: Shop
) -> None:
    """A department made by a typo in an import, its products moved since, stayed in the
    header with a page of nothing (merchandiser QA)."""
    for each in (shop, fake):
        lamp = draft(41, category=("Lighting", "Lamps"))
        each.run(
            save_drafts, [lamp, draft(42, category=("Garden", "Pots"), status=ProductStatus.DRAFT)]
        )
        tree = each.catalog.tree()
        names = {tree.get(found).name for found in each.catalog.shown_categories()}  # type: ignore[union-attr]
        assert names == {"Furniture", "Chairs", "Tables", "Lighting", "Lamps"}
        each.run(save_drafts, [replace(lamp, status=ProductStatus.ARCHIVED)])
        names = {tree.get(found).name for found in each.catalog.shown_categories()}  # type: ignore[union-attr]
        assert names == {"Furniture", "Chairs", "Tables"}
