"""Subtotal, discount, shipping, total and the VAT it includes: checkout and order page."""

from __future__ import annotations

from typing import Any

import reflex as rx

from components.i18n import t
from components.money import money, number


def amount_row(label: rx.Component, amount: rx.Component, testid: str) -> rx.Component:
    return rx.hstack(label, rx.spacer(), amount, width="100%", data_testid=testid)


def amounts_table(amounts: Any) -> rx.Component:
    """`amounts` is an AmountsView var (state/amounts.py)."""
    cur = amounts.currency
    return rx.vstack(
        amount_row(
            rx.text(t("checkout.subtotal")),
            rx.text(money(amounts.subtotal_minor, cur)),
            "total-subtotal",
        ),
        rx.cond(
            amounts.discount_minor > 0,
            amount_row(
                rx.text(t("checkout.discount"), " ", amounts.discount_code),
                rx.text("−", money(amounts.discount_minor, cur)),
                "total-discount",
            ),
        ),
        amount_row(
            rx.text(t("checkout.shipping")),
            rx.cond(
                amounts.shipping_minor > 0,
                rx.text(money(amounts.shipping_minor, cur)),
                rx.text(t("checkout.shipping_free")),
            ),
            "total-shipping",
        ),
        rx.separator(),
        amount_row(
            rx.text(t("checkout.total"), weight="bold", size="4"),
            rx.text(money(amounts.total_minor, cur), weight="bold", size="4"),
            "total-total",
        ),
        amount_row(
            rx.text(
                t("checkout.vat"),
                " ",
                number(amounts.vat_rate_bp / 100),  # basis points: 25.5 / 25,5
                t("punct.percent"),
                size="1",
                color_scheme="gray",
            ),
            rx.text(money(amounts.vat_minor, cur), size="1", color_scheme="gray"),
            "total-vat",
        ),
        width="100%",
        spacing="2",
    )
