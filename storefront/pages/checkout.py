"""The checkout page: contact and address, delivery, discount code, totals and the card."""

from __future__ import annotations

import reflex as rx

from components.amounts import amounts_table
from components.cart_line_status import gone, gone_name, line_status
from components.catalog_text import catalog_lang, catalog_span
from components.checkout_form import (
    SUMMARY_ID,
    delivery_choice,
    discount_form,
    order_glance,
    saved_address_choice,
)
from components.form_fields import (
    REFUSAL_NOTE,
    address_fields,
    country_field,
    refusable_form,
    text_field,
)
from components.i18n import pick, t
from components.layout import page_shell
from components.money import money
from components.policy_links import acceptance_note
from components.submit_button import submit_button
from state.account import AccountState
from state.cart import CartLineItem, CartState
from state.checkout import CHECKOUT_FORM, CheckoutState
from storefront.services.checkout.form import SHOWN_TOTAL


def _test_mode_banner() -> rx.Component:
    return rx.cond(
        CheckoutState.test_mode & CheckoutState.payments_enabled,
        rx.callout(
            t("checkout.test_mode"),
            icon="flask-conical",
            color_scheme="amber",
            high_contrast=True,  # amber-11 on amber-3 reads at 4.2:1, under 4.5
            role="note",
            data_testid="test-mode",
            width="100%",
        ),
    )


def _address_form() -> rx.Component:
    return refusable_form(
        rx.vstack(
            rx.heading(t("checkout.contact"), size="4", as_="h2"),
            text_field(
                "checkout.email",
                "email",
                "email",
                kind="email",
                errors=CheckoutState.errors,
                default=CheckoutState.email,
                on_blur=lambda value: CheckoutState.keep_typed("email", value),
            ),
            rx.heading(t("checkout.address"), size="4", as_="h2"),
            saved_address_choice(),
            # Mounted again when a saved address is picked, so its values fill the fields.
            rx.vstack(
                *address_fields(
                    CheckoutState.errors, CheckoutState.address, kept=CheckoutState.keep_typed
                ),
                key=CheckoutState.prefill_key,
                spacing="3",
                width="100%",
            ),
            country_field(
                CheckoutState.errors,
                value=CheckoutState.country,
                on_change=CheckoutState.set_country,
            ),
            rx.cond(
                AccountState.signed_in,
                rx.el.label(
                    rx.checkbox(name="save_address", data_testid="save-address"),
                    rx.text(t("checkout.save_address"), size="2"),
                    class_name="touch-row",  # the whole row is tapped (boutique.css)
                    display="flex",
                    gap="0.5em",
                    align_items="center",
                ),
            ),
            delivery_choice(),
            rx.heading(t("checkout.card"), size="4", as_="h2"),
            rx.el.div(id="card-element", class_name="card-element", data_testid="card-element"),
            rx.text(t("checkout.secure_note"), size="1", color_scheme="gray"),
            _message(),  # by the button: where the shopper looks after pressing it
            acceptance_note(),
            # What the page shows as Pay is pressed (the server's total may change meanwhile).
            rx.el.input(
                type="hidden",
                name=SHOWN_TOTAL,
                value=CheckoutState.amounts.total_minor.to_string(),
                data_testid="shown-total",
            ),
            submit_button(
                rx.cond(
                    CheckoutState.busy,
                    t("checkout.paying"),
                    # The amount on the button: on a phone the summary is below, off screen.
                    # One span: the button's gap between its children came on top of the
                    # words' spaces ("Pay now  · €12.00").
                    rx.el.span(
                        t("checkout.pay"),
                        rx.cond(
                            CheckoutState.amounts.total_minor > 0,
                            rx.el.span(
                                " · ",
                                money(
                                    CheckoutState.amounts.total_minor,
                                    CheckoutState.amounts.currency,
                                ),
                                data_testid="pay-total",
                            ),
                        ),
                    ),
                ),
                size="3",
                width="100%",
                loading=CheckoutState.busy,
                data_testid="pay",
            ),
            spacing="3",
            width="100%",
        ),
        form_id=CHECKOUT_FORM,
        refused=CheckoutState.refused,
        on_submit=CheckoutState.pay,
        width="100%",
    )


def _summary_line(line: CartLineItem) -> rx.Component:
    """A line as ordered; one that will not be (sold out, no longer sold) or changed since
    it was added says so, as on the cart page."""
    return rx.vstack(
        # What each line costs, as in the cart: on a phone the cart page is no longer in view.
        rx.hstack(
            rx.text(
                line.quantity,
                " × ",
                rx.cond(gone(line), gone_name(line), catalog_span(line.title)),
                size="2",
                class_name="long-words",
            ),
            rx.cond(
                line.line_total_minor > 0,
                rx.text(
                    money(line.line_total_minor, CartState.currency),
                    size="2",
                    white_space="nowrap",
                    data_testid="summary-line-total",
                ),
            ),
            justify="between",
            align="baseline",
            width="100%",
        ),
        # Which size or colour: two lines of one product read alike without it (QA, phone).
        rx.cond(
            (line.options != "") & ~gone(line),
            rx.text(
                line.options,
                size="1",
                color_scheme="gray",
                lang=catalog_lang(),
                data_testid="summary-line-options",
            ),
        ),
        line_status(line, "summary-line-status"),
        spacing="0",
        width="100%",
    )


def _summary() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(t("checkout.summary"), size="4", as_="h2"),
            rx.foreach(CartState.lines, _summary_line),
            discount_form(),
            amounts_table(CheckoutState.amounts),
            spacing="3",
            width="100%",
        ),
        # The target of the glance's link: focused, so the next Tab goes on from here.
        id=SUMMARY_ID,
        tab_index=-1,
        width="100%",
    )


def _message() -> rx.Component:
    return rx.cond(
        CheckoutState.message.length() > 0,
        rx.callout(
            rx.el.span(  # the callout's text is a paragraph already
                pick(CheckoutState.message),
                rx.cond(
                    CheckoutState.replaced_href != "",
                    rx.fragment(
                        " ",
                        rx.link(
                            t("checkout.see_order"),
                            href=CheckoutState.replaced_href,
                            data_testid="replaced-order",
                        ),
                    ),
                ),
            ),
            icon="triangle-alert",
            color_scheme="red",
            role="alert",
            data_testid="checkout-message",
            width="100%",
            # A payment that fails with no field at fault brings the focus here, by Pay.
            **REFUSAL_NOTE,
        ),
    )


def checkout_page() -> rx.Component:
    return page_shell(
        rx.script(src="/checkout.js"),
        rx.heading(t("checkout.title"), size="7", as_="h1", margin_bottom="0.5em"),
        _test_mode_banner(),
        rx.cond(
            CheckoutState.loaded,
            _checkout_body(),
            # Until the page has loaded: no "not configured" or "empty" it has not checked
            # (QA: said during a Redis outage, whose notice is shown above).
            rx.center(rx.spinner(size="3"), padding_y="3em", data_testid="checkout-loading"),
        ),
    )


def _checkout_body() -> rx.Component:
    return rx.cond(
        CheckoutState.payments_enabled,
        rx.cond(
            CartState.count > 0,
            rx.fragment(
                order_glance(),  # on a phone: its total and a link down to the summary
                # The form, then the summary, in the page as on the screen, for every
                # browser, with no CSS reordering: the summary beside the form on its right
                # from md (the first Tab went to its discount code before the email: QA),
                # below it on a phone.
                rx.grid(
                    _address_form(),
                    rx.box(_summary()),  # its own height, not the form's (the grid's row)
                    columns=rx.breakpoints(initial="1", md="2"),
                    gap="2em",
                    width="100%",
                    margin_top="1em",
                ),
            ),
            _nothing_to_pay(),
        ),
        rx.text(t("checkout.payments_off"), data_testid="payments-off"),
    )


def _paid(key: str, testid: str, *link: rx.Component) -> rx.Component:
    return rx.callout(
        rx.el.span(t(key), *link),  # not rx.text: the callout's text is a paragraph already
        icon="circle-check",
        color_scheme="green",
        role="status",
        data_testid=testid,
    )


def _nothing_to_pay() -> rx.Component:
    return rx.cond(
        CartState.lines.length() > 0,
        # Every line sold out or withdrawn: nothing to pay for.
        rx.text(
            t("checkout.nothing_to_order"),
            " ",
            rx.link(t("checkout.back_to_cart"), href="/cart"),
            data_testid="nothing-to-order",
        ),
        rx.cond(
            CheckoutState.paid_elsewhere,
            # Emptied by a payment in another tab: not "Your cart is empty." alone, which
            # reads as a cart lost just after Pay.
            _paid(
                "checkout.paid_elsewhere",
                "paid-elsewhere",
                rx.cond(
                    CheckoutState.paid_elsewhere_href != "",
                    rx.fragment(
                        " ",
                        rx.link(t("checkout.see_order"), href=CheckoutState.paid_elsewhere_href),
                    ),
                ),
            ),
            rx.cond(
                CheckoutState.paid_here_href != "",
                # Back after paying in this tab: the order it paid (QA).
                _paid(
                    "checkout.paid_here",
                    "paid-here",
                    rx.text.span(" "),
                    rx.link(t("checkout.see_order"), href=CheckoutState.paid_here_href),
                ),
                rx.text(
                    t("cart.empty"),
                    " ",
                    rx.link(t("cart.keep_shopping"), href="/", data_testid="keep-shopping"),
                ),
            ),
        ),
    )
