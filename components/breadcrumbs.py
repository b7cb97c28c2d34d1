"""Breadcrumbs from the home page down to the current category."""

from __future__ import annotations

from typing import Any

import reflex as rx

from components.i18n import pick, t
from state.view_models import Crumb


def _crumb(crumb: Crumb) -> rx.Component:
    return rx.el.li(
        rx.icon("chevron-right", size=14, aria_hidden="true"),
        rx.link(
            pick(crumb.labels),
            href=crumb.href,
            color_scheme="gray",
            size="2",
            class_name="tap-line",
        ),
        display="flex",
        align_items="center",
        gap="0.25em",
    )


def breadcrumbs(items: Any) -> rx.Component:
    return rx.el.nav(
        rx.el.ol(
            rx.el.li(
                rx.link(
                    t("nav.home"), href="/", color_scheme="gray", size="2", class_name="tap-line"
                )
            ),
            rx.foreach(items, _crumb),
            display="flex",
            flex_wrap="wrap",
            gap="0.25em",
            list_style="none",
            padding="0",
            margin="0",
        ),
        aria_label=t("nav.breadcrumb"),
        margin_bottom="1em",
    )
