"""What changed about a cart line since it was added (a new price, fewer left, sold out, no
longer sold): said under the line on the cart page and in the checkout's summary."""

from __future__ import annotations

import reflex as rx

from components.i18n import pick
from state.cart import CartLineItem


def line_status(line: CartLineItem, testid: str) -> rx.Component:
    return rx.cond(
        line.status != "ok",
        rx.text(pick(line.status_labels), size="1", color_scheme="amber", data_testid=testid),
    )
