"""Adding the orders placed as a guest to the account (state/guest_orders.py): the account
page's offer under its orders, and the page the mailed link opens, where a button adds them
(a mail scanner opening the link adds nothing, nor does a browser not signed in to the
account that asked)."""

from __future__ import annotations

import reflex as rx

from components.i18n import t
from components.link_confirm import link_confirm_page, mailed_link_ask
from state.guest_orders import GuestOrdersState as Guest

ORDERS_HREF = "/account#orders"  # the account page's list (components/order_history.py)


def guest_orders_offer() -> rx.Component:
    """Under the account's orders: where guest orders are, and the button mailing the link.
    Its answer is the same whether the address has guest orders or not."""
    return rx.vstack(
        rx.text(t("account.guest_orders"), size="2", color_scheme="gray"),
        *mailed_link_ask(
            "guest_orders.ask",
            Guest.request_link,
            Guest,
            button_id="guest-orders-ask",
            answer_id="guest-orders",
        ),
        spacing="2",
        align="start",
        margin_top="0.5em",
    )


def guest_orders_link_page() -> rx.Component:
    """/account/guest-orders?token=…: the address whose guest orders are added, and a button;
    signed out, the way to sign in and come back."""
    return link_confirm_page(
        "title.guest_orders",
        Guest.link_email != "",
        [
            rx.text(t("guest_orders.question"), " ", rx.el.strong(Guest.link_email)),
            rx.button(
                t("guest_orders.button"),
                on_click=Guest.join,
                size="3",
                data_testid="guest-orders-join",
            ),
        ],
        error=Guest.link_error,
        error_id="guest-orders-link-error",
        done=Guest.link_done,
        done_id="guest-orders-done",
        back=("account.orders", ORDERS_HREF),
        back_after_error=True,
        also=rx.cond(
            Guest.sign_in_href != "",
            rx.link(
                t("account.sign_in"),
                href=Guest.sign_in_href,
                data_testid="guest-orders-sign-in",
            ),
        ),
    )
