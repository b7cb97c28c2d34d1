"""A price, with the compare-at price struck through when the item is discounted; and what
prices include (VAT) and leave out (delivery), as EU shoppers expect to read by them."""

from __future__ import annotations

from typing import Any

import reflex as rx

from components.i18n import t, t_with
from components.money import money
from storefront.services.checkout.pricing import free_delivery_from, standard_delivery_price
from storefront.services.policies import policy_path
from storefront.settings import get_settings


def price(
    amount_minor: Any, compare_at_minor: Any, currency: Any, *, large: bool = False
) -> rx.Component:
    """Plain elements styled by boutique.css: prices repeat dozens of times on a page."""
    return rx.el.span(
        rx.el.span(
            money(amount_minor, currency),
            class_name=rx.cond(compare_at_minor > amount_minor, "price-now sale", "price-now"),
        ),
        rx.cond(
            compare_at_minor > amount_minor,
            rx.el.s(
                rx.el.span(t("product.was"), " ", class_name="sr-only"),
                money(compare_at_minor, currency),
                class_name="price-was",
            ),
        ),
        class_name="price large" if large else "price",
    )


def price_terms(currency: Any, *, every: bool = False) -> rx.Component:
    """What a price includes: VAT, not delivery, whose price (checkout's own rates,
    services/checkout/pricing.py) links to the shipping policy. `every`: said once under a
    listing, for all its prices ("All prices incl. VAT, ...")."""
    shop_currency = get_settings().currency
    fee = standard_delivery_price(shop_currency)
    free_from = free_delivery_from(shop_currency)
    vat = t("price.all_vat_included" if every else "price.vat_included")
    if fee is None:
        return rx.text(vat, size="2", color_scheme="gray", data_testid="price-terms")
    delivery = (
        t_with("price.plus_delivery", amount=money(fee, currency))
        if free_from is None
        else t_with(
            "price.plus_delivery_free_from",
            amount=money(fee, currency),
            threshold=money(free_from, currency),
        )
    )
    return rx.text(
        vat,
        ", ",
        rx.link(
            delivery,
            href=policy_path("shipping"),
            underline="always",
            color_scheme="gray",
            high_contrast=True,
            data_testid="price-delivery",
        ),
        size="2",
        color_scheme="gray",
        data_testid="price-terms",
    )
