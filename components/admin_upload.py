"""An admin drop zone for one file: an icon and a line saying what to drop, its file input
named by that line."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx

from components.i18n import t


def _file_inputs(component: rx.Component) -> list[rx.Component]:
    found = [component] if getattr(component, "tag", None) == "input" else []
    for child in component.children:
        found += _file_inputs(child)
    return found


def _plain(rejected: rx.Var) -> rx.Var:
    """react-dropzone's report of the files it refused, as plain data: each file's name and
    its errors' codes. Its File objects themselves would go to the server as binary
    attachments of the event."""
    each = "(r) => ({file: {path: String(r?.file?.name ?? '')}, errors: (r?.errors ?? [])"
    each += ".map((e) => ({code: String(e?.code ?? '')}))})"
    return rx.Var(f"(({rejected}) ?? []).map({each})").to(list)


def drop_zone(
    upload_id: str, icon: str, text_key: str, on_refused: Callable[[Any], Any], **props: Any
) -> rx.Component:
    """`props` go to rx.upload (accept, max_files, max_size, style). `on_refused` hears of a
    file the browser refused (too big, not a kind taken), to say so in the shop's words
    (state/admin/dropped_files.py): rx.upload's own answer was a toast in English."""
    text_id = f"{upload_id}-text"
    zone = rx.upload(
        rx.vstack(rx.icon(icon), rx.text(t(text_key), size="2", id=text_id), align="center"),
        id=upload_id,
        on_drop_rejected=lambda rejected: on_refused(_plain(rejected)),
        **props,
    )
    # rx.upload draws its own <input type=file> (visually hidden, still read by screen
    # readers and reached by voice control) and takes no props for it: without a name it
    # is an unlabelled "Choose File" button (axe: label).
    for file_input in _file_inputs(zone):
        file_input.custom_attrs["aria-labelledby"] = text_id
    return zone
