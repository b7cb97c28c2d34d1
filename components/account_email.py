"""Changing the account's email (state/account_email.py): the account page's form, and the
page its mailed link opens, where the shopper confirms with a button."""

from __future__ import annotations

import reflex as rx

from components.account_forms import error_line, field, form
from components.i18n import pick
from components.link_confirm import address_and_button, link_confirm_page
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
    return link_confirm_page(
        "title.email",
        Email.link_email != "",
        address_and_button(
            "account.email_link_question",
            Email.link_email,
            "account.email_link_confirm",
            Email.confirm_link,
        ),
        error=Email.link_error,
        error_id="email-link-error",
        done=Email.link_done,
        done_id="email-changed",
        back=("account.title", "/account"),
    )
