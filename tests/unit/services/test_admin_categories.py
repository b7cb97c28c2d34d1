"""The admin's categories: the form's rules, edits and deletes on the in-memory fakes, in a
shop whose catalog is written in English and in one whose catalog is written in French."""

from __future__ import annotations

import json
from dataclasses import replace

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
NAMES = {
    "en": ("Lighting", "Desk Lamps", "Floor"),
    "fr": ("Luminaires", "Lampes de bureau", "Lampadaires"),
}


class Desk:
    """A CategoryDesk on the fakes, keeping what it published and audited; its catalog in
    `base`, its categories named so by an import: Lighting > Desk Lamps (a product), Floor."""

    def __init__(self, base: str = "en") -> None:
        lighting, desk_lamps, floor = NAMES[base]
        self.data = CatalogData()
        self.events: list[Event] = []
        self.uows: list[FakeUnitOfWork] = []

        def uow() -> FakeUnitOfWork:
            self.uows.append(FakeUnitOfWork(self.data))
            return self.uows[-1]

        self.desk = CategoryDesk(UseCaseRunner(uow, self.events.extend), base_locale=base)
        lamp = ProductDraft(
            "L-1",
            "Brass lamp",
            "",
            "EUR",
            (VariantRecord("L-1", 1000, 3),),
            category_path=(lighting, desk_lamps),
        )
        save_drafts(FakeUnitOfWork(self.data), [lamp], categories=[CategorySpec((lighting, floor))])
        ids = {c.name: c.id for c in self.data.categories.values()}
        self.lighting, self.desk_lamps, self.floor = ids[lighting], ids[desk_lamps], ids[floor]

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


@pytest.fixture
def french() -> Desk:
    """A shop whose catalog is written in French (BOUTIQUE_LANGUAGE=fr)."""
    return Desk("fr")


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
        (
            {"name_en": "  ", "name_fr": "Lampes"},
            "name_en",
            "admin.category.error.name_required_en",
        ),
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
    form = {"name_en": " A\tlamp ", "name_fr": " ", "description": " d\r\n"}
    text = parse_category_form(form, "en")
    assert (text.name, dict(text.name_i18n), text.description) == ("A lamp", {}, "d")
    assert set(LOCALES) == {"en", "fr"}  # the form's fields: name_en, name_fr


def test_a_french_catalogs_own_names_are_french_and_english_is_the_translation(
    french: Desk,
) -> None:
    rows = french.desk.rows(STAFF)
    assert [(r.names["fr"], r.names["en"], r.depth) for r in rows] == [
        ("Luminaires", "", 0),  # an import's categories: no English name of their own
        ("Lampadaires", "", 1),
        ("Lampes de bureau", "", 1),
    ]
    row = french.rows()[french.desk_lamps]
    form = {"name_fr": " Lampes  de bureau ", "name_en": "Desk lamps", "description": "Lampes."}

    saved = french.desk.edit(STAFF, french.desk_lamps, form, row.version)

    # Its own name stays French (imports find it by it); English is a translation.
    assert (saved.name, dict(saved.name_i18n)) == ("Lampes de bureau", {"en": "Desk lamps"})
    assert (saved.label("fr"), saved.label("en")) == ("Lampes de bureau", "Desk lamps")
    assert french.rows()[french.desk_lamps].names == {
        "fr": "Lampes de bureau",
        "en": "Desk lamps",
    }
    assert [(a[0], a[3]) for a in french.audits()] == [
        (
            "category.edit",
            {
                "name": "Lampes de bureau",
                "name_i18n": {"en": "Desk lamps"},
                "description": "Lampes.",
                "parent_id": french.lighting,
                "slug": "lampes-de-bureau",
            },
        )
    ]
    # The English name emptied again: the English shop shows the French one.
    again = french.rows()[french.desk_lamps]
    cleared = french.desk.edit(STAFF, french.desk_lamps, {**form, "name_en": ""}, again.version)
    assert (dict(cleared.name_i18n), cleared.label("en")) == ({}, "Lampes de bureau")


@pytest.mark.parametrize(
    ("form", "field", "message"),
    [
        ({"name_fr": " ", "name_en": "Lamps"}, "name_fr", "admin.category.error.name_required_fr"),
        ({"name_en": "Floor lamps"}, "name_fr", "admin.category.error.name_required_fr"),
        ({"name_fr": "Lampes", "name_en": "x" * 161}, "name_en", "admin.category.error.name_long"),
        ({"name_fr": "LAMPADAIRES"}, "name_fr", "admin.category.error.taken"),
    ],
)
def test_a_french_catalogs_form_requires_the_french_name_and_changes_nothing_without(
    french: Desk, form: dict[str, str], field: str, message: str
) -> None:
    before = dict(french.data.categories)
    row = french.rows()[french.desk_lamps]
    with pytest.raises(Refusal) as refused:
        french.desk.edit(STAFF, french.desk_lamps, form, row.version)
    assert refused.value.fields == {field: message}
    assert message in MESSAGES
    assert french.data.categories == before
    assert (french.events, french.audits()) == ([], [])


@pytest.mark.parametrize("base", LOCALES)
def test_the_form_requires_the_name_in_the_catalogs_language_only(base: str) -> None:
    other = next(loc for loc in LOCALES if loc != base)
    text = parse_category_form({f"name_{base}": " A\tlamp ", f"name_{other}": " "}, base)
    assert (text.name, dict(text.name_i18n)) == ("A lamp", {})
    text = parse_category_form({f"name_{base}": "Lamp", f"name_{other}": "Lampe"}, base)
    assert (text.name, dict(text.name_i18n)) == ("Lamp", {other: "Lampe"})
    with pytest.raises(Refusal) as refused:
        parse_category_form({f"name_{other}": "Lampe"}, base)
    assert refused.value.fields == {f"name_{base}": f"admin.category.error.name_required_{base}"}
    language = {"en": "English", "fr": "French"}[base]
    message = MESSAGES[f"admin.category.error.name_required_{base}"]["en"]
    assert message == f"Give the category a name in {language}."


def test_a_name_in_the_catalogs_own_language_among_its_translations_is_the_one_edited(
    french: Desk,
) -> None:
    """One left from when the catalog was said to be in English (the demo's French names) is
    the name the shop shows (label prefers it): the form shows it as the name, and a rename
    replaces it, in the admin and in the shop alike (it kept showing the old one; review)."""
    node = french.data.categories[french.floor]
    french.data.categories[french.floor] = replace(
        node, name_i18n={"fr": "Lampes sur pied", "de": "Stehlampen"}
    )
    row = french.rows()[french.floor]
    assert row.names["fr"] == "Lampes sur pied"
    form = {"name_fr": "Lampadaires", "name_en": "Floor lamps"}
    saved = french.desk.edit(STAFF, french.floor, form, row.version)
    assert dict(saved.name_i18n) == {"de": "Stehlampen", "en": "Floor lamps"}
    assert (saved.label("fr"), saved.label("en")) == ("Lampadaires", "Floor lamps")


def test_a_desk_refuses_a_catalog_language_the_shop_does_not_speak() -> None:
    with pytest.raises(ValueError, match="'de'"):
        CategoryDesk(UseCaseRunner(lambda: FakeUnitOfWork(CatalogData()), print), base_locale="de")
