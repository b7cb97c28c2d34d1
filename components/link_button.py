"""A link drawn as a button: one element, one stop for the Tab key.

A button inside a link is two interactive elements for one action (invalid HTML, and some
screen readers announce both). Radix's `as_child` draws the button's look on the link itself,
and the link is React Router's, so the page changes without a reload.
"""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex_components_core.react_router.dom import ReactRouterLink


def link_button(*children: Any, href: Any, **button_props: Any) -> rx.Component:
    return rx.button(ReactRouterLink.create(*children, to=href), as_child=True, **button_props)
