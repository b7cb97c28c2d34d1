"""The dashboard page as compiled: what the browser is given to draw."""

from __future__ import annotations

import json

import reflex as rx

from state.admin.dashboard import AdminDashboardState
from storefront.pages.admin.dashboard import (
    AXIS_WIDTH,
    LABEL_LENGTH,
    SHORT_LABEL,
    TICK_SIZE,
    dashboard_page,
)
from tests.unit.in_node import needs_node, run_in_node


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


def _category_axes(component: rx.Component) -> list[rx.Component]:
    found = (
        [component]
        if component.tag == "YAxis" and str(getattr(component, "type_", "")) == '"category"'
        else []
    )
    for child in component.children:
        found += _category_axes(child)
    return found


def test_every_bar_chart_names_every_bar() -> None:
    """10 searches drew 10 bars and 5 names: recharts drops names that do not fit unless
    told interval=0 (QA); the funnel, products, categories and searches all say it."""
    axes = _category_axes(dashboard_page())
    assert len(axes) == 4
    for axis in axes:
        assert str(axis.interval) == "0"  # type: ignore[attr-defined]
        assert str(axis.tick_formatter) == SHORT_LABEL  # type: ignore[attr-defined]
        # A name cut to its length fits the axis, at 8 px a glyph and the tick's 10 px gap
        # (QA: "btq-000001-24-cm" was clipped at the chart's left edge).
        assert str(axis.width) == str(AXIS_WIDTH)  # type: ignore[attr-defined]
        assert '"fontSize"' in str(axis.tick)  # type: ignore[attr-defined]
        assert LABEL_LENGTH * 8 * TICK_SIZE / 12 + 10 <= AXIS_WIDTH


@needs_node
def test_a_long_name_is_cut_under_its_bar_and_a_short_one_kept() -> None:
    def label(name: str) -> str:
        return run_in_node(f"({SHORT_LABEL})({json.dumps(name)})")

    assert label("Café crème mug") == "Café crème mug"
    assert label("x" * LABEL_LENGTH) == "x" * LABEL_LENGTH
    long = "Hand-thrown stoneware serving bowl, large"
    assert label(long) == "Hand-thrown…"  # at a space
    assert label("btq-000001-24-cm-oak-large") == "btq-000001-24-cm-oa…"  # none to cut at
    assert len(label(long)) <= LABEL_LENGTH
