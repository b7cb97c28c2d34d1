"""Counted messages in their singular or plural form, per language: "1 order", not
"1 orders"; "0 commande" in French, where 0 takes the singular."""

from __future__ import annotations

import json

import pytest

from storefront.i18n import LOCALES, MESSAGES, translate
from storefront.pages.admin.catalog_io import catalog_io_page
from storefront.pages.admin.orders import orders_page
from storefront.pages.admin.products import products_page
from tests.unit.test_admin_labels import by_testid, rendered, walk

COUNTED = (
    "admin.orders.found",
    "admin.products.found",
    "admin.products.variants",
    "admin.import.problems",
    "admin.import.products",
    "admin.bulk.done",
)


def test_every_counted_message_has_its_singular_in_every_language() -> None:
    for key in COUNTED:
        assert set(MESSAGES[f"{key}.one"]) == set(LOCALES) == set(MESSAGES[key])


@pytest.mark.parametrize(
    ("locale", "count", "text"),
    [
        ("en", 0, "0 products changed."),
        ("en", 1, "1 product changed."),
        ("en", 2, "2 products changed."),
        ("fr", 0, "0 produit modifié."),
        ("fr", 1, "1 produit modifié."),
        ("fr", 2, "2 produits modifiés."),
    ],
)
def test_a_count_picks_the_form_its_language_gives_it(locale: str, count: int, text: str) -> None:
    assert translate(locale, "admin.bulk.done", count=count) == text


def test_a_message_without_a_singular_is_used_for_every_count() -> None:
    assert translate("en", "admin.import.applied", created=1, updated=1, count=1) == (
        "Imported: 1 new, 1 updated."
    )


def test_the_admin_counts_are_drawn_in_the_singular_or_the_plural() -> None:
    """Both forms are in the page, chosen in the browser by the count and the language."""
    problems = [
        c
        for c in walk(catalog_io_page())
        if c.custom_attrs.get("data-testid") == "import-problem-count"
    ]
    drawn = {
        "admin.orders.found": rendered(by_testid(orders_page(), "orders-found")),
        "admin.products.found": rendered(by_testid(products_page(), "products-found")),
        "admin.import.problems": rendered(problems[0]),
        # A product's stock and its variants: "1051 in 27 variants", no bare "(27)".
        "admin.products.variants": rendered(by_testid(products_page(), "product-variant-count")),
    }
    for locale in LOCALES:
        stock_in = json.dumps(MESSAGES["admin.products.stock_in"][locale])
        assert stock_in in drawn["admin.products.variants"]
    for key, js in drawn.items():
        for locale in LOCALES:
            assert json.dumps(MESSAGES[f"{key}.one"][locale]) in js, (key, locale)
            assert json.dumps(MESSAGES[key][locale]) in js, (key, locale)
