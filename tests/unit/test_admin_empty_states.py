"""The admin's pages as compiled: a list or chart with nothing to show says so, rather than
show headings or axes over nothing (the orders list's is checked in the browser)."""

from __future__ import annotations

import reflex as rx

from state.admin.dashboard import AdminDashboardState
from storefront.pages.admin.dashboard import dashboard_page
from storefront.pages.admin.discounts import discounts_page
from tests.unit.test_admin_labels import by_testid as _card
from tests.unit.test_admin_labels import walk as _walk


def _testid(component: rx.Component) -> str:
    return str(component.custom_attrs.get("data-testid", ""))


def test_the_dashboards_rankings_say_when_the_period_had_none() -> None:
    page = dashboard_page()
    for card in ("chart-products", "chart-categories"):
        assert [_testid(c) for c in _walk(_card(page, card))].count("chart-empty") == 1, card
    # The searches' chart, and the searches that found nothing.
    assert [_testid(c) for c in _walk(_card(page, "chart-search"))].count("chart-empty") == 2


def test_the_discount_codes_list_says_when_there_is_none() -> None:
    assert "discounts-empty" in {_testid(c) for c in _walk(discounts_page())}


def _conds_saying(node: object, testid: str) -> list[str]:
    """The conditions of the innermost conds whose else-branch holds `testid`."""
    found: list[str] = []
    if isinstance(node, dict):
        otherwise = str(node.get("false_value", ""))
        if "cond_state" in node and testid in otherwise and "cond_state" not in otherwise:
            found.append(str(node["cond_state"]))
        for value in node.values():
            found.extend(_conds_saying(value, testid))
    elif isinstance(node, list):
        for value in node:
            found.extend(_conds_saying(value, testid))
    return found


def test_a_chart_says_its_period_had_nothing_only_once_the_figures_came() -> None:
    conds = _conds_saying(dashboard_page().render(), "chart-empty")
    assert len(conds) == 5  # one a chart that can be empty
    assert all(str(AdminDashboardState.loaded) in cond for cond in conds)
