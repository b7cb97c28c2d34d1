"""The admin's pages as compiled: a list with nothing to show says so, rather than show
headings over nothing (the orders list's is checked in the browser)."""

from __future__ import annotations

import reflex as rx

from storefront.pages.admin.discounts import discounts_page


def _walk(component: rx.Component) -> list[rx.Component]:
    found = [component]
    for child in component.children:
        found.extend(_walk(child))
    return found


def _testid(component: rx.Component) -> str:
    return str(component.custom_attrs.get("data-testid", ""))


def test_the_discount_codes_list_says_when_there_is_none() -> None:
    assert "discounts-empty" in {_testid(c) for c in _walk(discounts_page())}
