"""Home: hero, departments, featured, new arrivals and best-rated rows."""

from __future__ import annotations

import reflex as rx

from components.departments import department_grid
from components.i18n import t
from components.layout import page_shell
from components.product_card import card_grid
from components.rec_row import card_row, rec_row
from state.home import HOME_ROW_SIZE, HomeState
from state.recommendations import ForYouState


def _hero() -> rx.Component:
    return rx.box(
        rx.heading(t("home.hero_title"), size="8", as_="h1"),
        rx.text(t("home.hero_text"), size="4", color_scheme="gray", margin_top="0.5em"),
        padding="2.5em 2em",
        border_radius="var(--radius-4)",
        background="linear-gradient(135deg, var(--accent-a3), var(--gray-a2))",
        margin_bottom="2em",
    )


def _row(title_key: str, cards: rx.Var, testid: str) -> rx.Component:
    return rx.el.section(
        rx.heading(t(title_key), size="5", as_="h2", margin_bottom="0.75em"),
        card_grid(cards, loaded=HomeState.loaded, placeholders=HOME_ROW_SIZE),
        margin_bottom="2.5em",
        data_testid=testid,
    )


def home_page() -> rx.Component:
    return page_shell(
        _hero(),
        rx.el.section(
            rx.heading(t("home.departments"), size="5", as_="h2", margin_bottom="0.75em"),
            department_grid(),
            margin_bottom="2.5em",
        ),
        rec_row(
            rx.cond(ForYouState.personal, t("recs.for_you"), t("recs.popular")),
            ForYouState.for_you,
            "row-for-you",
            loaded=ForYouState.loaded,
        ),
        _row("home.featured", HomeState.featured, "row-featured"),
        _row("home.newest", HomeState.newest, "row-newest"),
        _row("home.best_rated", HomeState.best_rated, "row-best-rated"),
        # Last: it appears only for returning visitors, and must not push the rows above.
        card_row("recs.recently_viewed", ForYouState.recent, "row-recent"),
    )
