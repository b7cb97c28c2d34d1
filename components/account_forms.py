"""Forms of the account pages: labelled fields, one error or notice line, a submit button."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx

from components.i18n import pick, t
from state.account import AccountState


def field(
    label_key: str, name: str, kind: str = "text", autocomplete: str = "", *, required: bool = True
) -> rx.Component:
    return rx.el.label(
        rx.text(t(label_key), size="2", weight="medium"),
        rx.input(name=name, type=kind, required=required, auto_complete=autocomplete, width="100%"),
        display="flex",
        flex_direction="column",
        gap="0.25em",
        width="100%",
    )


def messages() -> rx.Component:
    return rx.fragment(
        rx.cond(
            AccountState.error.length() > 0,
            rx.callout(
                pick(AccountState.error),
                icon="triangle-alert",
                color_scheme="red",
                role="alert",
                data_testid="account-error",
            ),
        ),
        rx.cond(
            AccountState.notice.length() > 0,
            rx.callout(
                pick(AccountState.notice), icon="info", role="status", data_testid="account-notice"
            ),
        ),
    )


def form(
    title_key: str,
    on_submit: Callable[..., Any],
    submit_key: str,
    *fields: rx.Component,
    testid: str,
) -> rx.Component:
    return rx.card(
        rx.el.form(
            rx.vstack(
                rx.heading(t(title_key), size="5", as_="h2"),
                *fields,
                rx.button(t(submit_key), type="submit", loading=AccountState.busy),
                spacing="3",
                align="start",
            ),
            on_submit=on_submit,
            reset_on_submit=False,
            data_testid=testid,
        ),
        width="100%",
        max_width="420px",
    )
