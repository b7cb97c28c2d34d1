"""A badge naming a status or a role in the page's language."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import reflex as rx

from components.i18n import named


def named_badge(value: Any, key_prefix: str, values: Iterable[str], **props: Any) -> rx.Component:
    """`value` as the text of `<key_prefix>.<value>`; a value not listed shows as it is."""
    return rx.badge(named(value, key_prefix, values), **props)
