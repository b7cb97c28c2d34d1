"""The thank-you page's offer to a guest (state/order_account_offer.py): an account to
follow the order in, or signing in to the one its email has."""

from __future__ import annotations

import reflex as rx

from components.i18n import t
from components.link_button import link_button
from state.order_account_offer import CREATE, SIGN_IN, SIGN_UP_PATH, AccountOfferState


def order_account_offer() -> rx.Component:
    return rx.match(
        AccountOfferState.offer,
        (
            CREATE,
            rx.card(
                rx.vstack(
                    rx.text(t("order.account_offer.create_why")),
                    rx.button(
                        t("order.account_offer.create"),
                        on_click=AccountOfferState.create_account,
                        data_testid="order-create-account",
                    ),
                    align="start",
                ),
                data_testid="order-account-offer",
            ),
        ),
        (
            SIGN_IN,
            rx.card(
                rx.vstack(
                    rx.text(t("order.account_offer.sign_in_why")),
                    link_button(
                        t("account.sign_in"),
                        href=SIGN_UP_PATH,
                        variant="soft",
                        data_testid="order-sign-in-offer",
                    ),
                    align="start",
                ),
                data_testid="order-account-offer",
            ),
        ),
        rx.fragment(),
    )
