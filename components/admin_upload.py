"""An admin drop zone for one file: an icon and a line saying what to drop, its file input
named by that line."""

from __future__ import annotations

from typing import Any

import reflex as rx

from components.i18n import t


def _file_inputs(component: rx.Component) -> list[rx.Component]:
    found = [component] if getattr(component, "tag", None) == "input" else []
    for child in component.children:
        found += _file_inputs(child)
    return found


def drop_zone(upload_id: str, icon: str, text_key: str, **props: Any) -> rx.Component:
    """`props` go to rx.upload (accept, max_files, max_size, style)."""
    text_id = f"{upload_id}-text"
    zone = rx.upload(
        rx.vstack(rx.icon(icon), rx.text(t(text_key), size="2", id=text_id), align="center"),
        id=upload_id,
        **props,
    )
    # rx.upload draws its own <input type=file> (visually hidden, still read by screen
    # readers and reached by voice control) and takes no props for it: without a name it
    # is an unlabelled "Choose File" button (axe: label).
    for file_input in _file_inputs(zone):
        file_input.custom_attrs["aria-labelledby"] = text_id
    return zone
