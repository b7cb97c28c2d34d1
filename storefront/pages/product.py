"""Product page: gallery, title, brand, price, variant picker, description, attributes."""

from __future__ import annotations

from typing import Any

import reflex as rx

from components.breadcrumbs import breadcrumbs
from components.catalog_text import catalog_lang
from components.delivery_promise import delivery_promise
from components.i18n import pick, t
from components.layout import page_shell
from components.money import long_date
from components.not_found import not_found_view
from components.price import price, price_terms
from components.product_card import product_image
from components.rating import rating_line
from components.rec_row import card_row, rec_row
from components.restock import restock_offer
from components.reviews import reviews_section
from components.status_note import status_note
from components.variant_picker import variant_picker
from components.wishlist import wishlist_button
from state.cart import CartState
from state.product import ProductState
from state.product_view import AttributeItem, ImageItem
from state.recommendations import ProductRecsState


def _thumbnail(image: ImageItem) -> rx.Component:
    shown = image.src == ProductState.main_image.src
    return rx.el.button(
        rx.image(
            src=image.src,
            alt=image.alt,
            # Pixels said so: a bare number is dropped as CSS (the pictures came out full size).
            width="96px",
            height="96px",
            object_fit="cover",
            loading="lazy",
            border_radius="var(--radius-2)",
            border=rx.cond(shown, "2px solid var(--accent-9)", "1px solid var(--gray-a5)"),
        ),
        type="button",
        on_click=ProductState.show_image(image.src),
        aria_pressed=rx.cond(shown, "true", "false"),
        padding="0",
        background="none",
        border="none",
        cursor="pointer",
        data_testid="product-thumbnail",
    )


def _gallery() -> rx.Component:
    return rx.vstack(
        rx.box(
            product_image(ProductState.main_image.src, ProductState.main_image.alt, lazy=False),
            width="100%",
            border_radius="var(--radius-4)",
            overflow="hidden",
            data_testid="product-image",
        ),
        rx.cond(
            ProductState.images.length() > 1,
            rx.hstack(rx.foreach(ProductState.images, _thumbnail), wrap="wrap", spacing="2"),
        ),
        width="100%",
        spacing="3",
        class_name="product-gallery",
    )


def _attribute(item: AttributeItem) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(pick(item.labels)),
        rx.table.cell(item.value, lang=catalog_lang()),
    )


def _add_button(on_click: Any) -> rx.Component:
    return rx.button(
        rx.icon("shopping-cart", size=16, aria_hidden="true"),
        t("cart.add"),
        size="3",
        on_click=on_click,
        disabled=ProductState.stock_level == "out",
        data_testid="add-to-cart",
    )


def _summary() -> rx.Component:
    """What the product is and costs: above its picture on a phone, beside it wider."""
    return rx.vstack(
        rx.cond(
            ProductState.brand != "",
            rx.text(
                ProductState.brand,
                color_scheme="gray",
                weight="medium",
                data_testid="product-brand",
            ),
        ),
        rx.heading(
            ProductState.title,
            size="7",
            as_="h1",
            lang=catalog_lang(),
            class_name="long-words",
            data_testid="product-title",
        ),
        rx.box(
            rating_line(ProductState.rating, ProductState.review_count),
            data_testid="product-rating",
        ),
        rx.box(
            rx.cond(ProductState.price_from, rx.el.span(t("product.price_from"), " ")),
            price(
                ProductState.variant.price_minor,
                ProductState.variant.compare_at_minor,
                ProductState.currency,
                large=True,
            ),
            data_testid="product-price",
        ),
        price_terms(ProductState.currency),
        spacing="4",
        align="start",
        width="100%",
        class_name="product-summary",
    )


def _details() -> rx.Component:
    return rx.vstack(
        variant_picker(),
        rx.hstack(
            rx.cond(  # a size to choose first: the button asks for it (QA)
                ProductState.size_unchosen != "",
                _add_button(ProductState.ask_size),
                _add_button(CartState.add(ProductState.variant.sku)),
            ),
            status_note(
                CartState.message.length() > 0,
                rx.text(
                    rx.el.span(pick(CartState.message), data_testid="cart-message"),
                    # The way to the cart from the add's note (QA: none but the header's icon).
                    rx.cond(
                        CartState.count > 0,
                        rx.fragment(
                            " ",
                            rx.link(t("cart.view"), href="/cart", data_testid="cart-message-view"),
                        ),
                    ),
                    size="2",
                ),
                changes=CartState.adds,
            ),
            align="center",
            spacing="3",
            wrap="wrap",
        ),
        restock_offer(),
        delivery_promise(),
        wishlist_button(ProductState.product_id),
        rx.divider(),
        rx.heading(t("product.description"), size="4", as_="h2"),
        rx.text(
            ProductState.description,
            lang=catalog_lang(),
            white_space="pre-line",
            class_name="long-words",
            data_testid="product-description",
        ),
        rx.text(
            t("product.listed_on"),
            " ",
            long_date(ProductState.listed_on),
            size="1",
            color_scheme="gray",
            data_testid="product-listed-on",
        ),
        rx.cond(
            ProductState.attributes.length() > 0,
            rx.box(
                rx.heading(t("product.details"), size="4", as_="h2", margin_bottom="0.5em"),
                rx.table.root(
                    rx.table.body(rx.foreach(ProductState.attributes, _attribute)), size="1"
                ),
                width="100%",
            ),
        ),
        spacing="4",
        align="start",
        width="100%",
        class_name="product-details",
    )


def _product() -> rx.Component:
    # On a phone the name and price come first, then the picture: the picture below a
    # sticky header filled the first screen, name, price and Add to cart out of sight (QA,
    # 390 px). Wider, the picture is beside them (assets/boutique.css, .product-layout).
    return rx.box(
        breadcrumbs(ProductState.breadcrumbs),
        rx.el.div(_summary(), _gallery(), _details(), class_name="product-layout"),
    )


def _skeleton() -> rx.Component:
    """The product's shape while it loads: breadcrumbs, a square picture and the details'
    first lines, so that the page is as tall as the product it becomes. A spinner left the
    footer in view, and it jumped away when the product came (CLS 0.22 on every cold load; QA)."""
    line = "shimmer skeleton-line"
    return rx.box(
        rx.el.span(class_name=f"{line} w-30", height="24px", margin_bottom="1em"),
        rx.el.div(
            rx.el.div(
                rx.el.span(class_name=f"{line} w-30"),
                rx.el.span(class_name=f"{line} w-90", height="36px"),
                rx.el.span(class_name=f"{line} w-40"),
                rx.el.span(class_name=f"{line} w-30", height="36px"),
                class_name="product-summary skeleton-lines",
            ),
            rx.el.div(class_name="media product-gallery", border_radius="var(--radius-4)"),
            rx.el.div(
                rx.el.span(class_name=f"{line} w-50", height="40px"),
                rx.el.span(class_name=f"{line} w-90", height="7em"),
                class_name="product-details skeleton-lines",
            ),
            class_name="product-layout",
        ),
        rx.el.span(t("loading"), class_name="sr-only", role="status"),
        # The loaded page is always taller than the window (reviews, suggestions): the
        # footer stays out of sight even when the picture's square is shorter than it.
        min_height="100vh",
        data_testid="product-skeleton",
    )


def product_page() -> rx.Component:
    # The browser marks the page unhydrated as soon as a navigation starts, and the server
    # marks it hydrated after the new product loaded: until then the last product (and its
    # Add to cart, which would add that product) is hidden.
    ready = rx.State.is_hydrated
    return page_shell(
        rx.cond(
            ready & ProductState.not_found,
            not_found_view("notfound.product"),
            rx.cond(
                ready & ProductState.loaded,
                rx.fragment(
                    _product(),
                    rx.box(reviews_section(), padding_y="1.5em", max_width="48em"),
                    rec_row("recs.similar", ProductRecsState.similar, "row-similar"),
                    rec_row(
                        rx.cond(
                            ProductRecsState.bought_together,
                            t("recs.bought_together"),
                            t("recs.goes_with"),
                        ),
                        ProductRecsState.together,
                        "row-together",
                    ),
                    card_row("recs.recently_viewed", ProductRecsState.recent, "row-recent"),
                ),
                _skeleton(),
            ),
        )
    )
