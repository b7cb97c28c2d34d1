"""The dashboard page as compiled: what the browser is given to draw."""

from __future__ import annotations

import reflex as rx

from state.admin.dashboard import AdminDashboardState
from storefront.pages.admin.dashboard import dashboard_page


def _range_control(component: rx.Component) -> rx.Component | None:
    if component.tag == "SegmentedControl.Root":
        return component
    for child in component.children:
        found = _range_control(child)
        if found is not None:
            return found
    return None


def test_the_period_shown_is_marked_chosen_in_the_range_control() -> None:
    control = _range_control(dashboard_page())
    assert control is not None
    items = [str(item.value) for item in control.children]  # type: ignore[attr-defined]
    # The items' values are strings ("30"); the chosen value must be one too in the browser,
    # where "30" === 30 is false and no period would be marked.
    assert items == ['"7"', '"30"', '"90"', '"365"']
    days = str(AdminDashboardState.days)
    assert str(control.value) == f"(JSON.stringify({days}))"  # type: ignore[attr-defined]
