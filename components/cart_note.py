"""The cart's note (an add, a refused quantity, a removed line), which takes the focus when
removing a line took it away (components/focus_note.py)."""

from __future__ import annotations

import reflex as rx

from components.focus_note import focus_note
from components.i18n import pick
from state.cart import CartState

NOTE_ID = "cart-note"


def cart_note() -> rx.Component:
    return focus_note(
        NOTE_ID,
        CartState.removals,
        rx.cond(
            CartState.message.length() > 0,
            rx.callout(
                pick(CartState.message),
                icon="info",
                size="1",
                margin_bottom="1em",
                data_testid="cart-message",
            ),
        ),
    )
