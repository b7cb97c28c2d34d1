"""Confirming the account's email (state/account_confirm.py): the account page's note while
the address is not confirmed, with "send the link again", and the page the mailed link
opens, where the shopper confirms with a button."""

from __future__ import annotations

import reflex as rx

from components.i18n import t_with
from components.link_confirm import address_and_button, link_confirm_page, mailed_link_ask
from state.account import AccountState
from state.account_confirm import EmailConfirmState as Confirm


def email_confirm_note() -> rx.Component:
    """Shown while the account's address is not confirmed; nothing once it is."""
    return rx.cond(
        AccountState.email_confirmed,
        rx.fragment(),
        rx.callout(
            rx.vstack(
                rx.el.span(t_with("account.confirm.note", email=AccountState.email)),
                *mailed_link_ask(
                    "account.confirm.resend",
                    Confirm.resend,
                    Confirm,
                    button_id="email-confirm-resend",
                    answer_id="email-confirm",
                ),
                spacing="2",
                align="start",
            ),
            icon="mail",
            color_scheme="amber",
            data_testid="email-unconfirmed",
        ),
    )


def confirm_email_page() -> rx.Component:
    """/account/confirm?token=…: the address the link confirms, and a button."""
    return link_confirm_page(
        "title.confirm_email",
        Confirm.link_email != "",
        address_and_button(
            "account.confirm.question",
            Confirm.link_email,
            "account.confirm.button",
            Confirm.confirm,
        ),
        error=Confirm.link_error,
        error_id="email-confirm-link-error",
        done=Confirm.link_done,
        done_id="email-confirmed",
        back=("account.title", "/account"),
        back_after_error=True,
    )
