"""The 404 view: what a shopper sees for an unknown page, product or category."""

from __future__ import annotations

import reflex as rx

from components.i18n import t
from components.link_button import link_button


def not_found_view(message_key: str = "notfound.text") -> rx.Component:
    return rx.vstack(
        rx.icon("search-x", size=48, color="var(--gray-a9)", aria_hidden="true"),
        rx.heading(t("notfound.title"), size="7", as_="h1", data_testid="not-found"),
        rx.text(t(message_key), color_scheme="gray", align="center"),
        link_button(t("notfound.back_home"), href="/", size="3"),
        spacing="4",
        align="center",
        padding_y="4em",
    )
