"""The admin's categories on real SQLite and PostgreSQL: a category's names and description
edited reach the shop's cached menu, listings and breadcrumbs, audited in the same
transaction; a category is deleted only empty; the Categories page's handlers; in a French
shop, whose catalog is written in French, a category's own name is the French one."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import text

from models.views import CategoryNode
from state.admin.categories import AdminCategoriesState
from state.admin.guard import AdminState
from storefront.adapters.sql_catalog import SqlCatalogStore
from storefront.bootstrap import Shop, set_shop
from storefront.services.catalog_names import CategorySpec
from storefront.services.catalog_writer import save_drafts
from storefront.services.errors import Refusal
from storefront.services.listing_query import ListingQuery
from storefront.services.ports import UnitOfWork
from tests.integration.admin_fixtures import (
    admin_of,
    sign_up,
    staff_of,
    team_sessions,
    unwritable_audit,
)
from tests.integration.catalog_fixtures import seed_small_catalog
from tests.integration.test_admin_authorization import state_at

STRAY = CategorySpec(("Furniture", "Chayrs"))  # an import's typo


@pytest.fixture
def shop(database_url: str, make_shop: Callable[..., Shop]) -> Shop:
    shop = make_shop(database_url)
    seed_small_catalog(shop)  # Furniture > Chairs (30 products), Tables (10)
    shop.run(save_drafts, [], categories=[STRAY])
    return shop


def scalar(shop: Shop, sql: str, **params: object) -> Any:
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        return connection.execute(text(sql), params).scalar()


def categories(shop: Shop) -> list[CategoryNode]:
    def read(uow: UnitOfWork) -> list[CategoryNode]:
        with uow:
            return sorted(uow.catalog.categories(), key=lambda node: node.id)

    return shop.run(read)


def test_a_french_name_reaches_the_shops_cached_menu_listing_and_breadcrumbs(shop: Shop) -> None:
    staff = staff_of(shop, team_sessions(shop).staff)
    desk = admin_of(shop).categories
    listed = {row.names["en"]: row for row in desk.rows(staff)}
    assert [(n, r.depth, r.products, r.subcategories) for n, r in listed.items()] == [
        ("Furniture", 0, 0, 3),
        ("Chairs", 1, 30, 0),
        ("Tables", 1, 10, 0),
        ("Chayrs", 1, 0, 0),
    ]
    chairs = listed["Chairs"]
    # Read once: the tree and the listing are now in the cache.
    assert shop.catalog.tree().get(chairs.id).label("fr") == "Chaises"  # type: ignore[union-attr]
    before = shop.catalog.listing(ListingQuery(category_slug="chairs"))
    assert before is not None
    audits = scalar(shop, "select count(*) from admin_audit")

    form = {"name_en": "Chairs", "name_fr": "Sièges", "description": "Seats of oak and ash."}
    desk.edit(staff, chairs.id, form, chairs.version)

    node = shop.catalog.tree().get(chairs.id)
    assert node is not None
    assert (node.label("fr"), node.label("en"), node.description) == (
        "Sièges",
        "Chairs",
        "Seats of oak and ash.",
    )
    listing = shop.catalog.listing(ListingQuery(category_slug="chairs"))
    assert listing is not None
    assert [c.label("fr") for c in listing.breadcrumbs] == ["Furniture", "Sièges"]
    assert listing.total == before.total == 30
    assert scalar(shop, "select count(*) from admin_audit") == audits + 1
    entry = scalar(shop, "select after from admin_audit where action = 'category.edit'")
    assert json.loads(entry)["name_i18n"] == {"fr": "Sièges"}
    assert scalar(shop, "select subject from admin_audit where action = 'category.edit'") == (
        f"category:{chairs.id}"
    )


def test_a_category_is_deleted_only_empty_and_then_leaves_the_shop(shop: Shop) -> None:
    staff = staff_of(shop, team_sessions(shop).staff)
    desk = admin_of(shop).categories
    listed = {row.names["en"]: row for row in desk.rows(staff)}
    audits = scalar(shop, "select count(*) from admin_audit")
    for name, code in (("Chairs", "has_products"), ("Furniture", "has_subcategories")):
        with pytest.raises(Refusal) as refused:
            desk.delete(staff, listed[name].id, listed[name].version)
        assert refused.value.code == f"admin.category.error.{code}"
    assert scalar(shop, "select count(*) from category") == 4
    assert scalar(shop, "select count(*) from admin_audit") == audits
    stray = listed["Chayrs"]
    assert shop.catalog.tree().get(stray.id) is not None  # cached

    desk.delete(staff, stray.id, stray.version)

    assert shop.catalog.tree().get(stray.id) is None
    assert [row.names["en"] for row in desk.rows(staff)] == ["Furniture", "Chairs", "Tables"]
    assert scalar(shop, "select action from admin_audit order by id desc limit 1") == (
        "category.delete"
    )
    with pytest.raises(Refusal) as gone:
        desk.delete(staff, stray.id, stray.version)
    assert gone.value.code == "admin.category.error.gone"


def test_the_store_keeps_a_category_a_product_or_a_subcategory_is_in(shop: Shop) -> None:
    """The delete checks in its own statement: a product moved in, or a subcategory made,
    since the service looked keeps the category."""
    chairs = scalar(shop, "select id from category where slug = 'chairs'")
    furniture = scalar(shop, "select id from category where slug = 'furniture'")

    def delete(uow: UnitOfWork, category_id: int) -> bool:
        with uow:
            assert isinstance(uow.catalog, SqlCatalogStore)
            done = uow.catalog.delete_category(category_id)
            uow.commit()
        return done

    assert shop.run(delete, chairs) is False
    assert shop.run(delete, furniture) is False
    assert scalar(shop, "select count(*) from category") == 4


def test_an_edit_whose_audit_entry_fails_changes_nothing(
    shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    staff = staff_of(shop, team_sessions(shop).staff)
    desk = admin_of(shop).categories
    chairs = {row.names["en"]: row for row in desk.rows(staff)}["Chairs"]
    before = categories(shop)
    monkeypatch.setattr("storefront.adapters.db.write_audit", unwritable_audit)
    with pytest.raises(RuntimeError):
        desk.edit(staff, chairs.id, {"name_en": "Seats"}, chairs.version)
    assert categories(shop) == before


async def test_the_categories_page_edits_and_refuses_deleting_a_full_category(
    shop: Shop,
) -> None:
    sessions = team_sessions(shop)
    set_shop(shop)
    try:
        page: Any = state_at(AdminCategoriesState, sessions.staff, {})
        await page.load_page()
        assert [(i.path, i.indent, i.products) for i in page.items] == [
            ("Furniture", "0em", 0),
            ("Furniture › Chairs", "1.5em", 30),
            ("Furniture › Tables", "1.5em", 10),
            ("Furniture › Chayrs", "1.5em", 0),
        ]
        chairs = page.items[1]
        await page.edit(chairs.id)
        assert page.form_values == {"name_en": "Chairs", "name_fr": "Chaises", "description": ""}
        await page.save(page.form_values | {"name_en": "", "save_key": page.save_key})
        root: Any = await page.get_state(AdminState)
        assert page.errors["name_en"]["fr"] == "Donnez un nom anglais à la catégorie."
        assert page.editing == chairs.id  # the form stays, with what was typed
        await page.save(
            page.form_values | {"name_en": "Chairs", "name_fr": "Sièges", "save_key": page.save_key}
        )
        assert (page.editing, page.items[1].translations) == (0, {"fr": "Sièges"})
        assert root.notice["en"] == "Category Chairs saved."
        await page.delete(chairs.id)
        assert "holds 30 products" in root.problem["en"]
        assert len(page.items) == 4
        await page.delete(page.items[3].id)
        assert root.notice["fr"] == "Catégorie Chayrs supprimée."
        assert [i.name for i in page.items] == ["Furniture", "Chairs", "Tables"]
    finally:
        set_shop(None)


async def test_a_french_shops_categories_are_named_in_french_and_translated_into_english(
    database_url: str, make_shop: Callable[..., Shop]
) -> None:
    """BOUTIQUE_LANGUAGE=fr, its catalog imported in French: the French name is the
    category's own (imports find it by it), required; the English one a translation."""
    shop = make_shop(database_url, language="fr")
    imported = [CategorySpec(("Mobilier", "Chaises")), CategorySpec(("Mobilier", "Tables"))]
    shop.run(save_drafts, [], categories=imported)
    session = sign_up(shop, "ada@example.com")  # the team's mails are in French here
    admin_of(shop).team.make_admin("ada@example.com")
    assert admin_of(shop).categories.base_locale == "fr"
    set_shop(shop)
    try:
        page: Any = state_at(AdminCategoriesState, session, {})
        await page.load_page()
        assert [(i.path, i.name, i.translations) for i in page.items] == [
            ("Mobilier", "Mobilier", {"en": ""}),
            ("Mobilier › Chaises", "Chaises", {"en": ""}),
            ("Mobilier › Tables", "Tables", {"en": ""}),
        ]
        chairs = page.items[1]
        await page.edit(chairs.id)
        assert page.form_values == {"name_fr": "Chaises", "name_en": "", "description": ""}
        root: Any = await page.get_state(AdminState)
        before = categories(shop)
        await page.save({"name_fr": " ", "name_en": "Chairs", "save_key": page.save_key})
        assert page.errors["name_fr"]["en"] == "Give the category a name in French."
        assert page.errors["name_fr"]["fr"] == "Donnez un nom français à la catégorie."
        assert categories(shop) == before

        await page.save({"name_fr": "Chaises", "name_en": "Chairs", "save_key": page.save_key})

        assert root.notice["fr"] == "Catégorie Chaises enregistrée."
        assert (page.editing, page.items[1].name, page.items[1].translations) == (
            0,
            "Chaises",
            {"en": "Chairs"},
        )
    finally:
        set_shop(None)
    node = shop.catalog.tree().get(chairs.id)
    assert node is not None
    assert (node.name, dict(node.name_i18n)) == ("Chaises", {"en": "Chairs"})
    assert (node.label("fr"), node.label("en")) == ("Chaises", "Chairs")
    # A later French import still finds it by its own name, whatever its capitals.
    shop.run(save_drafts, [], categories=[CategorySpec(("mobilier", "chaises"))])
    assert scalar(shop, "select count(*) from category") == 3
