"""What changed about a cart line since it was added (a new price, fewer left, sold out, no
longer sold): said under the line on the cart page and in the checkout's summary."""

from __future__ import annotations

import reflex as rx

from components.i18n import pick, t
from state.cart import CartLineItem


def gone(line: CartLineItem) -> rx.Var[bool]:
    """The line's variant is gone and nothing names it (its product gone too, or a line from
    before lines kept their product): no title, page, picture or price, only its SKU. A
    variant removed from a product still named keeps its product's title (state/cart.py)."""
    return line.title == ""


def gone_name(line: CartLineItem) -> rx.Component:
    """ "An item no longer in our catalog · QA1-JKT-M-RED", in place of its title."""
    return rx.fragment(t("cart.item_gone"), " · ", line.sku)


def line_status(line: CartLineItem, testid: str) -> rx.Component:
    return rx.cond(
        line.status != "ok",
        rx.text(pick(line.status_labels), size="1", color_scheme="amber", data_testid=testid),
    )
