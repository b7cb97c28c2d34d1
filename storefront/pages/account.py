"""Account pages: sign in or create an account, reset a password, the account itself."""

from __future__ import annotations

import reflex as rx

from components.account_forms import field, form, messages
from components.address_book import address_book
from components.download import download_link
from components.i18n import pick, t
from components.layout import page_shell
from components.order_history import order_history
from components.wishlist import wishlist_grid
from state.account import AccountState


def sign_in_page() -> rx.Component:
    return page_shell(
        rx.heading(t("account.title"), size="7", as_="h1", margin_bottom="0.75em"),
        messages(),
        rx.flex(
            form(
                "account.sign_in",
                AccountState.sign_in,
                "account.sign_in",
                field("account.email", "email", "email", "email"),
                field("account.password", "password", "password", "current-password"),
                rx.link(t("account.forgot"), href="/account/reset", size="2"),
                testid="sign-in-form",
            ),
            form(
                "account.sign_up",
                AccountState.sign_up,
                "account.sign_up",
                field("account.name", "name", "text", "name", required=False),
                field("account.email", "email", "email", "email"),
                field("account.password", "password", "password", "new-password"),
                rx.text(t("account.password_hint"), size="1", color_scheme="gray"),
                testid="sign-up-form",
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
                "account.reset_title",
                AccountState.set_new_password,
                "account.reset_save",
                field("account.new_password", "password", "password", "new-password"),
                testid="reset-form",
            ),
            form(
                "account.reset_title",
                AccountState.request_reset,
                "account.reset_send",
                field("account.email", "email", "email", "email"),
                testid="reset-request-form",
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
                    t("account.signed_in_as"),
                    " ",
                    rx.el.strong(AccountState.email),
                    data_testid="signed-in-as",
                ),
                rx.hstack(
                    rx.button(
                        t("account.sign_out"), on_click=AccountState.sign_out, variant="outline"
                    ),
                    rx.cond(
                        AccountState.staff,
                        rx.link(
                            rx.button(t("account.open_admin")),
                            href="/admin",
                            data_testid="open-admin",
                        ),
                    ),
                ),
                messages(),
                form(
                    "account.profile",
                    AccountState.rename,
                    "account.save",
                    rx.el.label(
                        rx.text(t("account.name"), size="2", weight="medium"),
                        rx.input(
                            name="name",
                            default_value=AccountState.name,
                            key=AccountState.account_id,
                            auto_complete="name",
                            width="100%",
                            data_testid="profile-name",
                        ),
                        display="flex",
                        flex_direction="column",
                        gap="0.25em",
                        width="100%",
                    ),
                    testid="profile-form",
                ),
                order_history(),
                address_book(),
                wishlist_grid(),
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
            rx.link(t("account.sign_in"), href="/account/sign-in"),
        ),
    )


def _close_account() -> rx.Component:
    return form(
        "account.close",
        AccountState.close_account,
        "account.close_button",
        rx.text(t("account.close_help"), size="2"),
        field("account.password", "password", "password", "current-password"),
        rx.cond(
            AccountState.close_error.length() > 0,
            rx.callout(
                pick(AccountState.close_error),
                icon="triangle-alert",
                color_scheme="red",
                role="alert",
                data_testid="close-error",
            ),
        ),
        testid="close-form",
    )


def closed_page() -> rx.Component:
    return page_shell(
        rx.heading(t("account.closed_title"), size="7", as_="h1", margin_bottom="0.75em"),
        rx.text(t("account.closed"), data_testid="account-closed"),
        rx.link(t("account.closed_home"), href="/"),
    )
