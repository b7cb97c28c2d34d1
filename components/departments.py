"""The shop's departments as a grid of cards: on the home page, and where a search found
nothing (somewhere to go next, as shop themes do)."""

from __future__ import annotations

import reflex as rx

from components.i18n import pick, t
from state.nav import NavState
from state.view_models import NavItem


def _department(item: NavItem) -> rx.Component:
    return rx.link(
        rx.card(
            rx.text(pick(item.labels), weight="bold", size="3", class_name="dept-name wraps"),
            rx.text(t("nav.shop_all"), " →", size="1", color_scheme="gray"),
            height="100%",
        ),
        href=item.href,
        underline="none",
        color="inherit",
        data_testid="department-card",
    )


def _department_placeholder() -> rx.Component:
    return rx.card(
        rx.text("\u00a0", size="3", class_name="line-1 dept-name shimmer"),
        rx.text("\u00a0", size="1"),
        aria_hidden="true",
    )


def department_grid() -> rx.Component:
    """The departments holding an active product (the header's, read from the cache once
    per page); placeholders of their shape until they are known."""
    return rx.grid(
        rx.cond(
            NavState.departments.length() > 0,
            rx.foreach(NavState.departments, _department),
            rx.fragment(*[_department_placeholder() for _ in range(12)]),
        ),
        columns={"initial": "2", "sm": "3", "md": "4", "lg": "6"},
        spacing="3",
        width="100%",
    )
