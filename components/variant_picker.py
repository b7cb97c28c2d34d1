"""Option buttons per variant option (size, colour...), SKU and stock of the selection."""

from __future__ import annotations

import reflex as rx

from components.catalog_text import catalog_span
from components.i18n import pick, t
from state.product import ProductState
from state.product_view import OptionGroup, OptionValueItem


def _value(group: OptionGroup, item: OptionValueItem) -> rx.Component:
    return rx.button(
        catalog_span(item.value),
        # Struck through for the eye; said for a screen reader.
        rx.cond(~item.in_stock, rx.el.span(", ", t("product.out_of_stock"), class_name="sr-only")),
        on_click=ProductState.select_option(group.name, item.value),
        variant=rx.cond(item.selected, "solid", "outline"),
        color_scheme="gray",
        high_contrast=item.selected,
        size="2",
        role="radio",
        aria_checked=rx.cond(item.selected, "true", "false"),
        # One Tab stop per group, its chosen value; the arrow keys move within it
        # (assets/keyboard.js).
        tab_index=rx.cond(item.tab_stop, 0, -1),
        # Not dimmed with opacity (that fell to 1.96:1 contrast): full-contrast text, struck
        # through, on a dashed outline (assets/boutique.css).
        class_name=rx.cond(item.in_stock, "", "option-sold-out"),
        data_testid="option-value",
    )


def _group(group: OptionGroup) -> rx.Component:
    unchosen = ProductState.size_unchosen == group.name
    return rx.vstack(
        rx.text(
            rx.text(pick(group.labels), weight="bold", as_="span"),
            t("punct.colon"),
            rx.cond(
                unchosen,
                rx.text(t("product.size_to_choose"), as_="span", color_scheme="gray"),
                catalog_span(ProductState.selected[group.name]),
            ),
            size="2",
        ),
        # Add to cart pressed first: said here, where the focus goes (drawn anew each time,
        # so that it is read again).
        rx.cond(
            unchosen & (ProductState.size_asked > 0),
            rx.text(
                rx.cond(
                    group.name == "shoe_size",
                    t("product.choose_shoe_size"),
                    t("product.choose_size"),
                ),
                size="2",
                color_scheme="red",
                role="alert",
                key=ProductState.size_asked.to(str),
                data_testid="choose-size",
            ),
        ),
        rx.hstack(
            rx.foreach(group.choices, lambda item: _value(group, item)),
            wrap="wrap",
            spacing="2",
            role="radiogroup",
            aria_label=pick(group.labels),
            custom_attrs={"data-arrow-keys": ""},
        ),
        spacing="2",
        align="start",
        data_testid=rx.Var.create("option-group-") + group.name,
    )


def stock_badge() -> rx.Component:
    return rx.match(
        ProductState.stock_level,
        (
            "in",
            rx.badge(
                rx.icon("check", size=14),
                t("product.in_stock"),
                color_scheme="green",
                size="2",
                high_contrast=True,
            ),
        ),
        (
            "low",
            rx.badge(
                t("product.only"),
                " ",
                ProductState.variant.stock.to(str),
                " ",
                t("product.left"),
                color_scheme="amber",
                high_contrast=True,
                size="2",
            ),
        ),
        rx.badge(t("product.out_of_stock"), color_scheme="red", size="2", high_contrast=True),
    )


def variant_picker() -> rx.Component:
    return rx.vstack(
        rx.foreach(ProductState.groups, _group),
        rx.hstack(
            stock_badge(),
            rx.cond(  # no one variant's until its size is chosen
                ProductState.size_unchosen == "",
                rx.text(
                    t("product.sku"),
                    t("punct.colon"),
                    ProductState.variant.sku,
                    size="1",
                    color_scheme="gray",
                    data_testid="variant-sku",
                ),
            ),
            spacing="3",
            align="center",
        ),
        spacing="4",
        align="start",
        data_testid="variant-picker",
    )
