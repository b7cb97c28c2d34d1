"""Account pages: sign in or create an account, reset a password, the account itself."""

from __future__ import annotations

import reflex as rx

from components.account_confirm import email_confirm_note
from components.account_email import change_email_form
from components.account_forms import (
    error_line,
    field,
    form,
    messages,
    password_hint,
    password_hint_id,
)
from components.address_book import address_book
from components.download import download_link
from components.i18n import lead_in, pick, t
from components.layout import page_shell
from components.link_button import link_button
from components.once_loaded import once_loaded
from components.order_history import order_history
from components.restock import restock_list
from components.status_note import status_note
from components.wishlist import wishlist_grid
from state.account import (
    PROFILE_FORM,
    RESET_FORM,
    RESET_REQUEST_FORM,
    SIGN_IN_FORM,
    SIGN_UP_FORM,
    AccountState,
)
from state.account_security import CLOSE_FORM, PASSWORD_FORM
from state.account_security import AccountSecurityState as Security
from state.order_history import OrderHistoryState
from state.reset_email import TYPED_EMAIL, ResetEmailState
from storefront.services.accounts.resets import RESET_PATH
from storefront.services.accounts.service import MAX_NAME

CLOSE_ERROR = "close-error"  # why closing was refused: in its form, which it describes
PASSWORD_ERROR = "password-error"  # the same for changing the password


def _already_signed_in() -> rx.Component:
    """Opened while signed in (a bookmark, the back button): said, with the way to the
    account; the forms stay, to sign in to another account."""
    return rx.cond(
        AccountState.signed_in,
        rx.callout(
            # A span: the callout's text is a paragraph already (a p in a p is invalid HTML).
            rx.el.span(
                # "Connecté en tant qu’alice@…": elided before a vowel (components/i18n.py).
                lead_in("account.signed_in_as", AccountState.email),
                rx.el.strong(AccountState.email),
                ". ",
                rx.link(t("account.go_to_account"), href="/account"),
            ),
            icon="info",
            margin_bottom="1em",
            data_testid="already-signed-in",
        ),
    )


def sign_in_page() -> rx.Component:
    return page_shell(
        rx.heading(t("account.title"), size="7", as_="h1", margin_bottom="0.75em"),
        _already_signed_in(),
        messages(),
        rx.flex(
            form(
                "account.sign_in",
                AccountState.sign_in,
                "account.sign_in",
                field("account.email", "email", "email", "email", form=SIGN_IN_FORM),
                field(
                    "account.password",
                    "password",
                    "password",
                    "current-password",
                    form=SIGN_IN_FORM,
                ),
                rx.link(
                    t("account.forgot"),
                    href=RESET_PATH,  # as it is: a new tab opens the form empty
                    # The email typed above goes along, kept in the tab's state (never in
                    # the address), and the server opens the reset page with it.
                    on_click=rx.call_script(
                        TYPED_EMAIL, callback=ResetEmailState.forgot
                    ).prevent_default,
                    size="2",
                    class_name="tap-line",
                    data_testid="forgot-password",
                ),
                testid=SIGN_IN_FORM,
            ),
            form(
                "account.sign_up",
                AccountState.sign_up,
                "account.sign_up",
                field(
                    "account.name",
                    "name",
                    "text",
                    "name",
                    form=SIGN_UP_FORM,
                    required=False,
                    max_length=MAX_NAME,
                ),
                field("account.email", "email", "email", "email", form=SIGN_UP_FORM),
                field(
                    "account.password",
                    "password",
                    "password",
                    "new-password",
                    form=SIGN_UP_FORM,
                    hint_id=password_hint_id(SIGN_UP_FORM),
                ),
                password_hint(SIGN_UP_FORM),
                testid=SIGN_UP_FORM,
            ),
            gap="2em",
            margin_top="1em",
            direction={"initial": "column", "md": "row"},
        ),
    )


def reset_page() -> rx.Component:
    return page_shell(
        rx.heading(t("account.reset_title"), size="7", as_="h1", margin_bottom="0.75em"),
        messages(),
        rx.cond(
            AccountState.reset_token_present,
            form(
                "account.reset_choose",
                AccountState.set_new_password,
                "account.reset_save",
                field(
                    "account.new_password",
                    "password",
                    "password",
                    "new-password",
                    form=RESET_FORM,
                    hint_id=password_hint_id(RESET_FORM),
                ),
                password_hint(RESET_FORM),
                testid=RESET_FORM,
            ),
            form(
                "account.reset_ask",
                AccountState.request_reset,
                "account.reset_send",
                field(
                    "account.email",
                    "email",
                    "email",
                    "email",
                    form=RESET_REQUEST_FORM,
                    # What the sign-in form held; drawn anew when it comes after the field.
                    default_value=ResetEmailState.email,
                    key=ResetEmailState.email,
                ),
                testid=RESET_REQUEST_FORM,
            ),
        ),
    )


def account_page() -> rx.Component:
    return page_shell(
        rx.heading(t("account.title"), size="7", as_="h1", margin_bottom="0.75em"),
        rx.cond(
            AccountState.signed_in,
            rx.vstack(
                rx.text(
                    lead_in("account.signed_in_as", AccountState.email),
                    rx.el.strong(AccountState.email),
                    data_testid="signed-in-as",
                ),
                email_confirm_note(),
                rx.hstack(
                    rx.button(
                        t("account.sign_out"), on_click=AccountState.sign_out, variant="outline"
                    ),
                    rx.cond(AccountState.staff, admin_link()),
                ),
                messages(),
                form(
                    "account.profile",
                    AccountState.rename,
                    "account.save_profile",
                    field(
                        "account.name",
                        "name",
                        "text",
                        "name",
                        form=PROFILE_FORM,
                        required=False,
                        max_length=MAX_NAME,
                        default_value=AccountState.name,
                        key=AccountState.account_id,
                        data_testid="profile-name",
                    ),
                    testid=PROFILE_FORM,
                ),
                order_history(),
                address_book(),
                wishlist_grid(),
                restock_list(),
                _change_password(),
                change_email_form(),
                download_link(
                    t("account.download_data"),
                    href=AccountState.data_url,
                    filename="my-boutique-data.json",
                    testid="download-data",
                ),
                _close_account(),
                spacing="3",
                align="start",
            ),
            # Prerendered, the page knows no one: a signed-in shopper saw "Sign in" until it
            # loaded (a guest is sent to sign in). Signed out in another tab, a form sent from
            # this one lands here, with its message.
            rx.vstack(
                messages(),
                once_loaded(
                    rx.link(
                        t("account.sign_in"),
                        href="/account/sign-in",
                        data_testid="account-sign-in",
                    )
                ),
                spacing="3",
                align="start",
            ),
        ),
    )


def admin_link() -> rx.Component:
    """For staff: the way to the admin pages."""
    return link_button(t("account.open_admin"), href="/admin", data_testid="open-admin")


def _change_password() -> rx.Component:
    # Keyed on the changes made: the fields are emptied after each.
    key = Security.password_changes
    return form(
        "account.password_title",
        Security.change_password,
        "account.password_save",
        field(
            "account.current_password",
            "current_password",
            "password",
            "current-password",
            form=PASSWORD_FORM,
            error_id=PASSWORD_ERROR,
            key=key,
        ),
        field(
            "account.new_password",
            "password",
            "password",
            "new-password",
            form=PASSWORD_FORM,
            error_id=PASSWORD_ERROR,
            hint_id=password_hint_id(PASSWORD_FORM),
            key=key,
        ),
        password_hint(PASSWORD_FORM),
        error_line(Security.password_error, PASSWORD_ERROR),
        status_note(
            (Security.password_changes > 0) & (Security.password_error.length() == 0),
            rx.callout(t("account.password_changed"), icon="check", data_testid="password-changed"),
            changes=Security.password_changes,
        ),
        testid=PASSWORD_FORM,
    )


def _close_account() -> rx.Component:
    return form(
        "account.close",
        Security.close_account,
        "account.close_button",
        rx.text(t("account.close_help"), size="2"),
        rx.cond(
            OrderHistoryState.unshipped.length() > 0,
            rx.callout(
                pick(OrderHistoryState.unshipped),
                icon="info",
                color_scheme="amber",
                size="1",
                data_testid="close-unshipped",
            ),
        ),
        field(
            "account.password",
            "password",
            "password",
            "current-password",
            form=CLOSE_FORM,
            error_id=CLOSE_ERROR,
        ),
        error_line(Security.close_error, CLOSE_ERROR),
        testid=CLOSE_FORM,
        danger=True,
    )


def closed_page() -> rx.Component:
    return page_shell(
        rx.heading(t("account.closed_title"), size="7", as_="h1", margin_bottom="0.75em"),
        rx.text(t("account.closed"), data_testid="account-closed"),
        rx.link(t("account.closed_home"), href="/"),
    )
