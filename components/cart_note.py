"""The cart's note (an add, a refused quantity, a removed line with its Undo, how an undo
went), which takes the focus when removing a line or undoing it took the focus away with the
button pressed (components/focus_note.py): the reader hears what happened, and the next Tab
reaches Undo."""

from __future__ import annotations

import reflex as rx

from components.focus_note import focus_note
from components.i18n import pick, t
from state.cart import CartState

NOTE_ID = "cart-note"


def _undo_note() -> rx.Component:
    """ "Oak chair (Red · M) removed." and its Undo, until the shopper leaves the page,
    removes another line or undoes this one."""
    return rx.callout.root(
        rx.callout.icon(rx.icon("undo-2", aria_hidden="true")),
        rx.flex(
            rx.callout.text(pick(CartState.removed_note), data_testid="cart-removed"),
            rx.button(
                t("cart.undo"),
                # Begins with what it shows ("Undo"), so a shopper speaking to the browser
                # says what they see; then which line it puts back.
                aria_label=pick(CartState.undo_label),
                variant="outline",
                size="2",  # a finger's target: the shopper it is for mis-tapped on a phone
                on_click=CartState.undo_removal,
                class_name="tap-44",  # 44 px on a phone: assets/boutique.css
                data_testid="cart-undo",
            ),
            align="center",
            spacing="3",
            wrap="wrap",
        ),
        size="1",
        color_scheme="gray",
        margin_bottom="1em",
        data_testid="cart-undo-note",
    )


def cart_note() -> rx.Component:
    return focus_note(
        NOTE_ID,
        CartState.removals + CartState.undos,
        rx.cond(CartState.removed_note.length() > 0, _undo_note()),
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
