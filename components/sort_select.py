"""The sort menu of a listing; choosing navigates to the sorted URL."""

from __future__ import annotations

import reflex as rx

from components.i18n import t
from state.listing import ListingState
from state.listing_view import SORTS


def sort_select() -> rx.Component:
    return rx.hstack(
        rx.text(t("listing.sort"), size="2", as_="label", html_for="sort-select"),
        rx.select.root(
            rx.select.trigger(
                id="sort-select", data_testid="sort-select", aria_label=t("listing.sort")
            ),
            rx.select.content(
                *[
                    rx.select.item(_label(sort.value), value=sort.value, data_testid=f"sort-{sort}")
                    for sort in SORTS
                ]
            ),
            value=ListingState.sort,
            on_change=ListingState.change_sort,
            size="2",
        ),
        align="center",
        spacing="2",
    )


def _label(sort: str) -> rx.Var:
    """A search's first order is its relevance, not the shop's featured products (QA)."""
    if sort == "featured":
        return rx.cond(ListingState.searching, t("sort.relevance"), t("sort.featured"))
    return t(f"sort.{sort}")
