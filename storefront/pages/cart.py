"""The cart page: each line re-checked against today's price and stock."""

from __future__ import annotations

import reflex as rx

from components.cart_line_status import gone, gone_name, line_status
from components.cart_note import NOTE_ID, cart_note
from components.catalog_text import catalog_lang
from components.free_delivery import free_delivery_note
from components.i18n import t, t_with
from components.layout import page_shell
from components.link_button import link_button
from components.money import money
from components.once_loaded import once_loaded
from components.status_note import status_note
from state.cart import QUANTITY_BOX, CartLineItem, CartState


def _named(key: str, line: CartLineItem) -> rx.Var[str]:
    """A line's control named with its product ("Remove, Oak chair, Navy"): every line's
    were read "Quantity" and "Remove" alike (QA)."""
    name = rx.cond(gone(line), line.sku, line.title).to(str)
    options = rx.cond(line.options != "", ", " + line.options.to(str), "").to(str)
    return t(key).to(str) + ", " + name + options


def _line(line: CartLineItem) -> rx.Component:
    return rx.hstack(
        rx.cond(
            gone(line),
            rx.box(width="64px", height="64px", class_name="thumb"),
            rx.el.img(src=line.image, alt="", width="64", height="64", class_name="thumb"),
        ),
        rx.vstack(
            rx.cond(
                gone(line),
                rx.text(gone_name(line), weight="medium", data_testid="cart-line-title"),
                rx.link(
                    line.title,
                    href=line.href,
                    lang=catalog_lang(),
                    weight="medium",
                    class_name="long-words",
                    data_testid="cart-line-title",
                ),
            ),
            rx.text(line.options, size="1", color_scheme="gray", lang=catalog_lang()),
            line_status(line, "cart-line-status"),
            spacing="1",
            # At least 12em: on a phone the price, quantity and Remove wrap under the title.
            flex="1 1 12em",
            min_width="0",
        ),
        rx.vstack(
            # A line that will not be ordered costs nothing, which its status says: no "€0.00".
            rx.cond(
                line.line_total_minor > 0,
                rx.text(money(line.line_total_minor, CartState.currency), weight="bold"),
            ),
            # More than one: what one costs, under the line's total ("€475.99 each").
            rx.cond(
                (line.quantity > 1) & (line.price_seen_minor == line.price_minor),
                rx.text(
                    money(line.price_minor, CartState.currency),
                    " ",
                    t("cart.each"),
                    size="1",
                    color_scheme="gray",
                    data_testid="cart-line-unit",
                ),
            ),
            # A price changed since it was added: the unit price now, and then (a line no
            # longer sold has no price now, and its status says so).
            rx.cond(
                (line.price_seen_minor != line.price_minor) & (line.price_minor > 0),
                rx.text(
                    money(line.price_minor, CartState.currency),
                    " ",
                    t("cart.each"),
                    ", ",
                    rx.el.span(
                        t("cart.was"),
                        " ",
                        money(line.price_seen_minor, CartState.currency),
                        text_decoration="line-through",
                    ),
                    size="1",
                    color_scheme="gray",
                    data_testid="cart-line-price-change",
                ),
            ),
            align="end",
            spacing="1",
        ),
        # A form of its own: Enter applies the quantity (submits), as leaving the box does.
        # The SKU travels in it (the submit handler is one for the page, not one per line).
        rx.el.form(
            rx.el.input(type="hidden", name="sku", default_value=line.sku),
            rx.el.label(
                rx.el.span(_named("cart.quantity", line), class_name="sr-only"),
                rx.input(
                    type="number",
                    name="quantity",
                    min="0",
                    max="99",
                    id=QUANTITY_BOX + line.sku,
                    default_value=line.quantity.to(str),
                    # Mounted afresh only when the quantity changed elsewhere (see `box`).
                    key=line.sku + "-" + line.box.to(str),
                    on_blur=lambda value: CartState.set_quantity(line.sku, value),
                    # Refused: pointing at the note that says why. Never marked invalid: the
                    # box shows again what the cart holds, a valid number (QA: red on a 3).
                    aria_describedby=rx.cond(CartState.refused_sku == line.sku, NOTE_ID, ""),
                    width="4.5em",
                    data_testid="cart-quantity",
                ),
            ),
            on_submit=CartState.apply_quantity,
            reset_on_submit=False,
            # The shop answers a number out of range, with its reason (the browser's own
            # check would stop Enter and leave the leaving of the box to apply it).
            no_validate=True,
        ),
        rx.button(
            t("cart.remove"),
            aria_label=_named("cart.remove", line),
            variant="ghost",
            color_scheme="gray",
            on_click=CartState.remove(line.sku),
            data_testid="cart-remove",
        ),
        align="center",
        spacing="4",
        flex_wrap="wrap",
        row_gap="0.5em",
        width="100%",
        padding_y="0.75em",
        border_bottom="1px solid var(--gray-a4)",
        data_testid="cart-line",
        # Keyed by its SKU, not its place: a removed line's elements go with it. By place,
        # the next line took them over, with the focus on its Remove button.
        key=line.sku,
    )


def checkout_link() -> rx.Component:
    return link_button(t("checkout.go"), href="/checkout", size="3", data_testid="go-checkout")


def cart_page() -> rx.Component:
    return page_shell(
        rx.heading(t("cart.title"), size="7", as_="h1", margin_bottom="0.75em"),
        cart_note(),
        status_note(
            CartState.paying_elsewhere,
            rx.callout(
                t("cart.paying_elsewhere"),
                icon="triangle_alert",
                color_scheme="amber",
                size="1",
                margin_bottom="1em",
                data_testid="paying-elsewhere",
            ),
        ),
        rx.cond(
            CartState.lines.length() > 0,
            rx.vstack(
                rx.foreach(CartState.lines, _line),
                rx.hstack(
                    rx.text(
                        t("cart.subtotal"),
                        rx.el.span(" (", t("cart.subtotal_vat"), ")", class_name="price-vat-note"),
                        weight="bold",
                    ),
                    rx.text(
                        money(CartState.subtotal_minor, CartState.currency),
                        weight="bold",
                        data_testid="cart-subtotal",
                    ),
                    justify="end",
                    spacing="4",
                    width="100%",
                    # A quantity changed in its box is heard in the new subtotal (the box
                    # itself says only the number typed).
                    role="status",
                    aria_atomic="true",
                    data_testid="cart-subtotal-row",
                ),
                # With a code kept from checkout, checkout says what delivery costs.
                rx.cond(
                    CartState.count > 0,
                    rx.cond(
                        CartState.has_code,
                        rx.text(
                            t_with("cart.code_kept", code=CartState.code),
                            size="2",
                            color_scheme="gray",
                            text_align="right",
                            width="100%",
                            data_testid="cart-code",
                        ),
                        free_delivery_note(),
                    ),
                ),
                # Nothing to check out while every line is sold out or withdrawn.
                rx.cond(
                    CartState.count > 0,
                    rx.hstack(checkout_link(), justify="end", width="100%"),
                ),
                width="100%",
                max_width="800px",
            ),
            rx.cond(
                CartState.loaded,
                once_loaded(
                    rx.vstack(
                        rx.text(t("cart.empty"), data_testid="cart-empty"),
                        # Somewhere to go from an empty cart, besides the header.
                        rx.link(t("cart.keep_shopping"), href="/", data_testid="keep-shopping"),
                        spacing="2",
                    ),
                ),
            ),
        ),
    )
