"""The page a mailed link opens (confirming an address, changing it, confirming a back-in-stock
alert). The link itself does nothing: the page asks the reader to press a button, so that a
mail scanner opening the link confirms nothing. Then it says how that went."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx

from components.i18n import pick, t
from components.layout import page_shell
from components.status_note import status_note


def mailed_link_ask(
    label_key: str,
    on_click: Any,
    answer: Any,
    *,
    button_id: str,
    answer_id: str,
) -> list[rx.Component]:
    """The account page's button mailing a link (state/mailed_link.py's `answer`: its
    MailedLinkState), then where the link went, said again at each ask, or why none did."""
    return [
        rx.button(t(label_key), on_click=on_click, size="2", variant="soft", data_testid=button_id),
        status_note(
            answer.sent.length() > 0,
            rx.text(pick(answer.sent), size="2", data_testid=f"{answer_id}-sent"),
            changes=answer.asks,
        ),
        rx.cond(
            answer.error.length() > 0,
            rx.text(
                pick(answer.error),
                size="2",
                color_scheme="red",
                role="alert",
                data_testid=f"{answer_id}-error",
            ),
        ),
    ]


def link_confirm_page(
    title: str,
    valid: rx.Var[bool],
    asks: list[rx.Component],
    *,
    error: rx.Var[dict[str, str]],
    error_id: str,
    done: rx.Var[dict[str, str]],
    done_id: str,
    back: tuple[str, str],
    back_after_error: bool = False,
    step: rx.Var | None = None,
    also: rx.Component | None = None,
) -> rx.Component:
    """The page titled `title`: while the link is `valid`, what it `asks` (a question and its
    buttons); then the refusal `error` or the outcome `done` (each a message to pick), the
    outcome with the link `back` (a text key and an address), the refusal too when
    `back_after_error`. `step` (components/focus_note.focus_after) moves the focus to the
    outcome after a button went with it: the outcomes then take a focus from a script.
    `also` goes last (a way on that a refusal names: signing in, say)."""
    focusable: dict[str, Any] = {} if step is None else {"tab_index": -1}
    refused = rx.callout(
        pick(error),
        icon="triangle-alert",
        color_scheme="red",
        role="alert",
        data_testid=error_id,
        **focusable,
    )
    done_note = rx.callout(
        pick(done), icon="check", role="status", data_testid=done_id, **focusable
    )
    children = (
        rx.heading(t(title), size="7", as_="h1", margin_bottom="0.75em"),
        rx.cond(valid, _stack(*asks)),
        rx.cond(
            error.length() > 0,
            _stack(refused, _back(back)) if back_after_error else refused,
        ),
        rx.cond(done.length() > 0, _stack(done_note, _back(back))),
        *([] if also is None else [also]),
    )
    if step is None:
        return page_shell(*children)
    return page_shell(rx.box(*children, data_step=step))


def address_and_button(
    question: str, address: rx.Var[str], button: str, on_click: Callable[..., Any]
) -> list[rx.Component]:
    """What an address link asks: the `question` about the `address`, and the `button`."""
    return [
        rx.text(t(question), " ", rx.el.strong(address)),
        rx.button(t(button), on_click=on_click, size="3", data_testid="email-confirm"),
    ]


def _back(back: tuple[str, str]) -> rx.Component:
    text, href = back
    return rx.link(t(text), href=href)


def _stack(*children: rx.Component) -> rx.Component:
    return rx.vstack(*children, spacing="3", align="start")
