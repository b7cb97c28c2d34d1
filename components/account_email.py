"""Changing the account's email (state/account_email.py): the account page's form, and the
page its mailed link opens, where the shopper confirms with a button."""

from __future__ import annotations

import reflex as rx

from components.account_forms import error_line, field, form
from components.i18n import pick, t
from components.layout import page_shell
from state.account_email import EMAIL_FORM
from state.account_email import EmailChangeState as Email

EMAIL_ERROR = "email-error"  # why the change was refused: in its form, which it describes


def change_email_form() -> rx.Component:
    # Keyed on the links sent: the fields are emptied after each.
    return form(
        "account.email_title",
        Email.change_email,
        "account.email_save",
        field(
            "account.new_email",
            "email",
            "email",
            "email",
            form=EMAIL_FORM,
            error_id=EMAIL_ERROR,
            key=Email.asks,
        ),
        field(
            "account.password",
            "email_password",
            "password",
            "current-password",
            form=EMAIL_FORM,
            error_id=EMAIL_ERROR,
            key=Email.asks,
        ),
        error_line(Email.error, EMAIL_ERROR),
        rx.cond(
            Email.sent.length() > 0,
            rx.callout(pick(Email.sent), icon="mail", role="status", data_testid="email-sent"),
        ),
        testid=EMAIL_FORM,
    )


def email_link_page() -> rx.Component:
    """/account/email?token=…: the address the link makes the account's, and a button."""
    return page_shell(
        rx.heading(t("title.email"), size="7", as_="h1", margin_bottom="0.75em"),
        rx.cond(
            Email.link_email != "",
            rx.vstack(
                rx.text(t("account.email_link_question"), " ", rx.el.strong(Email.link_email)),
                rx.button(
                    t("account.email_link_confirm"),
                    on_click=Email.confirm_link,
                    size="3",
                    data_testid="email-confirm",
                ),
                spacing="3",
                align="start",
            ),
        ),
        rx.cond(
            Email.link_error.length() > 0,
            rx.callout(
                pick(Email.link_error),
                icon="triangle-alert",
                color_scheme="red",
                role="alert",
                data_testid="email-link-error",
            ),
        ),
        rx.cond(
            Email.link_done.length() > 0,
            rx.vstack(
                rx.callout(
                    pick(Email.link_done), icon="check", role="status", data_testid="email-changed"
                ),
                rx.link(t("account.title"), href="/account"),
                spacing="3",
                align="start",
            ),
        ),
    )
