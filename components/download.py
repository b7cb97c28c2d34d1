"""Links to files the API routes serve (a shopper's data), which the browser must fetch
itself: Reflex renders every anchor as a React Router link, routed inside the page, which has
no such page and showed "Page not found" instead of downloading. The admin's audited
downloads have no link: they are posted with a ticket (state/admin/downloads.py)."""

from __future__ import annotations

from typing import Any

import reflex as rx


def download_link(*children: Any, href: Any, filename: str, testid: str) -> rx.Component:
    """A text link that downloads `href` as `filename`."""
    return rx.el.a(
        *children,
        href=href,
        download=filename,
        reload_document=True,
        color="var(--accent-11)",
        text_decoration="underline",
        data_testid=testid,
    )
