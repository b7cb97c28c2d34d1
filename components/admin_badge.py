"""The admin's badges: a status or a role named in the page's language. All in high contrast:
a soft badge's small text in its colour's step 11 reads under WCAG's 4.5:1 on its tint for
green, orange or amber (a paid order's green badge: 4.28:1, axe color-contrast)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import reflex as rx

from components.i18n import named


def named_badge(value: Any, key_prefix: str, values: Iterable[str], **props: Any) -> rx.Component:
    """`value` as the text of `<key_prefix>.<value>`; a value not listed shows as it is."""
    return tinted_badge(named(value, key_prefix, values), **props)


def tinted_badge(*children: Any, **props: Any) -> rx.Component:
    """A soft badge whose text is its colour's darkest step."""
    return rx.badge(*children, high_contrast=True, **props)
