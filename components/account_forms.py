"""Forms of the account pages: labelled fields, one error or notice line, a submit button.
An error about a form shows in it, above its button; others (and notices) at the page's top.
A field the error is about is marked invalid and described by it (the error line), and takes
the focus after the refusal (components/form_fields.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx

from components.form_fields import invalid_props, refusable_form
from components.i18n import pick, t
from components.status_note import status_note
from components.submit_button import submit_button
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
    hint_id: str = "",
    **props: Any,
) -> rx.Component:
    """A labelled input of the form `form` (its id), described by the element `hint_id` (its
    hint, such as `password_hint`'s), if any, and by the element `error_id` while it is in
    error."""
    invalid = AccountState.invalid.contains(f"{form}/{name}")
    described = invalid_props(invalid, error_id)
    if hint_id:
        described["aria_describedby"] = rx.cond(invalid, f"{error_id} {hint_id}", hint_id)
    return rx.el.label(
        rx.text(t(label_key), size="2", weight="medium"),
        rx.input(
            name=name,
            type=kind,
            required=required,
            auto_complete=autocomplete,
            width="100%",
            **described,
            **props,
        ),
        display="flex",
        flex_direction="column",
        gap="0.25em",
        width="100%",
    )


def password_hint_id(form: str) -> str:
    return f"{form}-password-hint"


def password_hint(form: str) -> rx.Component:
    """The rule a new password meets ("At least 10 characters"), under its field in the form
    `form`, which that field is described by (`hint_id=password_hint_id(form)`)."""
    return rx.text(
        t("account.password_hint"),
        size="1",
        color_scheme="gray",
        id=password_hint_id(form),
        data_testid="password-hint",
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
        # An error about one form is said in it (`form`), under the fields it marks.
        rx.cond(AccountState.error_form == "", error_line(AccountState.error, ERROR_ID)),
        status_note(
            AccountState.notice.length() > 0,
            rx.callout(pick(AccountState.notice), icon="info", data_testid="account-notice"),
            changes=AccountState.notices,
        ),
    )


def form(
    title_key: str,
    on_submit: Callable[..., Any],
    submit_key: str,
    *fields: rx.Component,
    testid: str,
    danger: bool = False,
) -> rx.Component:
    """The form whose id (and test id) is `testid`: its fields are made with form=testid.
    A `danger` form's button is red: what it does cannot be undone."""
    colour = {"color_scheme": "red"} if danger else {}
    return rx.card(
        refusable_form(
            rx.vstack(
                rx.heading(t(title_key), size="5", as_="h2"),
                *fields,
                rx.cond(
                    AccountState.error_form == testid, error_line(AccountState.error, ERROR_ID)
                ),
                submit_button(t(submit_key), loading=AccountState.busy, **colour),
                spacing="3",
                align="start",
            ),
            form_id=testid,
            refused=AccountState.refused,
            # Busy at once (the state's delta comes before the form's own event runs).
            on_submit=[AccountState.working, on_submit, AccountState.worked],
            reset_on_submit=False,
            data_testid=testid,
        ),
        width="100%",
        max_width="420px",
    )
