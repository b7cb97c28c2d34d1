"""Catalog text carries the catalog's language: BOUTIQUE_CATALOG_LANGUAGE, else the shop's,
on the product's title, description and option values and on order lines, so that a screen
reader reads an English catalog in English under the French interface."""

from __future__ import annotations

import pytest
import reflex as rx

from components import catalog_text
from components.catalog_text import catalog_lang, catalog_span
from state.product import ProductState
from storefront.pages.product import _attribute
from storefront.settings import Settings


def settings(**values: str) -> Settings:
    return Settings.model_validate(values)


def test_the_catalogs_language_is_its_own_else_the_shops(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(catalog_text, "get_settings", lambda: settings(language="fr"))
    assert catalog_lang() == "fr"
    both = settings(language="fr", catalog_language="en")
    monkeypatch.setattr(catalog_text, "get_settings", lambda: both)
    assert catalog_lang() == "en"
    assert 'lang:"en"' in str(catalog_span("Oak chair"))


def test_a_products_attribute_value_is_marked_its_name_translated() -> None:
    row = str(rx.foreach(ProductState.attributes, _attribute))
    assert f'lang:"{catalog_lang()}"' in row
    assert row.count("lang:") == 1  # the name is the interface's, in its language
