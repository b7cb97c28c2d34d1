"""The admin's pages as compiled: a list or chart with nothing to show says so, rather than
show headings or axes over nothing (the orders list's is checked in the browser)."""

from __future__ import annotations

import reflex as rx

from storefront.pages.admin.dashboard import dashboard_page
from storefront.pages.admin.discounts import discounts_page


def _walk(component: rx.Component) -> list[rx.Component]:
    found = [component]
    for child in component.children:
        found.extend(_walk(child))
    return found


def _testid(component: rx.Component) -> str:
    return str(component.custom_attrs.get("data-testid", ""))


def _card(page: rx.Component, testid: str) -> rx.Component:
    [card] = [c for c in _walk(page) if _testid(c) == testid]
    return card


def test_the_dashboards_rankings_say_when_the_period_had_none() -> None:
    page = dashboard_page()
    for card in ("chart-products", "chart-categories"):
        assert [_testid(c) for c in _walk(_card(page, card))].count("chart-empty") == 1, card
    # The searches' chart, and the searches that found nothing.
    assert [_testid(c) for c in _walk(_card(page, "chart-search"))].count("chart-empty") == 2


def test_the_discount_codes_list_says_when_there_is_none() -> None:
    assert "discounts-empty" in {_testid(c) for c in _walk(discounts_page())}
