"""On a product page in stock: when it arrives and from what it ships free (checkout's own
threshold, services/checkout/pricing.py), and the returns period, linked to its policy."""

from __future__ import annotations

import reflex as rx

from components.i18n import t, t_with
from components.money import money
from state.product import ProductState
from storefront.services.checkout.pricing import free_delivery_from
from storefront.services.policies import policy_path
from storefront.settings import get_settings


def _line(icon: str, *children: rx.Component | rx.Var[str]) -> rx.Component:
    return rx.hstack(
        rx.icon(icon, size=16, aria_hidden="true", flex_shrink="0"),
        rx.text(*children, size="2"),
        align="center",
        spacing="2",
    )


def delivery_promise() -> rx.Component:
    settings = get_settings()
    free_from = free_delivery_from(settings.currency)
    delivery = (
        t("product.delivery_paid")
        if free_from is None
        else t_with("product.delivery", amount=money(free_from, ProductState.currency))
    )
    returns = rx.link(
        t_with("footer.returns", days=str(settings.withdrawal_days)),
        href=policy_path("refund"),
        underline="always",
        class_name="tap-line",  # 24 px high to tap (QA: 16)
        data_testid="product-returns",
    )
    return rx.cond(
        ProductState.stock_level != "out",
        rx.vstack(
            _line("truck", rx.el.span(delivery, data_testid="product-delivery")),
            _line("rotate-ccw", returns),
            spacing="1",
            data_testid="delivery-promise",
        ),
    )
