"""The order page's "Cancel order": offered while the order has not shipped, then a
confirmation naming what will be refunded (and, for a guest who came by the order's link,
the email it was placed with)."""

from __future__ import annotations

import reflex as rx

from components.focus_note import focus_after
from components.i18n import pick, t
from state.order import OrderState
from state.order_cancel import OrderCancelState
from storefront.settings import get_settings


def _email_field() -> rx.Component:
    return rx.input(
        name="email",
        type="email",
        required=True,
        auto_complete="email",
        # Refused, it is marked and its message read with the question.
        aria_invalid=rx.cond(OrderCancelState.email_refused, "true", None),
        aria_describedby=rx.cond(
            OrderCancelState.email_refused,
            "cancel-question cancel-error",
            "cancel-question",
        ),
        data_testid="cancel-email",
        width="100%",
    )


def _confirmation() -> rx.Component:
    return rx.form(
        rx.callout.root(
            rx.vstack(
                rx.text(pick(OrderState.cancel_labels), id="cancel-question", tab_index=-1),
                rx.cond(
                    OrderState.cancel_needs_email,
                    # A visible label: as a placeholder alone, it went once typed into, and
                    # the French one was cut on a phone (QA).
                    rx.el.label(
                        rx.text(t("cancel.email"), size="2", weight="medium", as_="span"),
                        _email_field(),
                        display="flex",
                        flex_direction="column",
                        gap="0.25em",
                        width="100%",
                    ),
                ),
                rx.hstack(
                    rx.button(
                        t("cancel.confirm"),
                        type="submit",
                        color_scheme="red",
                        loading=OrderCancelState.busy,
                        data_testid="cancel-confirm",
                    ),
                    rx.button(
                        t("cancel.keep"),
                        type="button",
                        variant="soft",
                        on_click=OrderCancelState.keep,
                        id="cancel-keep",
                        data_testid="cancel-keep",
                    ),
                    spacing="2",
                    wrap="wrap",
                ),
                spacing="2",
            ),
            color_scheme="amber",
        ),
        on_submit=OrderCancelState.confirm,
        reset_on_submit=False,
        # Escape in it is "Keep my order" (assets/keyboard.js), as in a dialog: it was
        # ignored (QA, keyboard).
        custom_attrs={"data-escape-presses": "cancel-keep"},
    )


def _settle_with_us(text: rx.Component | rx.Var, testid: str) -> rx.Component:
    """A notice of what the shop now settles with the shopper (a cancel given up, a refund
    owed), ending on the address they can write to (the footer's: layout.contact_line)."""
    address = get_settings().contact_address
    return rx.callout.root(
        rx.callout.icon(rx.icon("triangle-alert")),
        rx.callout.text(
            text,
            " ",
            rx.link(address, href=f"mailto:{address}", underline="always"),
        ),
        color_scheme="amber",
        role="status",
        data_testid=testid,
    )


# Where the reader lands when a step replaces the button they used: the outcome, else the
# question, else the offer again (after Keep).
_LANDING = '[data-testid="cancel-done"], #cancel-question, [data-testid="order-cancel"]'


def order_cancel() -> rx.Component:
    here = OrderCancelState.about == OrderState.reference  # not another order's words
    done = OrderCancelState.done.length() > 0
    step = rx.cond(OrderCancelState.asking, "asking", rx.cond(done, "done", "offer"))
    return rx.vstack(
        rx.cond(
            OrderState.cancel_claimed,
            rx.callout(
                rx.cond(OrderState.cancel_by_shop, t("cancel.shop_claimed"), t("cancel.claimed")),
                icon="info",
                data_testid="cancel-claimed",
            ),
        ),
        rx.cond(
            OrderState.canceled_by_shop,
            rx.callout(t("cancel.shop_canceled"), icon="info", data_testid="cancel-by-shop"),
        ),
        rx.cond(
            OrderState.cancel_released,
            _settle_with_us(t("cancel.released"), "cancel-released"),
        ),
        rx.cond(
            OrderState.refund_owed_labels.length() > 0,
            _settle_with_us(pick(OrderState.refund_owed_labels), "cancel-refund-owed"),
        ),
        rx.cond(
            here & done,
            rx.callout(
                pick(OrderCancelState.done), icon="check", tab_index=-1, data_testid="cancel-done"
            ),
        ),
        rx.cond(
            OrderState.cancel_offered,
            rx.cond(
                here & OrderCancelState.asking,
                _confirmation(),
                rx.button(
                    # Never paid (its payment left unfinished or declined): no contract to
                    # withdraw from.
                    rx.cond(
                        OrderState.waiting | OrderState.authentication_left | OrderState.declined,
                        t("cancel.offer_unpaid"),
                        t("cancel.offer"),
                    ),
                    variant="outline",
                    color_scheme="red",
                    on_click=OrderCancelState.ask,
                    data_testid="order-cancel",
                ),
            ),
        ),
        rx.cond(
            here & (OrderCancelState.error.length() > 0),
            rx.text(
                pick(OrderCancelState.error),
                size="2",
                color_scheme="red",
                role="alert",
                id="cancel-error",
                data_testid="cancel-error",
            ),
        ),
        spacing="2",
        data_step=focus_after("cancel_step", step, _LANDING),
    )
