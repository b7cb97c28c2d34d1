"""The product card of listings and home rows."""

from __future__ import annotations

import reflex as rx

from components.catalog_text import catalog_span
from components.i18n import t
from components.price import price
from components.rating import rating_line
from state.view_models import CardItem

IMAGE_SIZE = 600
EAGER_IMAGES = 4


def product_image(
    src: rx.Var[str], alt: rx.Var[str], *, lazy: bool | rx.Var[bool] = True
) -> rx.Component:
    """A square product image in a box that holds its size before the image arrives (no
    layout shift); a drawn placeholder stands in for products imported without an image.
    Images in view at load time must not be lazy: they are the page's largest paint."""
    if isinstance(lazy, bool):
        loading: str | rx.Var[str] = "lazy" if lazy else "eager"
        priority: str | rx.Var[str] = "auto" if lazy else "high"
    else:
        loading = rx.cond(lazy, "lazy", "eager")
        priority = rx.cond(lazy, "auto", "high")
    return rx.el.div(
        rx.cond(
            src != "",
            rx.el.img(
                src=src,
                alt=alt,
                loading=loading,
                decoding="async",
                # As attributes: Reflex would take an unknown keyword for a CSS property.
                custom_attrs={
                    "width": str(IMAGE_SIZE),
                    "height": str(IMAGE_SIZE),
                    "fetchPriority": priority,
                },
            ),
            rx.center(
                rx.icon("image", size=48, color="var(--gray-a8)", aria_hidden="true"),
                role=rx.cond(alt != "", "img", "presentation"),
                aria_label=alt,
                height="100%",
            ),
        ),
        class_name="media",
    )


def product_card(card: CardItem, index: rx.Var[int] | None = None) -> rx.Component:
    """With `index`, the first row of a grid loads its images at once (they are in view)."""
    # Plain elements and CSS classes: a listing renders two dozen of these at once, and
    # every themed component costs main-thread time on a phone.
    lazy: bool | rx.Var[bool] = True if index is None else index >= EAGER_IMAGES
    return rx.link(
        rx.el.div(
            # alt="": the card's link names the product already (its title is read once).
            product_image(card.image, rx.Var.create(""), lazy=lazy),
            rx.el.div(
                rx.el.span(card.brand, class_name="line-1 card-brand"),
                catalog_span(card.title, class_name="clamp-2 card-title"),
                rx.el.span(rating_line(card.rating, card.review_count), class_name="line-rating"),
                rx.el.span(
                    rx.cond(card.price_from, rx.el.span(t("product.price_from"), " ")),
                    price(card.price_minor, card.compare_at_minor, card.currency),
                    rx.cond(
                        ~card.in_stock,
                        rx.el.span(t("product.out_of_stock"), class_name="pill"),
                    ),
                    class_name="line-price",
                ),
                class_name="card-body",
            ),
            class_name="card",
        ),
        href=card.href,
        underline="none",
        color="inherit",
        class_name="product-card",
        data_testid="product-card",
        data_price=card.price_minor,
        key=card.id,
    )


def skeleton_card() -> rx.Component:
    """The shape of a product card, shown until the data arrives, so nothing jumps."""
    return rx.el.div(
        rx.el.div(class_name="media"),
        rx.el.div(
            # Widths by class, not style: a style becomes one CSS-in-JS rule per element.
            rx.el.span(class_name="line-1 shimmer w-40"),
            rx.el.span(class_name="clamp-2 shimmer w-90"),
            rx.el.span(class_name="line-rating shimmer w-50"),
            rx.el.span(class_name="line-price shimmer w-30"),
            class_name="card-body",
        ),
        class_name="card",
        aria_hidden="true",
    )


GRID_COLUMNS = {"initial": "2", "sm": "3", "lg": "4"}


def card_grid(
    cards: rx.Var[list[CardItem]], *, loaded: rx.Var[bool] | bool = True, placeholders: int = 8
) -> rx.Component:
    """Product cards in a responsive grid; skeleton cards until `loaded`."""
    return rx.cond(
        loaded,
        rx.grid(rx.foreach(cards, product_card), columns=GRID_COLUMNS, spacing="4", width="100%"),
        rx.grid(
            *[skeleton_card() for _ in range(placeholders)],
            columns=GRID_COLUMNS,
            spacing="4",
            width="100%",
        ),
    )
