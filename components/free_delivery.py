"""Under the cart's subtotal: what standard delivery costs the cart, how much more the shopper
adds for it free, and a bar of how far the cart is from it, or that the cart ships free
(checkout's rates, services/checkout/pricing.py). Redrawn with each change of the cart."""

from __future__ import annotations

import reflex as rx

from components.i18n import t, t_with
from components.money import money
from state.cart import CartState
from storefront.services.checkout.pricing import free_delivery_from, standard_delivery_price
from storefront.settings import get_settings


def _delivery_cost(fee: int) -> rx.Component:
    """What standard delivery costs this cart (QA: the cart never said, only checkout)."""
    return rx.text(
        t_with("cart.delivery_cost", amount=money(fee, CartState.currency)),
        size="2",
        data_testid="cart-delivery-cost",
    )


def free_delivery_note() -> rx.Component:
    currency = get_settings().currency
    free_from, fee = free_delivery_from(currency), standard_delivery_price(currency)
    if fee is None:
        return rx.fragment()
    if free_from is None:
        return rx.box(_delivery_cost(fee), role="status", data_testid="free-delivery-note")
    left = free_from - CartState.subtotal_minor
    return rx.vstack(
        rx.cond(
            left > 0,
            rx.vstack(
                _delivery_cost(fee),
                rx.text(
                    t("cart.free_left_before"),
                    " ",
                    rx.el.strong(money(left, CartState.currency)),
                    " ",
                    t("cart.free_left_after"),
                    size="2",
                    data_testid="free-delivery-left",
                ),
                align="end",
                spacing="0",
                text_align="right",  # a line wrapped on a phone stays at the right edge
            ),
            rx.hstack(
                rx.icon("truck", size=16, aria_hidden="true"),
                rx.text(t("cart.free_delivery"), size="2", data_testid="free-delivery"),
                align="center",
                spacing="2",
            ),
        ),
        # What the sentence says, drawn: hidden from screen readers, which read the sentence.
        rx.progress(
            value=rx.cond(left > 0, CartState.subtotal_minor * 100 // free_from, 100),
            max=100,
            size="1",
            color_scheme=rx.cond(left > 0, "gray", "green"),
            aria_hidden="true",
            width="16em",
            max_width="100%",
        ),
        # Said again when a quantity changes what is left to add.
        role="status",
        align="end",
        spacing="1",
        width="100%",
        data_testid="free-delivery-note",
    )
