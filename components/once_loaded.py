"""What a page may say only once it has loaded: a list's "none yet", "Sign in"."""

from __future__ import annotations

import reflex as rx


def once_loaded(note: rx.Component) -> rx.Component:
    """`note`, once the page's loads have all answered. Reflex keeps `is_hydrated` false from
    the prerendered page's first byte, and on every visit from the start of its loads, to
    their end: until then a list is on its way, or as an earlier visit left it in the tab."""
    return rx.cond(rx.State.is_hydrated, note)
