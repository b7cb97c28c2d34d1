"""Pieces of the checkout page bound to its state: saved addresses, delivery, code."""

from __future__ import annotations

from typing import Any

import reflex as rx

from components.form_fields import field_error, invalid_props, refusable_form
from components.i18n import pick, plural, t, t_with
from components.layout import plain_anchor
from components.money import money
from components.submit_button import submit_button
from state.cart import CartState
from state.checkout import CheckoutState
from state.checkout_discount import DISCOUNT_BOX, DISCOUNT_FORM
from storefront.services.checkout.pricing import free_delivery_from
from storefront.settings import get_settings

SUMMARY_ID = "order-summary"  # the summary's id, the target of the glance's link


def order_glance() -> rx.Component:
    """On a phone, above the form: what the order comes to ("3 items · €84.00") and a link
    down to its summary, below the form. The page is in the order it is seen (the summary
    drawn on top by CSS order was read and tabbed through after the form on Safari and
    Firefox: WCAG 1.3.2, 2.4.3). Beside the form, from md, the summary is in view."""
    return rx.flex(
        rx.text(
            CartState.count,
            " ",
            plural(CartState.count, "checkout.glance.items"),
            rx.cond(
                CheckoutState.amounts.total_minor > 0,
                rx.el.span(
                    " · ",
                    money(CheckoutState.amounts.total_minor, CheckoutState.amounts.currency),
                ),
            ),
            weight="medium",
            data_testid="glance-total",
        ),
        plain_anchor(
            "checkout.glance.see_summary",
            f"#{SUMMARY_ID}",
            "rt-Text rt-reset rt-Link rt-underline-always tap-line",  # 24 px high
            "summary-link",
            accent=True,
        ),
        display=rx.breakpoints(initial="flex", md="none"),
        justify="between",
        align="baseline",
        wrap="wrap",
        gap="0.5em 1em",
        margin_top="1em",
        data_testid="checkout-glance",
    )


def saved_address_choice() -> rx.Component:
    """For a signed-in shopper with saved addresses: the one filling the form (the first
    until another is picked), or a new one."""
    return rx.cond(
        CheckoutState.saved_addresses.length() > 0,
        rx.el.label(
            rx.text(t("checkout.saved_address"), size="2", weight="medium"),
            rx.el.select(
                rx.el.option(t("checkout.saved_address_none"), value=""),
                rx.foreach(
                    CheckoutState.saved_addresses,
                    lambda item: rx.el.option(pick(item.summaries), value=item.id.to_string()),
                ),
                value=CheckoutState.saved_choice,
                on_change=CheckoutState.use_saved_address,
                class_name="native-select",
                data_testid="saved-address",
            ),
            display="flex",
            flex_direction="column",
            gap="0.25em",
            width="100%",
        ),
    )


def delivery_choice() -> rx.Component:
    return rx.el.fieldset(
        rx.el.legend(rx.text(t("checkout.method"), size="3", weight="bold")),
        rx.radio_group.root(
            rx.vstack(
                _method("standard"),
                _method("express"),
            ),
            value=CheckoutState.shipping_method,
            on_change=CheckoutState.set_shipping_method,
            data_testid="shipping-method",
            # The arrow keys choose as they move (assets/keyboard.js): Radix's own choice
            # waits for a timer and is lost when the key is up first (a busy page, a quick
            # press), the focus moved to Express and Standard still chosen (QA).
            custom_attrs={"data-arrow-keys": ""},
        ),
        border="none",
        padding="0",
    )


def _method(method: str) -> rx.Component:
    """A delivery choice with what it costs for this cart, picked or not."""
    # Not `.get(method, -1)`: Reflex reads it with a truth test, and a free delivery's 0
    # came out as -1 (no price shown).
    price = CheckoutState.method_prices[method]
    free_from = free_delivery_from(get_settings().currency)
    # Its threshold as every amount is written (a no-break space before €), and the shop's
    # own: the text said 50 € whatever it was (QA).
    if method != "standard":
        label = t(f"checkout.method.{method}")
    elif free_from is None:
        label = t("checkout.method.standard_plain")
    else:
        cur = CheckoutState.amounts.currency
        label = t_with("checkout.method.standard", amount=money(free_from, cur))
    return rx.radio_group.item(
        label,
        rx.cond(
            CheckoutState.method_prices.contains(method),
            rx.el.span(
                " · ",
                rx.cond(
                    price == 0, t("checkout.free"), money(price, CheckoutState.amounts.currency)
                ),
                data_testid=f"method-price-{method}",
            ),
        ),
        value=method,
        class_name="touch-row",  # the whole row is tapped (boutique.css)
    )


def discount_form() -> rx.Component:
    return refusable_form(
        rx.hstack(
            rx.el.label(
                rx.el.span(t("checkout.discount_code"), class_name="sr-only"),
                rx.input(
                    name="discount_code",
                    id=DISCOUNT_BOX,
                    placeholder=t("checkout.discount_code"),
                    default_value=CheckoutState.discount_code,
                    **invalid_props(CheckoutState.errors.contains("discount"), "discount-error"),
                    on_change=CheckoutState.code_typed.debounce(300),
                    data_testid="field-discount",
                ),
                flex="1",
            ),
            submit_button(t("checkout.apply"), variant="soft"),
            width="100%",
        ),
        # In a live region that stays on the page: a code refused on Enter leaves the focus in
        # its field, so moving the focus there read nothing (QA). Drawn anew at each refusal
        # (keyed by it): the same words again are read again.
        rx.box(
            rx.box(field_error("discount", CheckoutState.errors), key=CheckoutState.refused),
            role="alert",
        ),
        _discount_note(),
        _remove_code(),
        form_id=DISCOUNT_FORM,
        refused=CheckoutState.refused,
        on_submit=CheckoutState.apply_code,
        width="100%",
    )


def _discount_note() -> rx.Component:
    """The code applied ("Code WELCOME10 applied"), in a live region that stays on the page
    (one drawn with its text is not always read): the totals changing was all it said."""
    note = CheckoutState.discount_note
    amounts = CheckoutState.amounts
    return rx.box(
        rx.cond(
            note.length() > 0,
            rx.text(pick(note), size="1", color_scheme="green", data_testid="discount-note"),
        ),
        rx.cond(note.length() > 0, _delivery_added(amounts)),
        role="status",
    )


def _remove_code() -> rx.Component:
    """Takes the code applied off (QA: only emptying the field and applying that did)."""
    return rx.cond(
        CheckoutState.discount_code != "",
        rx.button(
            t_with("checkout.code_remove", code=CheckoutState.discount_code),
            type="button",
            variant="ghost",
            size="1",
            on_click=CheckoutState.remove_code,
            disabled=CheckoutState.busy,
            class_name="tap-line",  # 24 px high to tap (QA: 16)
            data_testid="discount-remove",
        ),
    )


def _delivery_added(amounts: Any) -> rx.Component:
    """A code taking the goods under free delivery says so, and when it costs more than it
    saves, by how much (QA: a €2 code made a €51.99 order €54.89)."""
    added, cur = amounts.delivery_added_minor, amounts.currency
    free_from = free_delivery_from(get_settings().currency)
    if free_from is None:
        return rx.fragment()
    dearer = added - amounts.discount_minor
    return rx.cond(
        added > 0,
        rx.text(
            t_with(
                "checkout.code_delivery", threshold=money(free_from, cur), amount=money(added, cur)
            ),
            rx.cond(
                dearer > 0,
                rx.fragment(" ", t_with("checkout.code_dearer", amount=money(dearer, cur))),
            ),
            size="1",
            color_scheme="amber",
            data_testid="discount-delivery",
        ),
    )
