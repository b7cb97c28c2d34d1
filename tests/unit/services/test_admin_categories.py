"""The admin's categories: the form's rules, edits and deletes on the in-memory fakes."""

from __future__ import annotations

import json

import pytest

from models.admin import Role
from models.events import CatalogRestructured, Event
from models.records import VariantRecord
from storefront.i18n import LOCALES, MESSAGES
from storefront.services.admin.access import AccessDenied, Staff
from storefront.services.admin.categories import (
    MAX_DESCRIPTION,
    MAX_NAME,
    CategoryDesk,
    CategoryRow,
    parse_category_form,
)
from storefront.services.catalog_names import CategorySpec
from storefront.services.catalog_writer import ProductDraft, save_drafts
from storefront.services.errors import AlreadyDone, Refusal
from storefront.services.use_cases import UseCaseRunner
from tests.fakes import CatalogData, FakeUnitOfWork

STAFF = Staff(7, "staff@example.com", Role.STAFF)
SHOPPER = Staff(8, "shopper@example.com", Role.SHOPPER)


class Desk:
    """A CategoryDesk on the fakes, keeping what it published and audited."""

    def __init__(self) -> None:
        self.data = CatalogData()
        self.events: list[Event] = []
        self.uows: list[FakeUnitOfWork] = []

        def uow() -> FakeUnitOfWork:
            self.uows.append(FakeUnitOfWork(self.data))
            return self.uows[-1]

        self.desk = CategoryDesk(UseCaseRunner(uow, self.events.extend))
        lamp = ProductDraft(
            "L-1",
            "Brass lamp",
            "",
            "EUR",
            (VariantRecord("L-1", 1000, 3),),
            category_path=("Lighting", "Desk Lamps"),
        )
        save_drafts(
            FakeUnitOfWork(self.data), [lamp], categories=[CategorySpec(("Lighting", "Floor"))]
        )
        ids = {c.name: c.id for c in self.data.categories.values()}
        self.lighting, self.desk_lamps, self.floor = (
            ids["Lighting"],
            ids["Desk Lamps"],
            ids["Floor"],
        )

    def rows(self) -> dict[int, CategoryRow]:
        return {row.id: row for row in self.desk.rows(STAFF)}

    def audits(self) -> list[tuple[str, str, object, object]]:
        return [
            (a.action, a.subject, _json(a.before), _json(a.after))
            for uow in self.uows
            for a in uow.audits
        ]


def _json(text: str) -> object:
    return json.loads(text) if text else None


@pytest.fixture
def shop() -> Desk:
    return Desk()


def test_the_list_is_the_tree_parents_first_with_the_products_each_holds(shop: Desk) -> None:
    rows = shop.desk.rows(STAFF)
    assert [(r.names["en"], r.depth, r.products, r.subcategories) for r in rows] == [
        ("Lighting", 0, 0, 2),
        ("Floor", 1, 0, 0),  # siblings in the menu's order: Floor was made first
        ("Desk Lamps", 1, 1, 0),
    ]
    assert rows[2].names["fr"] == ""  # an import's category: no French name of its own


def test_a_french_name_and_a_description_are_saved_audited_and_announced(shop: Desk) -> None:
    row = shop.rows()[shop.desk_lamps]
    form = {"name_en": " Desk  lamps ", "name_fr": "Lampes de bureau", "description": "Lamps."}

    saved = shop.desk.edit(STAFF, shop.desk_lamps, form, row.version)

    assert (saved.name, saved.label("fr"), saved.description) == (
        "Desk lamps",
        "Lampes de bureau",
        "Lamps.",
    )
    assert shop.data.categories[shop.desk_lamps] == saved
    assert [type(e) for e in shop.events] == [CatalogRestructured]
    assert shop.audits() == [
        (
            "category.edit",
            f"category:{shop.desk_lamps}",
            {
                "name": "Desk Lamps",
                "name_i18n": {},
                "description": "",
                "parent_id": shop.lighting,
                "slug": "desk-lamps",
            },
            {
                "name": "Desk lamps",
                "name_i18n": {"fr": "Lampes de bureau"},
                "description": "Lamps.",
                "parent_id": shop.lighting,
                "slug": "desk-lamps",
            },
        )
    ]
    # The French name emptied again: the shop shows the English one there.
    again = shop.rows()[shop.desk_lamps]
    cleared = shop.desk.edit(STAFF, shop.desk_lamps, {**form, "name_fr": ""}, again.version)
    assert (cleared.name_i18n, cleared.label("fr")) == ({}, "Desk lamps")


@pytest.mark.parametrize(
    ("form", "field", "message"),
    [
        ({"name_en": "  ", "name_fr": "Lampes"}, "name_en", "admin.category.error.name_required"),
        ({"name_en": "x" * (MAX_NAME + 1)}, "name_en", "admin.category.error.name_long"),
        ({"name_en": "Lamps", "name_fr": "x" * 161}, "name_fr", "admin.category.error.name_long"),
        ({"name_en": "Lamps\x00"}, "name_en", "admin.category.error.control"),
        ({"name_en": "Lam\u202eps"}, "name_en", "admin.category.error.control"),
        (
            {"name_en": "Lamps", "description": "x" * (MAX_DESCRIPTION + 1)},
            "description",
            "admin.category.error.description_long",
        ),
        ({"name_en": "FLOOR"}, "name_en", "admin.category.error.taken"),
    ],
)
def test_a_bad_form_is_refused_on_its_field_and_changes_nothing(
    shop: Desk, form: dict[str, str], field: str, message: str
) -> None:
    before = dict(shop.data.categories)
    row = shop.rows()[shop.desk_lamps]
    with pytest.raises(Refusal) as refused:
        shop.desk.edit(STAFF, shop.desk_lamps, form, row.version)
    assert refused.value.fields == {field: message}
    assert message in MESSAGES
    assert shop.data.categories == before
    assert (shop.events, shop.audits()) == ([], [])


def test_an_edit_begun_on_another_version_or_a_gone_category_is_refused(shop: Desk) -> None:
    row = shop.rows()[shop.desk_lamps]
    shop.desk.edit(STAFF, shop.desk_lamps, {"name_en": "Desk lamps"}, row.version)
    before = dict(shop.data.categories)
    with pytest.raises(Refusal) as stale:
        shop.desk.edit(STAFF, shop.desk_lamps, {"name_en": "Lamps"}, row.version)
    assert stale.value.code == "admin.category.error.changed"
    with pytest.raises(Refusal) as gone:
        shop.desk.edit(STAFF, 999, {"name_en": "Lamps"}, row.version)
    assert gone.value.code == "admin.category.error.gone"
    assert shop.data.categories == before
    assert len(shop.events) == 1


def test_a_form_that_changes_nothing_writes_nothing(shop: Desk) -> None:
    row = shop.rows()[shop.floor]
    with pytest.raises(AlreadyDone):
        shop.desk.edit(STAFF, shop.floor, {"name_en": "Floor", "name_fr": ""}, row.version)
    assert (shop.events, shop.audits()) == ([], [])


def test_a_category_is_deleted_only_when_it_holds_no_product_nor_subcategory(
    shop: Desk,
) -> None:
    rows = shop.rows()
    with pytest.raises(Refusal) as products:
        shop.desk.delete(STAFF, shop.desk_lamps, rows[shop.desk_lamps].version)
    assert (products.value.code, products.value.params) == (
        "admin.category.error.has_products",
        {"count": 1},
    )
    with pytest.raises(Refusal) as children:
        shop.desk.delete(STAFF, shop.lighting, rows[shop.lighting].version)
    assert (children.value.code, children.value.params) == (
        "admin.category.error.has_subcategories",
        {"count": 2},
    )
    assert len(shop.data.categories) == 3
    assert (shop.events, shop.audits()) == ([], [])

    deleted = shop.desk.delete(STAFF, shop.floor, rows[shop.floor].version)

    assert deleted.name == "Floor"
    assert shop.floor not in shop.data.categories
    assert [type(e) for e in shop.events] == [CatalogRestructured]
    assert [(a[0], a[1], a[3]) for a in shop.audits()] == [
        ("category.delete", f"category:{shop.floor}", None)
    ]


def test_only_staff_edit_or_delete(shop: Desk) -> None:
    row = shop.rows()[shop.floor]
    with pytest.raises(AccessDenied):
        shop.desk.rows(SHOPPER)
    with pytest.raises(AccessDenied):
        shop.desk.edit(SHOPPER, shop.floor, {"name_en": "Lamps"}, row.version)
    with pytest.raises(AccessDenied):
        shop.desk.delete(SHOPPER, shop.floor, row.version)
    assert len(shop.data.categories) == 3


def test_the_form_reads_every_language_and_trims_the_names() -> None:
    text = parse_category_form({"name_en": " A\tlamp ", "name_fr": " ", "description": " d\r\n"})
    assert (text.name, dict(text.name_i18n), text.description) == ("A lamp", {}, "d")
    assert set(LOCALES) == {"en", "fr"}  # the form's fields: name_en, name_fr
