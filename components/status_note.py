"""A note saying how an action went, in a live region that stays on the page: a screen reader
hears the note when it comes (a region drawn together with its text is not always read; QA),
and hears it again when the same action says the same words again."""

from __future__ import annotations

from typing import Any

import reflex as rx


def status_note(
    shown: rx.Var[bool], note: rx.Component, changes: rx.Var | None = None, **props: Any
) -> rx.Component:
    """`note` while `shown`, in a region drawn always. `changes`, a count of the actions the
    note reports, draws it anew at each ("Added to your cart." a second time is heard)."""
    if changes is not None:
        note = rx.fragment(note, key=changes)
    # Empty, out of the flow (assets/boutique.css): a stack's gap is not spent on it.
    return rx.box(rx.cond(shown, note), role="status", class_name="status-note", **props)
