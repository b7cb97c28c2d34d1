"""The app-wide 404 page."""

from __future__ import annotations

import reflex as rx

from components.layout import page_shell
from components.not_found import not_found_view


def not_found_page() -> rx.Component:
    return page_shell(not_found_view())
