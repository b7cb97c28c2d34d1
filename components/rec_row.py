"""A row of recommended products, each card with the reason it is suggested."""

from __future__ import annotations

import reflex as rx

from components.i18n import pick, t
from components.product_card import GRID_COLUMNS, product_card, skeleton_card
from state.recs_view import RecItem
from state.view_models import CardItem


def _with_reason(item: RecItem) -> rx.Component:
    return rx.el.div(
        product_card(item),
        rx.el.span(pick(item.reason), class_name="rec-reason", data_testid="rec-reason"),
        class_name="rec-item",
    )


def rec_row(
    title: rx.Component | str,
    items: rx.Var[list[RecItem]],
    testid: str,
    *,
    loaded: rx.Var[bool] | None = None,
    placeholders: int = 4,
) -> rx.Component:
    """Hidden while empty, so a page without suggestions shows no empty heading. With
    `loaded`, the row keeps its place with skeleton cards until it arrives (no layout shift)."""
    heading = rx.heading(
        t(title) if isinstance(title, str) else title, size="5", as_="h2", margin_bottom="0.75em"
    )
    grid = rx.grid(rx.foreach(items, _with_reason), columns=GRID_COLUMNS, spacing="4")
    if loaded is not None:
        grid = rx.cond(
            loaded,
            grid,
            rx.grid(
                *[skeleton_card() for _ in range(placeholders)], columns=GRID_COLUMNS, spacing="4"
            ),
        )
    visible = items.length() > 0 if loaded is None else (~loaded) | (items.length() > 0)
    return rx.cond(
        visible,
        rx.el.section(heading, grid, margin_y="2em", data_testid=testid),
    )


def card_row(title_key: str, cards: rx.Var[list[CardItem]], testid: str) -> rx.Component:
    return rx.cond(
        cards.length() > 0,
        rx.el.section(
            rx.heading(t(title_key), size="5", as_="h2", margin_bottom="0.75em"),
            rx.grid(rx.foreach(cards, product_card), columns=GRID_COLUMNS, spacing="4"),
            margin_y="2em",
            data_testid=testid,
        ),
    )
