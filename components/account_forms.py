"""Forms of the account pages: labelled fields, one error or notice line, a submit button.
A field the error is about is marked invalid and described by it (the error line), and takes
the focus after the refusal (components/form_fields.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx

from components.form_fields import invalid_props, refusable_form
from components.i18n import pick, t
from state.account import AccountState

ERROR_ID = "account-error"  # the error line's element: what a field in error is described by


def field(
    label_key: str,
    name: str,
    kind: str = "text",
    autocomplete: str = "",
    *,
    form: str,
    required: bool = True,
    error_id: str = ERROR_ID,
    **props: Any,
) -> rx.Component:
    """A labelled input of the form `form` (its id), described by the element `error_id`
    while it is in error."""
    invalid = AccountState.invalid.contains(f"{form}/{name}")
    return rx.el.label(
        rx.text(t(label_key), size="2", weight="medium"),
        rx.input(
            name=name,
            type=kind,
            required=required,
            auto_complete=autocomplete,
            width="100%",
            **invalid_props(invalid, error_id),
            **props,
        ),
        display="flex",
        flex_direction="column",
        gap="0.25em",
        width="100%",
    )


def error_line(message: rx.Var[dict[str, str]], element_id: str) -> rx.Component:
    """Why a form was refused (`message`, per locale), when there is a reason: the element
    `element_id` (and its test id), which the fields in error are described by."""
    return rx.cond(
        message.length() > 0,
        rx.callout(
            pick(message),
            icon="triangle-alert",
            color_scheme="red",
            role="alert",
            id=element_id,
            data_testid=element_id,
        ),
    )


def messages() -> rx.Component:
    return rx.fragment(
        error_line(AccountState.error, ERROR_ID),
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
    """The form whose id (and test id) is `testid`: its fields are made with form=testid."""
    return rx.card(
        refusable_form(
            rx.vstack(
                rx.heading(t(title_key), size="5", as_="h2"),
                *fields,
                rx.button(t(submit_key), type="submit", loading=AccountState.busy),
                spacing="3",
                align="start",
            ),
            form_id=testid,
            refused=AccountState.refused,
            on_submit=on_submit,
            reset_on_submit=False,
            data_testid=testid,
        ),
        width="100%",
        max_width="420px",
    )
