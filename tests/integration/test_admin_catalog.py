"""The catalog admin on real SQLite and PostgreSQL: the product list, product forms, bulk
actions, stock adjustments under concurrency, and image uploads."""

from __future__ import annotations

import csv
import io
import json
import struct
import threading
import uuid
import zlib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg
import pytest
import reflex as rx
from reflex.utils.format import format_event
from sqlalchemy import event, func, select, text
from sqlmodel import Session

from models.inventory import ReservationStatus, StockReservation
from models.orders import OrderLine, OrderStatus, SalesOrder
from models.records import ProductRecord, VariantRecord
from models.types import utc_now
from state.admin import stock as stock_state
from state.admin.guard import AdminState
from state.admin.product_edit import IMAGE_UPLOAD, AdminProductState
from state.admin.products import AdminProductsState
from state.admin.stock import AdminStockState
from state.product import ProductState
from state.shop import media_url
from storefront.adapters.migrations import upgrade_database
from storefront.adapters.sql_admin_catalog import SqlAdminCatalog
from storefront.adapters.sql_inventory import SqlInventory
from storefront.adapters.sql_outbox import OUTBOX
from storefront.adapters.sql_stock_admin import SqlStockAdmin
from storefront.bootstrap import Shop, set_shop
from storefront.i18n import translations
from storefront.services.admin.access import Permission
from storefront.services.admin.audit import AuditRecord
from storefront.services.admin.bulk import (
    change_prices,
    move_to_category,
    set_featured,
    set_status,
)
from storefront.services.admin.catalog_ports import StockMove
from storefront.services.admin.images import (
    arrange_image,
    attach_image,
    describe_image,
    product_images,
    show_image_for,
)
from storefront.services.admin.product_form import ProductForm, VariantForm
from storefront.services.admin.product_list import ProductQuery, list_products
from storefront.services.admin.product_writes import create_product, product_form_of, update_product
from storefront.services.admin.stock import StockAdmin
from storefront.services.catalog_names import CategorySpec
from storefront.services.catalog_writer import save_drafts
from storefront.services.errors import Refusal
from storefront.services.listing_query import ListingQuery, Sort
from storefront.services.product_edits import edit_products
from tests.integration.admin_fixtures import (
    admin_of,
    exported_catalog,
    staff_of,
    team_sessions,
    unwritable_audit,
)
from tests.integration.catalog_fixtures import seed_small_catalog
from tests.integration.db_locks import rows_free_to_write, wait_until_waiting_on_a_lock
from tests.integration.test_admin_authorization import state_at, visit
from tests.unit.conftest import CHAIRS, draft

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def shop(database_url: str, make_shop: Callable[..., Shop]) -> Shop:
    shop = make_shop(database_url)
    seed_small_catalog(shop)
    return shop


def admin_list(shop: Shop, **query: object) -> tuple[list[str], int, int, int]:
    """(titles on the page, total, page, pages)."""
    assert shop.engine is not None
    page = list_products(SqlAdminCatalog(shop.engine), ProductQuery(**query))  # type: ignore[arg-type]
    return [r.title for r in page.rows], page.total, page.page, page.pages


def stock_admin(shop: Shop) -> StockAdmin:
    assert shop.engine is not None
    return StockAdmin(SqlStockAdmin(shop.engine), shop.bus.publish)


def scalar(shop: Shop, sql: str, **params: object) -> object:
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        return connection.execute(text(sql), params).scalar()


def outbox_size(shop: Shop) -> int:
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(OUTBOX)).scalar_one())


def product_id(shop: Shop, slug: str) -> int:
    return int(str(scalar(shop, "select id from product where slug = :slug", slug=slug)))


def category_id(shop: Shop, name: str) -> int:
    return int(str(scalar(shop, "select id from category where name = :name", name=name)))


def stool_form(shop: Shop, **changes: object) -> ProductForm:
    values: dict[str, object] = {
        "title": "Bar stool",
        "category_id": category_id(shop, "Chairs"),
        "brand": "Nordform",
        "status": "active",
        "variants": (
            VariantForm(sku="STOOL-65", price="89,90", stock="6", options="height=65 cm"),
            VariantForm(sku="STOOL-75", price="94.50", stock="0", options="height=75 cm"),
        ),
    }
    values |= changes
    return ProductForm(**values)  # type: ignore[arg-type]


# The list ----------------------------------------------------------------------------------


def test_the_list_pages_through_every_product_once_and_clamps_the_page(shop: Shop) -> None:
    seen: list[str] = []
    for page in range(1, 7):
        titles, total, shown, pages = admin_list(
            shop, page=page, page_size=7, sort="title", descending=False
        )
        assert (total, shown, pages) == (40, page, 6)
        seen += titles
    assert len(seen) == len(set(seen)) == 40
    assert seen == sorted(seen, key=str.lower)
    titles, _, shown, _ = admin_list(shop, page=99, page_size=7, sort="title", descending=False)
    assert (len(titles), shown) == (5, 6)
    assert admin_list(shop, text="no such thing") == ([], 0, 1, 1)


def test_the_list_finds_products_by_sku_title_or_external_id(shop: Shop) -> None:
    assert admin_list(shop, text="sku-7-1")[0] == ["Chair number 7"]
    assert admin_list(shop, text="  NUMBER 12 ")[0] == ["Chair number 12"]
    assert admin_list(shop, text="p33")[0] == ["Chair number 33"]
    assert admin_list(shop, text="%")[1] == 0  # a wildcard typed is a character searched
    # "SKU-2" is a prefix of SKU-2-x and SKU-20..29-x.
    assert admin_list(shop, text="SKU-2-", sort="title", descending=False)[0] == ["Chair number 2"]
    assert admin_list(shop, text="SKU-2")[1] == 11


def test_the_search_folds_the_case_and_the_accents_of_every_letter(shop: Shop) -> None:
    """SQLite's lower() and LIKE fold A to Z alone: "SAUTÉ" missed "Sauté" there; and on
    both databases "cafe" missed "Café crème" (QA), "coeur" "Cœur": the shop's own search
    ignores accents and spells out special letters."""
    assert shop.engine is not None
    titles = {
        "chair-number-5": "Sauté pan Ünal",
        "chair-number-6": "Café crème mug",
        "chair-number-7": "Cafe\u0301 cre\u0300me bowl",  # accents as marks of their own (NFD)
        "chair-number-8": "Cœur cup",
        "chair-number-9": "Oeuf Strasse Ørsted",
    }
    with shop.engine.begin() as db:
        for slug, title in titles.items():
            db.execute(
                text("update product set title = :t where slug = :s"), {"t": title, "s": slug}
            )

    def found(typed: str) -> list[str]:
        return sorted(admin_list(shop, text=typed, page_size=100)[0])

    for typed in ("SAUTÉ", "sauté", "saute", "ünal", "UNAL", "é PAN ü", "e pan u"):
        assert found(typed) == ["Sauté pan Ünal"], typed
    cafe = ["Cafe\u0301 cre\u0300me bowl", "Café crème mug"]
    for typed in ("cafe creme", "CAFE", "café", "CAFÉ CRÈME", "Cafe\u0301", "crême", "ÉME"):
        assert found(typed) == cafe, typed
    assert found("café crème mug") == ["Café crème mug"]
    assert found("caffe") == found("cafe cream") == []  # the letters still count
    # Special letters and ligatures spelled out, either way: œ oe, ß ss, ø o.
    for typed in ("CŒUR", "cœur", "coeur", "COEUR CUP"):
        assert found(typed) == ["Cœur cup"], typed
    for typed in ("strasse", "STRAẞE", "straße", "orsted", "ØRSTED"):
        assert found(typed) == ["Oeuf Strasse Ørsted"], typed
    assert found("œuf") == found("oeuf") == ["Oeuf Strasse Ørsted"]
    assert found("coer") == found("ostrasse") == []  # the letters still count


def test_a_products_id_searched_lists_that_product_first(shop: Shop) -> None:
    """An id typed matched no product of its own, only the titles and SKUs holding it."""
    three = product_id(shop, "chair-number-3")
    holding = admin_list(shop, text=f"number {three}", page_size=100)[0]  # 3, 30 to 39
    assert holding[0] != "Chair number 3"  # listed by title, another comes first
    for descending in (False, True):
        titles = admin_list(
            shop, text=f" {three} ", sort="title", descending=descending, page_size=100
        )[0]
        assert titles[0] == "Chair number 3"
        assert set(holding) <= set(titles)  # the titles holding it still follow
    assert admin_list(shop, text="9" * 30)[1] == 0  # past any id: no error, no match


def test_the_list_filters_by_category_subtree_brand_status_and_low_stock(shop: Shop) -> None:
    assert admin_list(shop, category_id=category_id(shop, "Furniture"))[1] == 40
    assert admin_list(shop, category_id=category_id(shop, "Chairs"))[1] == 30
    birch = int(str(scalar(shop, "select id from brand where name = 'Birch & Co'")))
    assert admin_list(shop, brand_id=birch)[1] == 15
    low = admin_list(shop, low_stock=0, sort="title", descending=False)[0]
    assert low == ["Chair number 10", "Chair number 20", "Chair number 30"]
    shop.run(set_status, [product_id(shop, "chair-number-5")], "archived")
    assert admin_list(shop, status="archived")[0] == ["Chair number 5"]
    assert admin_list(shop, status="active")[1] == 39
    assert admin_list(shop, status="bogus")[1] == 40  # an unknown status shows everything


def test_the_list_sorts_and_carries_variant_figures(shop: Shop) -> None:
    assert admin_list(shop, sort="price", descending=True)[0][0] == "Chair number 30"  # 350.00
    assert admin_list(shop, sort="price", descending=False)[0][0] == "Chair number 1"
    assert admin_list(shop, sort="newest")[0][0] == "Chair number 40"
    assert admin_list(shop, sort="stock", descending=False)[0][:3] == [  # ties: by id
        "Chair number 10",
        "Chair number 20",
        "Chair number 30",
    ]
    assert shop.engine is not None
    page = list_products(SqlAdminCatalog(shop.engine), ProductQuery(text="chair number 4"))
    row = next(r for r in page.rows if r.title == "Chair number 4")
    assert (row.category_name, row.brand_name, row.status) == ("Chairs", "Birch & Co", "active")
    assert row.category_name_i18n == {"fr": "Chaises"}  # the list names it in French too
    assert (row.min_price_minor, row.max_price_minor, row.currency) == (9000, 9100, "EUR")
    assert (row.stock, row.variant_count, row.slug) == (10, 2, "chair-number-4")
    assert row.image_path == "/media/products/P4.svg"
    assert row.updated_at.utcoffset() is not None


# Product forms -----------------------------------------------------------------------------


def test_a_created_product_shows_in_the_shop_at_once(shop: Shop) -> None:
    chairs = ListingQuery(category_slug="chairs")
    listing = shop.catalog.listing(chairs)
    assert listing is not None
    assert listing.total == 30
    new_id = shop.run(create_product, stool_form(shop), currency="EUR")
    page = shop.catalog.product("bar-stool")
    assert page is not None
    assert page.product.id == new_id
    assert [(v.sku, v.price_minor, v.stock) for v in page.product.variants] == [
        ("STOOL-65", 8990, 6),
        ("STOOL-75", 9450, 0),
    ]
    after = shop.catalog.listing(chairs)
    assert after is not None
    assert after.total == 31  # the cached listing was invalidated by the event
    assert admin_list(shop, text="stool-75")[0] == ["Bar stool"]


def test_a_created_product_is_audited_as_json_of_what_it_holds(shop: Shop) -> None:
    """The entry's after is the product as created, as an edit's is: readable JSON, not the
    form's repr."""
    staff = staff_of(shop, team_sessions(shop).staff, Permission.CATALOG)
    new_id = admin_of(shop).catalog.create(staff, stool_form(shop))
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        ((action, subject, before, after),) = connection.execute(
            text("select action, subject, before, after from admin_audit where action = :a"),
            {"a": "product.create"},
        ).all()
    assert (action, subject, before) == ("product.create", f"product:{new_id}", "")
    nordform = scalar(shop, "select id from brand where name = 'Nordform'")
    assert json.loads(after) == {
        "title": "Bar stool",
        "description": {"chars": 0, "sha256": "e3b0c44298fc1c14"},  # sha-256 of nothing
        "status": "active",
        "category_id": category_id(shop, "Chairs"),
        "brand_id": nordform,
        "variants": {
            "STOOL-65": {
                "price_minor": 8990, "compare_at_minor": None, "stock": 6,
                "options": {"height": "65 cm"},
            },
            "STOOL-75": {
                "price_minor": 9450, "compare_at_minor": None, "stock": 0,
                "options": {"height": "75 cm"},
            },
        },
    }  # fmt: skip


def test_an_update_reaches_the_cached_product_page_and_keeps_stock(shop: Shop) -> None:
    slug = "chair-number-3"
    cached = shop.catalog.product(slug)
    assert cached is not None
    pid = cached.product.id
    form = shop.run(product_form_of, pid)
    assert form.variants[0].price == "80.00"
    edited = ProductForm(
        title="Chair number 3 (oak)",
        description="Now in oak.",
        category_id=form.category_id,
        brand=form.brand,
        status="active",
        variants=(VariantForm(sku="SKU-3-0", price="75", stock="500", options="colour=Green"),),
    )
    outbox_before = outbox_size(shop)
    change = shop.run(update_product, pid, edited)
    assert change.after["variants"]["SKU-3-0"]["price_minor"] == 7500
    fresh = shop.catalog.product(slug)  # the slug stays: links and carts keep working
    assert fresh is not None
    assert (fresh.product.title, fresh.product.price_minor, fresh.product.stock) == (
        "Chair number 3 (oak)",
        7500,
        5,
    )
    assert [v.id for v in fresh.product.variants] == [v.id for v in cached.product.variants]
    assert outbox_size(shop) == outbox_before + 1


def test_refused_forms_name_their_fields_and_write_nothing(shop: Shop) -> None:
    products, outbox = scalar(shop, "select count(*) from product"), outbox_size(shop)
    taken = stool_form(
        shop,
        category_id=99999,
        variants=(
            VariantForm(sku="SKU-1-0", price="1", options="size=M"),
            VariantForm(sku="OK-1", price="2", options="size=L"),
        ),
    )
    with pytest.raises(Refusal) as caught:
        shop.run(create_product, taken, currency="EUR")
    assert caught.value.fields == {
        "category_id": "admin.product.error.category",
        "variants.0.sku": "admin.product.error.sku_taken",
    }
    pid = product_id(shop, "chair-number-2")
    for sku in ("SKU-1-0", "sku-1-0"):  # the same to a reader, whatever its capitals
        stolen = stool_form(shop, variants=(VariantForm(sku=sku, price="1"),))
        with pytest.raises(Refusal) as caught:
            shop.run(update_product, pid, stolen)
        assert caught.value.fields == {"variants.0.sku": "admin.product.error.sku_taken"}
    with pytest.raises(Refusal) as caught:
        shop.run(update_product, pid, stool_form(shop, title="", brand="A new brand"))
    assert caught.value.fields == {"title": "admin.product.error.title"}
    assert scalar(shop, "select count(*) from product") == products
    assert scalar(shop, "select count(*) from brand where name = 'A new brand'") == 0
    assert scalar(shop, "select title from product where id = :id", id=pid) == "Chair number 2"
    assert outbox_size(shop) == outbox


# Bulk actions ------------------------------------------------------------------------------


def test_bulk_status_unpublishes_from_the_shop_in_one_go(shop: Shop) -> None:
    slugs = ["chair-number-1", "chair-number-2", "chair-number-3"]
    assert all(shop.catalog.product(slug) for slug in slugs)
    changes = shop.run(set_status, [product_id(shop, s) for s in slugs], "draft")
    assert [c.after for c in changes] == [{"status": "draft"}] * 3
    assert [shop.catalog.product(slug) for slug in slugs] == [None, None, None]
    changes = shop.run(set_status, [product_id(shop, s) for s in slugs], "active")
    assert len(changes) == 3
    assert all(shop.catalog.product(slug) for slug in slugs)


def test_bulk_featuring_reaches_the_home_pages_row_and_is_audited(shop: Shop) -> None:
    """QA: only a catalog import could feature a product."""
    slugs = ["chair-number-3", "chair-number-5"]
    ids = [product_id(shop, s) for s in slugs]
    shown = {card.slug for card in shop.catalog.home().featured}
    assert not shown & set(slugs)
    changes = shop.run(set_featured, ids, True)
    assert [c.after for c in changes] == [{"featured": True}] * 2
    assert set(slugs) <= {card.slug for card in shop.catalog.home().featured}
    assert shop.run(set_featured, ids, True) == []  # as asked already: nothing changed
    shop.run(set_featured, ids, False)
    assert not {card.slug for card in shop.catalog.home().featured} & set(slugs)
    admin = admin_of(shop)
    staff = staff_of(shop, team_sessions(shop).staff, Permission.CATALOG)
    assert admin.catalog.set_featured(staff, ids[:1], True) == 1
    assert scalar(shop, "select action from admin_audit order by id desc") == "product.feature"


def test_bulk_prices_and_category_moves_reach_listings(shop: Shop) -> None:
    ids = [product_id(shop, "chair-number-1"), product_id(shop, "chair-number-4")]
    shop.catalog.listing(ListingQuery(category_slug="tables"))
    changes = shop.run(change_prices, ids, "-10")
    assert changes[0].after == {
        "prices": {
            "SKU-1-0": {"price_minor": 5400, "compare_at_minor": None},
            "SKU-1-1": {"price_minor": 5490, "compare_at_minor": None},
        }
    }
    page = shop.catalog.product("chair-number-4")
    assert page is not None
    assert page.product.price_minor == 8100
    moved = shop.run(move_to_category, ids, category_id(shop, "Tables"))
    assert len(moved) == 2
    tables = shop.catalog.listing(ListingQuery(category_slug="tables"))
    assert tables is not None
    assert tables.total == 12
    assert admin_list(shop, category_id=category_id(shop, "Chairs"))[1] == 28


async def test_a_refused_bulk_action_stays_shown_when_the_list_is_read_again(shop: Shop) -> None:
    sessions = team_sessions(shop)
    set_shop(shop)
    try:
        page = state_at(AdminProductsState, sessions.admin, {})
        await page.load_page()  # type: ignore[attr-defined]
        await page.toggle(product_id(shop, "chair-number-1"))  # type: ignore[attr-defined]
        await page.toggle(99_999)  # type: ignore[attr-defined]  # a product deleted meanwhile
        await page.ask({"action": "price", "percent": "-10"})  # type: ignore[attr-defined]
        await page.confirm()  # type: ignore[attr-defined]
        root = await page.get_state(AdminState)
        assert root.problem == translations("admin.bulk.error.not_found")  # type: ignore[attr-defined]
        assert page.rows  # type: ignore[attr-defined]  # the list was read again
        assert page.selected == [product_id(shop, "chair-number-1"), 99_999]  # type: ignore[attr-defined]
    finally:
        set_shop(None)


async def test_a_bulk_action_is_checked_before_asking_and_the_question_says_what_it_does(
    shop: Shop,
) -> None:
    set_shop(shop)
    prices = "select sum(price_minor) from variant"
    try:
        page: Any = state_at(AdminProductsState, team_sessions(shop).admin, {})
        await page.load_page()
        await page.toggle(product_id(shop, "chair-number-1"))
        root: Any = await page.get_state(AdminState)
        before = scalar(shop, prices)
        for percent in ("abc", "", "-95", "501", "NaN", "0", "-0.00"):
            await page.ask({"action": "price", "percent": percent, "category": ""})
            assert (page.pending, root.problem) == ({}, translations("admin.bulk.error.percent"))
        await page.ask({"action": "move", "percent": "", "category": ""})
        assert (page.pending, root.problem) == ({}, translations("admin.bulk.error.category"))
        await page.confirm()  # nothing was asked: nothing changes
        assert scalar(shop, prices) == before
        await page.ask({"action": "price", "percent": "12,5", "category": ""})
        assert page.pending["detail"] == "+12.5%"
        assert page.pending["detail_fr"] == "+12,5\u202f%"  # as French writes it (QA)
        assert root.problem == {}  # the last refusal is not left above the question (QA)
        tables = str(category_id(shop, "Tables"))
        await page.ask({"action": "move", "percent": "", "category": tables})
        assert page.pending["detail"] == "Furniture › Tables"
        assert page.pending["detail_fr"] == "Furniture › Tables"  # no French names here
        await page.confirm()
        assert root.problem == {}
        assert root.notice == {"en": "1 product changed.", "fr": "1 produit modifié."}
        chair = product_id(shop, "chair-number-1")
        assert scalar(shop, "select category_id from product where id = :i", i=chair) == int(tables)
    finally:
        set_shop(None)


async def test_the_selection_is_the_pages_and_its_header_box_says_how_much_of_it(
    shop: Shop,
) -> None:
    """Page 1's 25 stayed selected under page 2's rows, the header box ticked over unticked
    rows, and "Stop featuring" went to 50 products of which 25 were out of sight (QA)."""
    set_shop(shop)
    try:
        chairs = category_id(shop, "Chairs")
        assert shop.engine is not None
        with shop.engine.begin() as db:
            db.execute(
                text("update product set featured = true where category_id = :c"), {"c": chairs}
            )
        page: Any = state_at(AdminProductsState, team_sessions(shop).admin, {})
        await page.load_page()
        assert page.page_ticked is False
        await page.apply_filters({"category": str(chairs), "sort": "title"})
        first = [r.id for r in page.rows]
        assert (len(first), page.total) == (25, 30)
        await page.toggle(first[0])
        assert page.page_ticked == "indeterminate"
        await page.toggle_page()
        assert (page.selected, page.page_ticked) == (first, True)
        assert page.selected_titles == [r.title for r in page.rows]
        await page.go(2)
        assert (page.selected, page.page_ticked) == ([], False)
        await page.toggle_page()
        second = [r.id for r in page.rows]
        assert (len(page.selected), page.page_ticked) == (5, True)
        await page.ask({"action": "unfeature", "percent": "", "category": ""})
        assert page.selected_titles == [r.title for r in page.rows]  # the dialog names them
        await page.confirm()
        root: Any = await page.get_state(AdminState)
        assert root.notice == {"en": "5 products changed.", "fr": "5 produits modifiés."}
        featured = "select id from product where featured and category_id = :c order by id"
        still = _column(shop, featured.replace(":c", str(chairs)))
        assert sorted(still) == sorted(first)  # page 2's alone stopped: page 1's stay
        await page.toggle(second[0])
        await page.load_page()  # back from elsewhere: the rows may have changed meanwhile
        assert page.selected == []
    finally:
        set_shop(None)


async def test_the_product_list_offers_categories_added_since_its_last_visit(shop: Shop) -> None:
    set_shop(shop)
    try:
        page: Any = state_at(AdminProductsState, team_sessions(shop).admin, {})
        await page.load_page()
        lamps = CategorySpec(("Furniture", "Lamps"), name_i18n={"fr": "Lampes"})  # an import
        shop.run(save_drafts, [], categories=[lamps])
        await page.load_page()
        # [id, English path, French path]: the select names it in the reader's language
        # (a parent without a French name keeps its own).
        assert ["Furniture › Lamps", "Furniture › Lampes"] in [c[1:] for c in page.categories]
    finally:
        set_shop(None)


def shown(page: Any) -> dict[str, str]:
    """The product page's form as the browser sends it back untouched."""
    form = dict(page.values) | {"save_key": page.save_key}
    for i, variant in enumerate(page.variants):
        form |= {f"variants.{i}.{field}": value for field, value in variant.items()}
    return form


async def test_the_product_page_does_not_save_over_a_price_change_made_since_it_opened(
    shop: Shop,
) -> None:
    sessions = team_sessions(shop)
    set_shop(shop)
    prices = "select sum(price_minor) from variant where product_id = 1"
    try:
        page: Any = state_at(AdminProductState, sessions.admin, {})  # product 1
        await page.load_page()
        opened = shown(page)
        shop.run(change_prices, [1], "10")  # someone's bulk change meanwhile
        raised = scalar(shop, prices)
        await page.save(opened | {"title": "Renamed"})
        root: Any = await page.get_state(AdminState)
        assert "changed this product meanwhile" in root.problem["en"]
        assert (scalar(shop, prices), scalar(shop, "select title from product where id = 1")) == (
            raised, "Chair number 1",
        )  # fmt: skip
        await page.load_page()  # opened again: saves, over the prices as they are now
        await page.save(shown(page) | {"title": "Renamed"})
        assert (scalar(shop, prices), scalar(shop, "select title from product where id = 1")) == (
            raised, "Renamed",
        )  # fmt: skip
    finally:
        set_shop(None)


async def test_the_product_page_links_to_the_shop_only_while_the_product_is_on_sale(
    shop: Shop,
) -> None:
    """ "See it in the shop" on a draft or archived product opened the shop's 404 (QA)."""
    session = team_sessions(shop).admin
    set_shop(shop)
    try:
        page: Any = state_at(AdminProductState, session, {})  # product 1
        await page.load_page()
        assert (page.slug, page.on_sale) == ("chair-number-1", True)
        for status, on_sale in (("draft", False), ("archived", False), ("active", True)):
            await page.save(shown(page) | {"status": status})
            assert scalar(shop, "select status from product where id = 1") == status
            assert page.on_sale is on_sale, status
        await page.save(shown(page) | {"status": "draft", "title": ""})  # refused
        assert page.on_sale is True  # what the shop shows: the saved product, active
        visit(page, "/admin/products/new", session)
        await page.load_page()
        assert (page.slug, page.on_sale) == ("", False)
    finally:
        set_shop(None)


async def test_the_product_page_saves_every_variant_and_the_whole_description(
    shop: Shop,
) -> None:
    """The page read 50 rows and cut every field at 5,000 characters: a save deleted the
    variants past the 50th and cut a long description short."""
    many = tuple(
        VariantForm(sku=f"TEE-{i}", price="10", stock="1", options=f"size={i}") for i in range(60)
    )
    long_text = "A long story. " * 7_100  # 99,400 characters: as long as an import takes
    pid = shop.run(create_product, stool_form(shop, variants=many), currency="EUR")
    sessions = team_sessions(shop)
    set_shop(shop)
    try:
        page: Any = state_at(AdminProductState, sessions.admin, {})
        visit(page, f"/admin/products/{pid}", sessions.admin)
        await page.load_page()
        assert len(page.variants) == 60
        await page.save(shown(page) | {"description": long_text})
        root: Any = await page.get_state(AdminState)
        assert (root.problem, page.errors) == ({}, {})
        count = "select count(*) from variant where product_id = :pid"
        assert scalar(shop, count, pid=pid) == 60
        description = "select description from product where id = :pid"
        assert scalar(shop, description, pid=pid) == long_text.strip()
        await page.save(shown(page) | {"description": "x" * 100_001})  # too long: refused
        assert page.errors == {
            "description": {
                "en": "At most 100,000 characters.",
                "fr": "100\u202f000 caractères au plus.",
            }
        }
        assert scalar(shop, description, pid=pid) == long_text.strip()
    finally:
        set_shop(None)


async def test_a_variant_message_shows_on_the_row_it_is_about(shop: Shop) -> None:
    """Blank rows are left out of what the service checks, which numbers the rest anew."""
    sessions = team_sessions(shop)
    set_shop(shop)
    try:
        page: Any = state_at(AdminProductState, sessions.admin, {})
        visit(page, "/admin/products/new", sessions.admin)
        await page.load_page()
        await page.add_variant()
        await page.add_variant()
        sent = shown(page) | {"title": "Bar stool", "category_id": str(category_id(shop, "Chairs"))}
        sent |= {"variants.2.sku": "STOOL-65", "variants.2.price": "cheap", "variants.2.stock": "1"}
        await page.save(sent)  # rows 0 and 1 left blank
        price_error = translations("admin.product.error.price", limit=1_000_000)
        assert page.errors == {"variants.2.price": price_error}
        assert scalar(shop, "select count(*) from variant where sku = 'STOOL-65'") == 0
    finally:
        set_shop(None)


async def test_a_product_path_that_is_no_number_is_no_product_and_saves_none(shop: Shop) -> None:
    # /admin/products/abc opened a blank "new product" form, whose save created one (QA).
    sessions = team_sessions(shop)
    set_shop(shop)
    try:
        before = scalar(shop, "select count(*) from product")
        for path in ("/admin/products/abc", "/admin/products/12abc", "/admin/products/0"):
            page: Any = state_at(AdminProductState, sessions.admin, {})
            visit(page, path, sessions.admin)
            await page.load_page()
            assert page.missing, path
            category = str(category_id(shop, "Chairs"))
            typed = {"title": "Bar stool", "category_id": category, "variants.0.sku": "ST-1"}
            await page.save(
                shown(page) | typed | {"variants.0.price": "9", "variants.0.stock": "1"}
            )
        assert scalar(shop, "select count(*) from product") == before
    finally:
        set_shop(None)


async def test_control_characters_are_refused_with_a_message_and_searched_without(
    shop: Shop,
) -> None:
    """PostgreSQL refuses NUL in text: a form holding one is refused before it is saved, and
    a filter drops it."""
    sessions = team_sessions(shop)
    set_shop(shop)
    title = "select title from product where id = 1"
    stock = "select stock from variant where sku = 'SKU-1-0'"
    try:
        audited = scalar(shop, "select count(*) from admin_audit")
        page: Any = state_at(AdminProductState, sessions.admin, {})  # product 1
        await page.load_page()
        await page.save(shown(page) | {"variants.0.price": "abc"})
        assert page.errors  # the price, from the last sending
        await page.save(shown(page) | {"title": "Chair\x00 number one"})
        root: Any = await page.get_state(AdminState)
        assert root.problem == translations("form.error.control")
        assert page.errors == {}  # not about this sending (QA)
        sku = {"variants.0.sku": "SKU-1-0\x00"}
        await page.save(shown(page) | sku)
        assert root.problem == translations("form.error.control")
        form = {"sku": "SKU-1-0", "delta": "+2", "reason": "received", "note": "\x00"}
        await page.adjust_stock(form | {"stock_key": page.stock_key})
        assert root.problem == translations("form.error.control")
        assert (scalar(shop, title), scalar(shop, stock)) == ("Chair number 1", 5)
        assert scalar(shop, "select count(*) from admin_audit") == audited
        listing: Any = state_at(AdminProductsState, sessions.admin, {})
        await listing.load_page()
        await listing.apply_filters({"text": "\x00SKU-7-1"})
        assert [row.title for row in listing.rows] == ["Chair number 7"]
    finally:
        set_shop(None)


async def test_a_new_product_sent_twice_by_a_double_click_is_created_once(shop: Shop) -> None:
    """The second submit of the same form would find the SKU taken and say so, under the
    notice that it was saved."""
    sessions = team_sessions(shop)
    set_shop(shop)
    try:
        page: Any = state_at(AdminProductState, sessions.admin, {})
        visit(page, "/admin/products/new", sessions.admin)
        await page.load_page()
        sent = shown(page) | {"title": "Bar stool", "category_id": str(category_id(shop, "Chairs"))}
        sent |= {"variants.0.sku": "STOOL-65", "variants.0.price": "89.90", "variants.0.stock": "6"}
        assert await page.save(sent) is not None  # saved: off to its own page
        assert await page.save(sent) is None  # the second click, queued behind the first
        root: Any = await page.get_state(AdminState)
        assert (root.problem, page.errors) == ({}, {})
        assert scalar(shop, "select count(*) from variant where sku = 'STOOL-65'") == 1
    finally:
        set_shop(None)


# Stock -------------------------------------------------------------------------------------


def test_twenty_concurrent_removals_from_ten_leave_exactly_zero(shop: Shop) -> None:
    admin = stock_admin(shop)
    sku = "SKU-3-0"
    admin.adjust_stock(sku, 5, reason="received", note="", actor_id=None, now=NOW)
    assert scalar(shop, "select stock from variant where sku = :s", s=sku) == 10
    start = threading.Barrier(20)

    def remove(_: int) -> str:
        start.wait()
        try:
            admin.adjust_stock(sku, -1, reason="damaged", note="", actor_id=None, now=NOW)
        except Refusal as refusal:
            return refusal.code
        return "ok"

    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(remove, range(20)))
    assert results.count("ok") == 10
    assert results.count("admin.stock.error.below_zero") == 10
    assert scalar(shop, "select stock from variant where sku = :s", s=sku) == 0
    assert scalar(shop, "select stock from product where slug = 'chair-number-3'") == 0
    assert scalar(shop, "select count(*) from stock_adjustment where delta = -1") == 10
    after = [
        int(str(v))
        for v in _column(shop, "select stock_after from stock_adjustment where delta = -1")
    ]
    assert sorted(after) == list(range(10))


def test_stock_a_checkout_takes_during_a_product_edit_is_kept(shop: Shop) -> None:
    """The edit holds the product before it reads it: a checkout's hold meanwhile waits,
    then takes its stock from what the edit saved, which never writes back an older count."""
    engine = shop.engine
    assert engine is not None
    sku, before = "SKU-1-0", scalar(shop, "select stock from variant where sku = 'SKU-1-0'")
    inventory, checkout = SqlInventory(engine), ThreadPoolExecutor(max_workers=1)
    holds = []
    writing = threading.Event()

    def checkout_writes(_connection: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        # The edit runs in this test's (main) thread, the checkout in the pool's.
        in_checkout = threading.current_thread() is not threading.main_thread()
        if in_checkout and not statement.lstrip().lower().startswith("select"):
            writing.set()

    def rename(record: ProductRecord) -> ProductRecord:
        expires = NOW + timedelta(minutes=15)
        holds.append(checkout.submit(inventory.reserve, "order:1", [(sku, 2)], expires))
        if engine.dialect.name == "postgresql":
            wait_until_waiting_on_a_lock(engine)  # the checkout waits for the edit's rows
        else:
            # SQLite shows no connection waiting for its write lock (sqlite3 retries inside,
            # and Python's sqlite3 has no busy-handler hook): the checkout has come to its
            # first write, and the edit holds the database's write lock, so it waits.
            assert writing.wait(timeout=30)
            assert rows_free_to_write(engine, "variant") == 0
        assert not holds[0].done()  # not before the edit commits
        return replace(record, title="Renamed chair")

    event.listen(engine, "before_cursor_execute", checkout_writes)
    try:
        shop.run(edit_products, [product_id(shop, "chair-number-1")], rename)
    finally:
        event.remove(engine, "before_cursor_execute", checkout_writes)
    assert holds[0].result(timeout=30) is not None
    assert scalar(shop, "select stock from variant where sku = :s", s=sku) == int(str(before)) - 2
    assert scalar(shop, "select title from product where slug = 'chair-number-1'") == (
        "Renamed chair"
    )


def test_an_import_waits_for_a_checkout_holding_its_rows_instead_of_deadlocking(
    postgres_url: str, make_shop: Callable[..., Shop]
) -> None:
    """A checkout takes its variants, then their products (SqlInventory.reserve). An import
    that wrote products first would hold one the checkout needs while waiting for a variant
    the checkout holds: PostgreSQL would abort one of the two. It takes them in the
    checkout's order, so it waits, then both go through."""
    shop = make_shop(postgres_url)
    seed_small_catalog(shop)
    engine = shop.engine
    assert engine is not None
    first = product_id(shop, "chair-number-1")
    renamed = [draft(n, title=f"Imported chair {n}") for n in range(1, 31)]
    with engine.connect() as checkout, ThreadPoolExecutor(max_workers=1) as pool:
        taken = "update variant set stock = stock - 1 where sku = 'SKU-1-0'"
        checkout.execute(text(taken))
        imported = pool.submit(shop.run, save_drafts, renamed)
        wait_until_waiting_on_a_lock(engine)
        checkout.execute(text("update product set stock = stock - 1 where id = :p"), {"p": first})
        checkout.commit()
        assert imported.result(timeout=30).updated == 30
    assert scalar(shop, "select stock from variant where sku = 'SKU-1-0'") == 4
    assert scalar(shop, "select stock from product where id = :p", p=first) == 4
    assert scalar(shop, "select title from product where id = :p", p=first) == "Imported chair 1"


def test_an_import_keeps_a_slug_an_edit_committed_while_it_waited(
    postgres_url: str, make_shop: Callable[..., Shop]
) -> None:
    """The import reads the products it updates once it holds them: one read before would
    write back the slug an edit (committed while the import waited for it) had changed."""
    shop = make_shop(postgres_url)
    seed_small_catalog(shop)
    engine = shop.engine
    assert engine is not None
    first = product_id(shop, "chair-number-1")
    with engine.connect() as edit, ThreadPoolExecutor(max_workers=1) as pool:
        moved = "update product set slug = 'chair-one-renamed' where id = :p"
        edit.execute(text(moved), {"p": first})
        imported = pool.submit(shop.run, save_drafts, [draft(1, title="Imported chair 1")])
        wait_until_waiting_on_a_lock(engine)
        edit.commit()
        assert imported.result(timeout=30).updated == 1
    assert scalar(shop, "select slug from product where id = :p", p=first) == "chair-one-renamed"


def test_an_edit_waits_for_a_checkout_whatever_the_databases_collation(
    postgres_server: str, make_shop: Callable[..., Shop]
) -> None:
    """Checkouts take SKUs in Python's order ("Zed-1" before "abc-1"); a database that sorts
    text as people do (ICU: "abc-1" first) must not make an edit take them the other way
    round, or the two deadlock and PostgreSQL aborts one."""
    name = f"boutique_icu_{uuid.uuid4().hex[:10]}"
    base = postgres_server.rpartition("/")[0]
    with psycopg.connect(postgres_server, autocommit=True) as admin:
        admin.execute(
            f'CREATE DATABASE "{name}" TEMPLATE template0 LOCALE_PROVIDER icu '
            "ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'"
        )
    try:
        upgrade_database(f"{base}/{name}".replace("postgresql://", "postgresql+psycopg://", 1))
        shop = make_shop(f"{base}/{name}")
        variants = tuple(
            VariantRecord(sku=sku, price_minor=5_000, stock=5, options={"colour": colour})
            for sku, colour in (("Zed-1", "Red"), ("abc-1", "Blue"))
        )
        shop.run(save_drafts, [draft(1, variants=variants)], categories=[CHAIRS])
        engine = shop.engine
        assert engine is not None
        chair = product_id(shop, "chair-number-1")
        take = "update variant set stock = stock - 1 where sku = :sku"
        with engine.connect() as checkout, ThreadPoolExecutor(max_workers=1) as pool:
            checkout.execute(text(take), {"sku": "Zed-1"})
            rename = lambda record: replace(record, title="Renamed chair")  # noqa: E731
            edited = pool.submit(shop.run, edit_products, [chair], rename)
            wait_until_waiting_on_a_lock(engine)
            checkout.execute(text(take), {"sku": "abc-1"})
            checkout.commit()
            edited.result(timeout=30)
        assert scalar(shop, "select title from product where id = :p", p=chair) == "Renamed chair"
        assert scalar(shop, "select sum(stock) from variant where product_id = :p", p=chair) == 8
    finally:
        with psycopg.connect(postgres_server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _column(shop: Shop, sql: str) -> list[object]:
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        return list(connection.execute(text(sql)).scalars())


def test_an_adjustment_stops_at_the_most_a_variant_may_hold(shop: Shop) -> None:
    # Past it, the product form refused the product's every save (QA).
    admin = stock_admin(shop)
    for _ in range(10):
        admin.adjust_stock("SKU-10-0", 100_000, reason="received", note="", actor_id=None, now=NOW)
    with pytest.raises(Refusal) as caught:
        admin.adjust_stock("SKU-10-0", 1, reason="received", note="", actor_id=None, now=NOW)
    assert (caught.value.code, caught.value.params) == (
        "admin.stock.error.above_max",
        {"limit": 1_000_000},
    )
    assert scalar(shop, "select stock from variant where sku = 'SKU-10-0'") == 1_000_000
    # Above it (units given back past it, an older import): removals are taken, and the
    # product's form still saves, its stock kept (review).
    with shop.engine.begin() as connection:  # type: ignore[union-attr]
        connection.execute(text("update variant set stock = 1000005 where sku = 'SKU-10-0'"))
    moved = admin.adjust_stock("SKU-10-0", -2, reason="damaged", note="", actor_id=None, now=NOW)
    assert moved.stock_after == 1_000_003
    pid = int(scalar(shop, "select product_id from variant where sku = 'SKU-10-0'"))  # type: ignore[call-overload]
    form = shop.run(product_form_of, pid)
    shop.run(update_product, pid, replace(form, title="Chair number 10, renamed"))
    assert scalar(shop, "select stock from variant where sku = 'SKU-10-0'") == 1_000_003


def test_an_adjustment_is_recorded_with_its_reason_and_reaches_the_product_page(
    shop: Shop,
) -> None:
    admin = stock_admin(shop)
    page = shop.catalog.product("chair-number-10")
    assert page is not None
    assert page.product.stock == 0
    outbox = outbox_size(shop)
    moved = admin.adjust_stock(
        "SKU-10-0", "+4", reason="received", note="PO 118", actor_id=None, now=NOW
    )
    assert moved.stock_after == 4
    assert outbox_size(shop) == outbox + 1
    fresh = shop.catalog.product("chair-number-10")
    assert fresh is not None
    assert fresh.product.stock == 4
    with pytest.raises(Refusal) as caught:
        admin.adjust_stock("SKU-10-0", -5, reason="damaged", note="", actor_id=None, now=NOW)
    assert caught.value.code == "admin.stock.error.below_zero"
    with pytest.raises(Refusal) as caught:
        admin.adjust_stock("NOPE", 1, reason="returned", note="", actor_id=None, now=NOW)
    assert caught.value.code == "admin.stock.error.unknown_sku"
    assert outbox_size(shop) == outbox + 1
    history = admin.stock_history(sku="SKU-10-0")
    assert [(h.delta, h.stock_after, h.reason, h.note, h.at) for h in history] == [
        (4, 4, "received", "PO 118", NOW)
    ]
    assert admin.stock_history(product_id=moved.product_id) == history


def test_a_stock_move_and_its_audit_entry_are_written_together_or_not_at_all(
    shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    admin = stock_admin(shop)
    stock = "select stock from variant where sku = 'SKU-1-0'"
    before = scalar(shop, stock)
    outbox = outbox_size(shop)

    def audit(moved: StockMove) -> list[AuditRecord]:
        after = f"{moved.sku}:{moved.stock_after}"
        return [AuditRecord(None, "boss@example.com", "stock.adjust", after, "{}", "{}")]

    def adjust() -> StockMove:
        return admin.adjust_stock(
            "SKU-1-0", 2, reason="received", note="", actor_id=None, now=NOW, audit=audit
        )

    with monkeypatch.context() as patched:
        patched.setattr("storefront.adapters.sql_stock_admin.write_audit", unwritable_audit)
        with pytest.raises(RuntimeError):
            adjust()
    assert scalar(shop, stock) == before  # no stock moved without its entry
    assert (outbox_size(shop), scalar(shop, "select count(*) from admin_audit")) == (outbox, 0)
    assert admin.stock_history(sku="SKU-1-0") == []
    moved = adjust()
    assert scalar(shop, "select subject from admin_audit") == f"SKU-1-0:{moved.stock_after}"
    assert len(admin.stock_history(sku="SKU-1-0")) == 1


def history_of(admin: StockAdmin, **which: object) -> list[tuple[str, int, int, str, str]]:
    return [
        (h.sku, h.delta, h.stock_after, h.reason, h.note)
        for h in admin.stock_history(**which)  # type: ignore[arg-type]
    ]


def test_a_variant_removed_in_the_product_form_keeps_its_stock_history(shop: Shop) -> None:
    """No data is lost: the adjustments of a variant the form no longer lists stay in the
    product's history, under the SKU the variant had. Its units go by an adjustment first
    (a removal with stock left is refused: they would go without a word)."""
    admin, pid = stock_admin(shop), product_id(shop, "chair-number-1")
    admin.adjust_stock("SKU-1-1", "+3", reason="received", note="PO 7", actor_id=None, now=NOW)
    form = shop.run(product_form_of, pid)
    assert [v.sku for v in form.variants] == ["SKU-1-0", "SKU-1-1"]
    with pytest.raises(Refusal) as refused:
        shop.run(update_product, pid, replace(form, variants=form.variants[:1]))
    assert refused.value.field_params == {"variants": {"stock": 8}}
    counted = NOW + timedelta(seconds=30)
    admin.adjust_stock("SKU-1-1", -8, reason="damaged", note="", actor_id=None, now=counted)
    shop.run(update_product, pid, replace(form, variants=form.variants[:1]))
    assert scalar(shop, "select count(*) from variant where sku = 'SKU-1-1'") == 0
    later = NOW + timedelta(minutes=1)
    admin.adjust_stock("SKU-1-0", -1, reason="damaged", note="", actor_id=None, now=later)
    removed = [("SKU-1-1", -8, 0, "damaged", ""), ("SKU-1-1", 3, 8, "received", "PO 7")]
    assert history_of(admin, sku="SKU-1-1") == removed
    assert history_of(admin, product_id=pid) == [("SKU-1-0", -1, 4, "damaged", ""), *removed]


def test_a_variant_an_import_leaves_out_keeps_its_stock_history(shop: Shop) -> None:
    """The catalog exported, one variant's line taken out and the file imported again: the
    variant goes, its adjustments stay on the product's page with the SKU it had."""
    admin, desk, pid = stock_admin(shop), admin_of(shop), product_id(shop, "chair-number-1")
    staff = staff_of(shop, team_sessions(shop).admin, Permission.CATALOG)
    admin.adjust_stock("SKU-1-1", "+3", reason="received", note="PO 7", actor_id=None, now=NOW)
    exported = io.StringIO()
    exported_catalog(shop, staff, exported)
    rows = list(csv.reader(io.StringIO(exported.getvalue())))
    at = rows[0].index("sku")
    edited = io.StringIO()
    csv.writer(edited).writerows(r for r in rows if r[at] != "SKU-1-1")
    preview = desk.imports.preview(staff, "c.csv", edited.getvalue().encode(), "auto", utc_now())
    assert (preview.problems, preview.updated) == ((), 40)
    desk.imports.apply(staff, preview.token, utc_now())
    assert scalar(shop, "select count(*) from variant where sku = 'SKU-1-1'") == 0
    removed = ("SKU-1-1", 3, 8, "received", "PO 7")
    assert history_of(admin, sku="SKU-1-1") == [removed]
    shown = desk.catalog.stock_history(staff, pid)  # what the product page lists
    assert [(h.sku, h.delta, h.stock_after, h.reason, h.note) for h in shown] == [removed]


async def test_the_stock_form_sent_twice_by_a_double_click_adjusts_once(shop: Shop) -> None:
    sessions = team_sessions(shop)
    set_shop(shop)
    stock = "select stock from variant where sku = 'SKU-1-0'"
    try:
        page: Any = state_at(AdminProductState, sessions.admin, {})  # product 1
        await page.load_page()
        form = {"sku": "SKU-1-0", "delta": "+2", "reason": "received", "note": ""}
        sent = form | {"stock_key": page.stock_key}
        await page.adjust_stock(sent)
        await page.adjust_stock(sent)  # the second click, queued behind the first
        assert (scalar(shop, stock), len(page.history)) == (7, 1)
        await page.adjust_stock(form | {"stock_key": page.stock_key})  # the form drawn since
        assert (scalar(shop, stock), len(page.history)) == (9, 2)
    finally:
        set_shop(None)


async def test_a_recount_is_the_shelf_less_the_units_held_or_ordered_and_not_shipped(
    shop: Shop,
) -> None:
    """5 in stock; a checkout holds 2 (3 for sale) and a paid order waits to ship 1 more
    (counted as still on the shelf). Counting 6 on the shelf leaves 3 for sale; counting 2
    (fewer than the 3 sold) is refused and changes nothing. An order shipped is off the shelf,
    and one paid after its hold lapsed takes its stock when shipped: neither counts."""
    sessions = team_sessions(shop)
    set_shop(shop)
    stock = "select stock from variant where sku = 'SKU-1-0'"
    assert shop.engine is not None
    try:
        expires = NOW + timedelta(minutes=15)
        assert SqlInventory(shop.engine).reserve("order:held", [("SKU-1-0", 2)], expires)
        with Session(shop.engine) as db:
            for reference, status, hold, quantity in (
                ("SHIPME", OrderStatus.PAID, ReservationStatus.COMMITTED, 1),
                ("GONE", OrderStatus.FULFILLED, ReservationStatus.COMMITTED, 4),
                ("SHORT", OrderStatus.PAID, ReservationStatus.RELEASED, 2),  # stock_short
            ):
                order = SalesOrder(
                    reference=reference,
                    status=status,
                    total_minor=6_000,
                    fulfilled_at=NOW if status is OrderStatus.FULFILLED else None,
                )
                db.add(order)
                db.flush()
                line = OrderLine(
                    order_id=order.id or 0, product_id=1, sku="SKU-1-0", quantity=quantity
                )
                held = StockReservation(
                    holder=f"order:{order.id}",
                    sku="SKU-1-0",
                    quantity=quantity,
                    status=hold,
                    expires_at=NOW,
                )
                db.add_all([line, held])
            db.commit()
        page: Any = state_at(AdminProductState, sessions.admin, {})  # product 1
        await page.load_page()
        assert page.variants[0]["stock"] == "3"
        await page.pick_stock_reason("recount")
        count = {"sku": "SKU-1-0", "delta": "2", "reason": "recount", "note": "shelf B"}
        await page.adjust_stock(count | {"stock_key": page.stock_key})
        root: Any = await page.get_state(AdminState)
        assert root.problem == translations("admin.stock.error.below_owed")
        assert (scalar(shop, stock), page.stock_reason) == (3, "recount")
        await page.adjust_stock(count | {"delta": "6", "stock_key": page.stock_key})
        assert (scalar(shop, stock), page.variants[0]["stock"]) == (3, "3")
        assert (root.problem, page.stock_reason) == ({}, "received")
        latest = page.history[0]
        assert (latest.delta, latest.stock_after, latest.reason, latest.note) == (
            0,
            3,
            "recount",
            "shelf B",
        )
        await page.adjust_stock(count | {"delta": "8", "stock_key": page.stock_key})
        assert scalar(shop, stock) == 5  # two more found
        assert scalar(shop, "select stock from product where id = 1") == scalar(
            shop, "select sum(stock) from variant where product_id = 1"
        )
        await page.adjust_stock(count | {"delta": "+4", "stock_key": page.stock_key})
        counted = {
            "en": "The number counted: a whole number from 0 to 1,000,000.",
            "fr": "Le nombre compté\u202f: un nombre entier de 0 à 1\u202f000\u202f000.",
        }
        assert (page.stock_errors, root.problem) == ({"delta": counted}, counted)
        assert scalar(shop, stock) == 5
    finally:
        set_shop(None)


async def test_a_stock_move_or_an_image_keeps_the_product_form_as_it_is_being_edited(
    shop: Shop,
) -> None:
    """The product form may hold edits not saved yet (a row added, a category picked): a
    stock adjustment or an image upload shows its outcome without drawing that form again."""
    sessions = team_sessions(shop)
    set_shop(shop)
    try:
        page: Any = state_at(AdminProductState, sessions.admin, {})  # product 1
        await page.load_page()
        tables = str(category_id(shop, "Tables"))
        await page.add_variant()
        await page.pick_category(tables)
        keys = (page.form_key, page.stock_form_key)
        await page.adjust_stock(
            {"stock_key": page.stock_key, "sku": "SKU-1-0", "delta": "+2", "reason": "received"}
        )
        assert [v.get("stock") for v in page.variants] == ["7", "5", None]
        assert (len(page.history), page.values["category_id"]) == (1, tables)
        assert (page.form_key, page.stock_form_key != keys[1]) == (keys[0], True)
        png = rx.UploadFile(file=io.BytesIO(_png()), path=Path("front.png"))
        shown = {i.src for i in page.images}
        uploaded = await page.upload_image([png])
        [added] = [i for i in page.images if i.src not in shown]
        assert added.src.startswith("/media/products/1/")
        assert added.alt == ""  # the product's title, whatever it is when shown
        # The saved file is no longer listed as chosen, as if waiting for Upload.
        assert format_event(uploaded) == format_event(rx.clear_selected_files(IMAGE_UPLOAD))
        assert (len(page.variants), page.values["category_id"]) == (3, tables)
        assert page.form_key == keys[0]
    finally:
        set_shop(None)


async def test_a_product_page_opens_without_the_image_chosen_on_the_last_one(
    shop: Shop,
) -> None:
    """The file chosen in the drop zone lives in the browser, for the tab: each product's
    page clears it as it opens, so product A's photo is not offered for upload on B's."""
    set_shop(shop)
    try:
        page: Any = state_at(AdminProductState, team_sessions(shop).admin, {})
        opened = await page.load_page()
        assert format_event(opened) == format_event(rx.clear_selected_files(IMAGE_UPLOAD))
    finally:
        set_shop(None)


def test_low_stock_lists_variants_lowest_first_without_archived_products(shop: Shop) -> None:
    admin = stock_admin(shop)
    admin.adjust_stock("SKU-1-0", -3, reason="damaged", note="", actor_id=None, now=NOW)
    shop.run(set_status, [product_id(shop, "chair-number-30")], "archived")
    rows = admin.low_stock(2, limit=10)
    assert [(r.sku, r.stock) for r in rows] == [
        ("SKU-10-0", 0),
        ("SKU-10-1", 0),
        ("SKU-20-0", 0),
        ("SKU-20-1", 0),
        ("SKU-1-0", 2),
    ]
    assert rows[0].product_title == "Chair number 10"
    assert rows[0].options == {"colour": "Red"}


async def test_the_stock_page_draws_its_threshold_field_with_the_threshold_in_use(
    shop: Shop,
) -> None:
    """The threshold field is filled once from the state, which starts at -1 until loaded:
    the load must draw the form again (a new key) to show the threshold applied."""
    set_shop(shop)
    try:
        page: Any = state_at(AdminStockState, team_sessions(shop).admin, {})
        key = page.form_key
        await page.load_page()
        assert page.threshold == shop.settings.low_stock_threshold
        assert page.form_key != key
    finally:
        set_shop(None)


async def test_the_stock_page_names_each_variants_options_as_the_shop_does_in_each_language(
    shop: Shop,
) -> None:
    """QA: its rows read "colour=Red, size=M", as the form escapes options for editing; the
    shop says "Colour" (Couleur) on the product page and in the filters."""
    assert shop.engine is not None
    with shop.engine.begin() as connection:
        connection.execute(
            text("update variant set options = :o where sku = 'SKU-10-0'"),
            {"o": json.dumps({"colour": "Red", "size": "M", "wood_grain": "Straight"})},
        )
    set_shop(shop)
    try:
        page: Any = state_at(AdminStockState, team_sessions(shop).admin, {})
        await page.load_page()
        shown = {row.sku: row.options for row in page.rows}
    finally:
        set_shop(None)
    assert shown["SKU-10-0"] == {
        "en": "Colour: Red · Size: M · Wood grain: Straight",
        "fr": "Couleur\u202f: Red · Taille\u202f: M · Wood grain\u202f: Straight",
    }
    assert shown["SKU-10-1"] == {"en": "Colour: Navy Blue", "fr": "Couleur\u202f: Navy Blue"}


async def test_the_stock_page_says_when_more_variants_are_low_than_it_shows(
    shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It shows the lowest SHOWN (100); beyond that it says so instead of ending silently."""
    monkeypatch.setattr(stock_state, "SHOWN", 2)
    set_shop(shop)
    try:
        page: Any = state_at(AdminStockState, team_sessions(shop).admin, {})
        await page.load_page()
        await page.apply_threshold({"threshold": "1000"})  # every variant of the catalog
        assert (len(page.rows), page.more) == (2, True)
        monkeypatch.setattr(stock_state, "SHOWN", 10_000)
        await page.apply_threshold({"threshold": "1000"})
        assert len(page.rows) > 2
        assert page.more is False
    finally:
        set_shop(None)


# Images ------------------------------------------------------------------------------------


def _png() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )


def test_an_uploaded_png_is_stored_and_becomes_the_thumbnail(shop: Shop, tmp_path: Path) -> None:
    pid = product_id(shop, "chair-number-6")
    cheapest_chairs = ListingQuery(category_slug="chairs", sort=Sort.PRICE_ASC)
    shop.catalog.listing(cheapest_chairs)
    change = shop.run(attach_image, shop.media, pid, "photo.PNG", _png(), alt="Front")
    path = str(change.after["image"])
    assert (tmp_path / "media" / path.removeprefix("/media/")).read_bytes() == _png()
    page = shop.catalog.product("chair-number-6")
    assert page is not None
    assert page.product.image_path == path
    assert [i.path for i in page.product.images] == [path, "/media/products/P6.svg"]
    listing = shop.catalog.listing(cheapest_chairs)
    assert listing is not None
    assert next(c.image_path for c in listing.cards if c.id == pid) == path
    with pytest.raises(Refusal):
        shop.run(attach_image, shop.media, pid, "evil.svg", b"<svg onload='x'/>")
    assert list((tmp_path / "media" / "products" / str(pid)).iterdir()) == [
        tmp_path / "media" / path.removeprefix("/media/")
    ]


def test_images_are_reordered_described_and_removed_and_the_shop_follows(
    shop: Shop, tmp_path: Path
) -> None:
    pid = product_id(shop, "chair-number-6")
    front = str(shop.run(attach_image, shop.media, pid, "f.png", _png()).after["image"])
    old = "/media/products/P6.svg"

    def shown() -> list[tuple[str, str]]:
        page = shop.catalog.product("chair-number-6")
        assert page is not None
        return [(i.path, i.alt) for i in page.product.images]

    assert shown() == [(front, ""), (old, "")]
    shop.run(arrange_image, pid, old, "first")
    assert shown() == [(old, ""), (front, "")]
    shop.run(arrange_image, pid, old, "later")
    shop.run(describe_image, pid, old, "  Chair,\n seen from the side ")
    assert shown() == [(front, ""), (old, "Chair, seen from the side")]
    shop.run(arrange_image, pid, front, "earlier")  # first already: stays first
    assert shown()[0][0] == front
    change = shop.run(arrange_image, pid, front, "remove")
    assert shown() == [(old, "Chair, seen from the side")]
    assert change.before == {
        "images": [
            {"path": front, "alt": "", "shows": ""},
            {"path": old, "alt": "Chair, seen from the side", "shows": ""},
        ]
    }
    # The file stays: a variant or a sent mail may still show it.
    assert (tmp_path / "media" / front.removeprefix("/media/")).exists()


async def test_an_image_shown_for_a_colour_is_the_shops_picture_when_that_colour_is_picked(
    shop: Shop,
) -> None:
    """The admin's "Shown for" (QA: no way but a CSV to link a picture to a colour): saved,
    audited, offered the product's own values only; the shop's page then shows that image
    when the shopper picks the colour, and the first image again once linked to all."""
    pid = product_id(shop, "chair-number-1")  # Red and Navy Blue
    front = str(shop.run(attach_image, shop.media, pid, "f.png", _png()).after["image"])
    navy = "/media/products/P1.svg"
    sessions = team_sessions(shop)
    set_shop(shop)
    try:
        page: Any = state_at(AdminProductState, sessions.admin, {})  # product 1
        await page.load_page()
        assert [c.value for c in page.image_choices] == ["Red", "Navy Blue"]
        assert page.image_choices[0].labels == {"en": "Red", "fr": "Red"}
        assert [(i.path, i.shows) for i in page.images] == [(front, ""), (navy, "")]
        await page.show_image_for(navy, "Navy Blue")
        assert [(i.path, i.shows) for i in page.images] == [(front, ""), (navy, "Navy Blue")]
        root: Any = await page.get_state(AdminState)
        assert root.notice == translations("admin.image.shows_saved")
        (after,) = [
            json.loads(str(row[0]))
            for row in shop_rows(
                shop, "select after from admin_audit where action = 'product.image'"
            )
            if "Navy Blue" in str(row[0])
        ]
        assert after["images"][1] == {"path": navy, "alt": "", "shows": "Navy Blue"}

        product: Any = state_at(ProductState, "", {})
        visit(product, "/product/chair-number-1", "")
        await product.load()
        assert product.main_image.src == media_url(front)
        await product.select_option("colour", "Navy Blue")
        assert product.main_image.src == media_url(navy)
        await product.select_option("colour", "Red")
        assert product.main_image.src == media_url(front)

        await page.show_image_for(navy, "Purple")  # not one of its values: nothing changes
        assert root.problem == translations("admin.image.error.option")
        assert [i.shows for i in page.images] == ["", "Navy Blue"]
        await page.show_image_for(navy, "")  # shown for all again
        assert [i.shows for i in page.images] == ["", ""]
        await product.load()
        await product.select_option("colour", "Navy Blue")
        assert product.main_image.src == media_url(front)
    finally:
        set_shop(None)


def shop_rows(shop: Shop, sql: str) -> list[tuple[object, ...]]:
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(sql))]


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (lambda shop, pid: shop.run(arrange_image, pid, "/media/gone.png", "first"), "gone"),
        (
            lambda shop, pid: shop.run(show_image_for, pid, "/media/products/P6.svg", "Purple"),
            "option",
        ),
        (lambda shop, pid: shop.run(arrange_image, pid, "/media/products/P6.svg", "up"), "move"),
        (
            lambda shop, pid: shop.run(describe_image, pid, "/media/products/P6.svg", "x" * 301),
            "alt",
        ),
        (lambda shop, pid: shop.run(arrange_image, 999_999, "/media/products/P6.svg", "first"), ""),
    ],
)
def test_a_refused_image_change_says_why_and_changes_nothing(
    shop: Shop, change: Callable[[Shop, int], object], code: str
) -> None:
    pid = product_id(shop, "chair-number-6")
    before = shop.run(product_images, pid)
    with pytest.raises(Refusal) as refused:
        change(shop, pid)
    expected = f"admin.image.error.{code}" if code else "admin.product.error.not_found"
    assert refused.value.code == expected
    assert shop.run(product_images, pid) == before


async def test_saving_a_product_unchanged_writes_no_audit_entry(shop: Shop) -> None:
    """The log records changes: a second Save of the same form is no edit."""
    sessions = team_sessions(shop)
    set_shop(shop)
    edits = "select count(*) from admin_audit where action = 'product.edit'"
    try:
        page: Any = state_at(AdminProductState, sessions.admin, {})  # product 1
        await page.load_page()
        await page.save(shown(page))
        assert scalar(shop, edits) == 0
        await page.load_page()
        await page.save(shown(page) | {"title": "Chair number one"})
        assert scalar(shop, edits) == 1
        await page.load_page()  # the description alone: an edit too (QA: none was logged)
        await page.save(shown(page) | {"description": "Sturdy, and now described."})
        assert scalar(shop, edits) == 2
    finally:
        set_shop(None)
