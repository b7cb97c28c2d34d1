"""The order page's "Buy again": a button, then a note saying line by line what went into the
cart and what did not, with the way to the cart."""

from __future__ import annotations

import reflex as rx

from components.i18n import pick, t
from components.link_button import link_button
from components.status_note import status_note
from state.order import OrderState
from state.order_buy_again import AgainLine, BuyAgainState


def _line(line: AgainLine) -> rx.Component:
    return rx.el.li(
        pick(line.labels),
        data_added=rx.cond(line.added, "yes", "no"),
        data_testid="buy-again-line",
    )


def _note() -> rx.Component:
    return rx.callout.root(
        rx.vstack(
            rx.text(pick(BuyAgainState.summary), weight="medium", data_testid="buy-again-summary"),
            rx.cond(
                BuyAgainState.lines.length() > 0,
                rx.el.ul(
                    rx.foreach(BuyAgainState.lines, _line),
                    class_name="long-words",
                    style={"paddingInlineStart": "1.25em", "margin": "0"},
                ),
            ),
            rx.cond(
                BuyAgainState.added_any,
                link_button(
                    t("cart.view"),
                    href="/cart",
                    size="2",
                    variant="soft",
                    data_testid="buy-again-view-cart",
                ),
            ),
            spacing="2",
            align="start",
            width="100%",
        ),
        color_scheme=rx.cond(BuyAgainState.added_any, "green", "amber"),
        width="100%",
        data_testid="buy-again-note",
    )


def order_buy_again() -> rx.Component:
    """Offered for any order but one waiting for its payment (its cart holds it still)."""
    about_this = (BuyAgainState.about == OrderState.reference) & (
        BuyAgainState.summary.length() > 0
    )
    return rx.cond(
        OrderState.buy_again_offered,
        rx.vstack(
            rx.button(
                rx.icon("rotate-ccw", size=16, aria_hidden="true"),
                t("reorder.button"),
                size="3",
                on_click=BuyAgainState.buy_again(BuyAgainState.runs),
                loading=BuyAgainState.busy,
                data_testid="buy-again",
            ),
            status_note(about_this, _note(), changes=BuyAgainState.runs, width="100%"),
            spacing="2",
            align="start",
            width="100%",
            max_width="640px",
        ),
    )
