"""Admin table pieces."""

from __future__ import annotations

import reflex as rx

from components.i18n import t


def table_head(*label_keys: str) -> rx.Component:
    """A table's header row: one column header per label key, in the reader's language."""
    return rx.table.header(rx.table.row(*[rx.table.column_header_cell(t(k)) for k in label_keys]))
