"""Withdraw from a contract, for a guest without the order's link: its reference and email,
then the order's withdrawal function (the footer links here)."""

from __future__ import annotations

import reflex as rx

from components.form_fields import labelled_input
from components.i18n import pick, t
from components.layout import page_shell
from components.order_withdrawal import order_withdrawal
from state.withdraw_lookup import WithdrawLookupState as L


def _lookup() -> rx.Component:
    return rx.form(
        rx.vstack(
            labelled_input("withdraw.guest.reference", "withdraw-reference", name="reference"),
            labelled_input(
                "withdraw.guest.email",
                "withdraw-lookup-email",
                name="email",
                type="email",
                auto_complete="email",
            ),
            rx.button(
                t("withdraw.guest.find"), type="submit", loading=L.busy, data_testid="withdraw-find"
            ),
            spacing="3",
            width="100%",
            max_width="420px",
        ),
        on_submit=L.find,
        reset_on_submit=False,
    )


def withdraw_page() -> rx.Component:
    return page_shell(
        rx.vstack(
            rx.heading(t("withdraw.guest.title"), size="7", as_="h1"),
            rx.text(t("withdraw.guest.intro")),
            _lookup(),
            rx.cond(
                L.error.length() > 0,
                rx.text(
                    pick(L.error),
                    size="2",
                    color_scheme="red",
                    role="alert",
                    data_testid="withdraw-lookup-error",
                ),
            ),
            rx.cond(L.found, order_withdrawal()),
            spacing="3",
            align="start",
        )
    )
