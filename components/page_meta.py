"""The tags link previews read (Open Graph): a page's title and description again, under
the names social sites and chat apps look for. Reflex writes og:image itself (add_page's
`image`)."""

from __future__ import annotations

from typing import Any

import reflex as rx


def preview_tags(title: Any, description: Any, kind: str = "website") -> list[rx.Component]:
    """og:title, og:description and og:type for a page; `title` and `description` may be
    state vars (the product's, the category's)."""
    return [
        rx.el.meta(property="og:title", content=title),
        rx.el.meta(property="og:description", content=description),
        rx.el.meta(property="og:type", content=kind),
    ]
