"""A price, with the compare-at price struck through when the item is discounted."""

from __future__ import annotations

from typing import Any

import reflex as rx

from components.i18n import t
from components.money import money


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
