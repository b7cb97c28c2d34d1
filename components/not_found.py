"""The 404 view: what a shopper sees for an unknown page, product or category."""

from __future__ import annotations

import reflex as rx

from components.i18n import t


def not_found_view(message_key: str = "notfound.text") -> rx.Component:
    return rx.vstack(
        rx.icon("search-x", size=48, color="var(--gray-a9)", aria_hidden="true"),
        rx.heading(t("notfound.title"), size="7", as_="h1", data_testid="not-found"),
        rx.text(t(message_key), color_scheme="gray", align="center"),
        rx.link(rx.button(t("notfound.back_home"), size="3", tab_index=-1), href="/"),
        spacing="4",
        align="center",
        padding_y="4em",
    )
