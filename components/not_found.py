"""The 404 view: what a shopper sees for an unknown page, product, category or order."""

from __future__ import annotations

from typing import Any

import reflex as rx

from components.i18n import t
from components.link_button import link_button


def not_found_view(
    message_key: str = "notfound.text",
    title_key: str = "notfound.title",
    *,
    action: rx.Component | None = None,
    **props: Any,
) -> rx.Component:
    """The heading `title_key`, the text `message_key`, an `action` of the page's (a link
    that may help) before the way back home."""
    return rx.vstack(
        rx.icon("search-x", size=48, color="var(--gray-a9)", aria_hidden="true"),
        rx.heading(t(title_key), size="7", as_="h1", data_testid="not-found"),
        rx.text(t(message_key), color_scheme="gray", align="center"),
        *([action] if action is not None else []),
        link_button(t("notfound.back_home"), href="/", size="3"),
        spacing="4",
        align="center",
        padding_y="4em",
        **props,
    )
