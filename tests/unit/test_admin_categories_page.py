"""The admin's Categories page as compiled and its rows as listed: a category's own name is
in the catalog's language (BOUTIQUE_CATALOG_LANGUAGE, else BOUTIQUE_LANGUAGE), required and
labelled so, its translations in the other languages."""

from __future__ import annotations

import pytest
import reflex as rx

from components import catalog_text
from state.admin.categories import category_items
from storefront.i18n import LOCALES, MESSAGES
from storefront.pages.admin.categories import categories_page
from storefront.services.admin.categories import CategoryRow
from storefront.settings import Settings
from tests.unit.test_admin_labels import by_testid, walk

LANGUAGE = {"en": "English", "fr": "French"}


def page_for(monkeypatch: pytest.MonkeyPatch, **settings: str) -> rx.Component:
    shop = Settings.model_validate(settings)
    monkeypatch.setattr(catalog_text, "get_settings", lambda: shop)
    return categories_page()


def label_of(page: rx.Component, testid: str) -> str:
    """The compiled label around the field `testid`."""
    [label] = [
        c
        for c in walk(page)
        if c.tag == "label" and any(d.custom_attrs.get("data-testid") == testid for d in walk(c))
    ]
    return str(label)


@pytest.mark.parametrize(
    ("settings", "base"),
    [
        ({"language": "en"}, "en"),
        ({"language": "fr"}, "fr"),  # a French shop's catalog is French unless said otherwise
        ({"language": "fr", "catalog_language": "en"}, "en"),
        ({"language": "en", "catalog_language": "fr"}, "fr"),
    ],
)
def test_the_required_name_is_the_catalogs_languages_and_the_other_a_translation(
    monkeypatch: pytest.MonkeyPatch, settings: dict[str, str], base: str
) -> None:
    [other] = [locale for locale in LOCALES if locale != base]
    page = page_for(monkeypatch, **settings)
    own, translation = by_testid(page, f"field-name_{base}"), by_testid(page, f"field-name_{other}")
    assert (str(own.required), str(own.lang)) == ("true", f'"{base}"')  # type: ignore[attr-defined]
    assert (str(translation.required), str(translation.lang)) == (  # type: ignore[attr-defined]
        "false",
        f'"{other}"',
    )
    assert f"Name in {LANGUAGE[base]}" in label_of(page, f"field-name_{base}")
    assert f"Name in {LANGUAGE[other]}" in label_of(page, f"field-name_{other}")
    compiled = str(page)
    # A missing translation shows the shop falls back to the catalog's own name.
    assert f"(the {LANGUAGE[base]} name)" in compiled
    assert f"(the {LANGUAGE[other]} name)" not in compiled
    assert f'"{LANGUAGE[other]} name"' in compiled  # the translations' column
    assert f"Each category's name is in {LANGUAGE[base]}, the catalog's language" in compiled


def test_every_locale_has_its_labels_and_messages() -> None:
    for locale in LOCALES:
        for key in ("name", "column", "own", "note", "error.name_required"):
            assert f"admin.category.{key}_{locale}" in MESSAGES


def row(
    id: int, parent: int | None, depth: int, names: dict[str, str], version: str
) -> CategoryRow:
    return CategoryRow(id, parent, depth, f"c{id}", names, "", 0, 0, version)


def test_a_french_catalogs_rows_are_named_in_french_with_their_english_names() -> None:
    rows = [
        row(1, None, 0, {"fr": "Luminaires", "en": "Lighting"}, "v1"),
        row(2, 1, 1, {"fr": "Lampes de bureau", "en": ""}, "v2"),
    ]
    items = category_items(rows, "fr")
    assert [(i.name, i.path, i.translations, i.indent) for i in items] == [
        ("Luminaires", "Luminaires", {"en": "Lighting"}, "0em"),
        ("Lampes de bureau", "Luminaires › Lampes de bureau", {"en": ""}, "1.5em"),
    ]
    english = category_items([row(1, None, 0, {"en": "Lighting", "fr": "Luminaires"}, "v")], "en")
    assert [(i.name, i.translations) for i in english] == [("Lighting", {"fr": "Luminaires"})]


def test_deleting_a_category_that_is_not_empty_says_why_up_front_and_is_disabled(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """It said the category holds a product only once Delete was pressed (QA): the dialog
    says it first, and its Delete is disabled while the row counts products or
    subcategories."""
    page = page_for(monkeypatch, language="en")
    [confirm] = [
        c
        for c in walk(page)
        if "category-delete-confirm-" in str(c.custom_attrs.get("data-testid", ""))
    ]
    disabled = str(confirm.disabled)  # type: ignore[attr-defined]
    assert '["products"] > 0' in disabled
    assert '["subcategories"] > 0' in disabled
    compiled = str(page)
    assert MESSAGES["admin.category.delete_blocked_products"]["en"] in compiled
    assert MESSAGES["admin.category.delete_blocked_subcategories"]["en"] in compiled
