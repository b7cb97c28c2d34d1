"""The withdrawal function of a shipped order (state/order_withdrawal.py): "Withdraw from
contract here", shown for the whole withdrawal period; step 1, the statement (name, items and
quantities, email); step 2, "Confirm withdrawal"; then what was received, and when."""

from __future__ import annotations

from typing import Any

import reflex as rx

from components.catalog_text import catalog_lang, catalog_span
from components.focus_note import focus_after
from components.form_fields import labelled_input
from components.i18n import pick, t, t_with
from state.order_withdrawal import OrderWithdrawalState as W
from state.order_withdrawal import SentStatement, WithdrawLine


def _sent(statement: SentStatement) -> rx.Component:
    """A statement sent: when it was received and what, then what it will be refunded."""
    return rx.vstack(
        rx.text(pick(statement.received), size="2", data_testid="withdraw-sent"),
        rx.text(pick(statement.refund), size="2", data_testid="withdraw-refund"),
        spacing="0",
    )


def _quantity(line: WithdrawLine) -> rx.Component:
    label = t_with("withdraw.quantity", left=line.left.to_string())
    return rx.hstack(
        rx.vstack(
            rx.text(line.title, weight="medium", class_name="long-words", lang=catalog_lang()),
            rx.cond(line.options != "", rx.text(line.options, size="1", color_scheme="gray")),
            spacing="0",
        ),
        rx.spacer(),
        rx.el.label(
            rx.text(label, size="1"),
            rx.input(
                name=f"qty-{line.line}",
                type="number",
                min=0,
                max=line.left,
                step=1,
                default_value=line.chosen.to_string(),  # kept when Back shows it again
                required=True,
                width="6em",
                data_testid="withdraw-quantity",
            ),
        ),
        width="100%",
        data_testid="withdraw-line",
    )


def _field(key: str, name: str, value: Any, kind: str, complete: str) -> rx.Component:
    return labelled_input(
        key, f"withdraw-{name}", name=name, type=kind, default_value=value, auto_complete=complete
    )


def _statement_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.text(t("withdraw.step1"), weight="medium"),
            _field("withdraw.name", "name", W.name, "text", "name"),
            rx.text(t("withdraw.order"), " ", rx.code(W.about), size="2"),
            rx.foreach(W.lines, _quantity),
            _field("withdraw.email", "email", W.email, "email", "email"),
            rx.hstack(
                rx.button(t("withdraw.next"), type="submit", data_testid="withdraw-next"),
                rx.button(
                    t("withdraw.abandon"),
                    type="button",
                    variant="soft",
                    on_click=W.abandon,
                    data_testid="withdraw-abandon",
                ),
                spacing="2",
                wrap="wrap",
            ),
            spacing="3",
            width="100%",
        ),
        on_submit=W.review,
        reset_on_submit=False,
        width="100%",
    )


def _chosen(line: WithdrawLine) -> rx.Component:
    return rx.cond(
        line.chosen > 0,
        rx.text(
            line.chosen,
            " × ",
            catalog_span(line.title, " ", line.options),
            data_testid="withdraw-chosen",
        ),
    )


def _confirmation() -> rx.Component:
    return rx.vstack(
        rx.text(t("withdraw.step2"), weight="medium", id="withdraw-question", tab_index=-1),
        rx.text(t_with("withdraw.mail.name", name=W.name), size="2"),
        rx.text(t_with("withdraw.mail.order", reference=W.about), size="2"),
        rx.text(t("withdraw.mail.items"), size="2"),
        rx.foreach(W.lines, _chosen),
        rx.text(t_with("withdraw.mail.email", email=W.email), size="2"),
        rx.hstack(
            rx.button(
                t("withdraw.confirm"),
                color_scheme="red",
                loading=W.busy,
                on_click=W.confirm,
                aria_describedby="withdraw-question",
                data_testid="withdraw-confirm",
            ),
            rx.button(
                t("withdraw.back"),
                variant="soft",
                on_click=W.back,
                id="withdraw-back",
                data_testid="withdraw-back",
            ),
            spacing="2",
            wrap="wrap",
        ),
        spacing="2",
        # Escape in it is "Back" (assets/keyboard.js), as the cancel's confirmation has it.
        custom_attrs={"data-escape-presses": "withdraw-back"},
    )


# Where the reader lands when a step replaces the button they used: the outcome, else step
# 1's first field, else step 2's question, else the offer again (after Abandon).
_LANDING = (
    '[data-testid="withdraw-done"], [data-testid="withdraw-name"], #withdraw-question, '
    '[data-testid="withdraw-open"]'
)


def order_withdrawal(here: Any = True) -> rx.Component:
    """`here`: the function is about the order the page shows (not a tab's earlier one)."""
    shown = W.about != "" if here is True else (W.about == here)
    return rx.vstack(
        rx.cond(
            shown & (W.done.length() > 0),
            rx.callout(pick(W.done), icon="check", tab_index=-1, data_testid="withdraw-done"),
        ),
        rx.cond(shown, rx.foreach(W.sent, _sent)),
        rx.cond(
            shown & W.offered,
            rx.card(
                rx.match(
                    W.step,
                    ("form", _statement_form()),
                    ("confirm", _confirmation()),
                    rx.vstack(
                        rx.button(
                            t("withdraw.offer"),
                            size="3",
                            on_click=W.open,
                            data_testid="withdraw-open",
                        ),
                        rx.text(pick(W.period), size="2", data_testid="withdraw-period"),
                        rx.text(
                            pick(W.period_basis),
                            size="1",
                            color_scheme="gray",
                            data_testid="withdraw-period-basis",
                        ),
                        spacing="2",
                    ),
                ),
                width="100%",
                max_width="640px",
            ),
        ),
        rx.cond(
            shown & (W.error.length() > 0),
            rx.text(
                pick(W.error),
                size="2",
                color_scheme="red",
                role="alert",
                data_testid="withdraw-error",
            ),
        ),
        spacing="2",
        width="100%",
        data_step=focus_after("withdraw_step", W.step, _LANDING),
    )
