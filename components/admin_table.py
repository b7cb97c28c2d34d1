"""Admin table pieces."""

from __future__ import annotations

import reflex as rx

from components.i18n import t


def table_head(*label_keys: str) -> rx.Component:
    """A table's header row: one column header per label key, in the reader's language."""
    return rx.table.header(rx.table.row(*[rx.table.column_header_cell(t(k)) for k in label_keys]))


def admin_table(*children: rx.Component, long_list: bool = False, **props: object) -> rx.Component:
    """A table that scrolls sideways within its card or page when wider than it (a phone's
    width, French headers), with a scrollbar always drawn: Radix's own shows only on hover,
    so a phone cut the last columns off with nothing to say so (assets/boutique.css). A tab
    stop, so that a keyboard can scroll it too when nothing in it takes the focus.
    `long_list`: a page's list of rows, held within the screen's height on a tablet or a
    phone (its sideways scrollbar in view, its header row kept)."""
    scroll = "admin-table-scroll admin-long-list" if long_list else "admin-table-scroll"
    return rx.el.div(rx.table.root(*children, **props), class_name=scroll, tab_index=0)
