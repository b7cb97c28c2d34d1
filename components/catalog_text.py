"""Catalog text (a product's title, description, option values) marked with the language it
is written in, so that a screen reader reads a product's English title in English under the
French interface rather than as French words (WCAG 3.1.2). The catalog's language is
BOUTIQUE_CATALOG_LANGUAGE, else the shop's (BOUTIQUE_LANGUAGE), read when the pages are
built. Categories and option names are translated (their labels): not marked."""

from __future__ import annotations

from typing import Any

import reflex as rx

from storefront.settings import get_settings


def catalog_lang() -> str:
    """The `lang` of catalog text."""
    return get_settings().catalog_locale


def catalog_span(*text: Any, **props: Any) -> rx.Component:
    """`text` of the catalog, inside a UI sentence ("2 × <title>")."""
    return rx.el.span(*text, lang=catalog_lang(), **props)
