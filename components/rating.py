"""Star rating with its review count; the stars are drawn, the number is read out."""

from __future__ import annotations

from typing import Any

import reflex as rx

from components.i18n import t, t_with
from components.money import number


def stars(rating: Any) -> rx.Component:
    """Five stars filled to `rating`, drawn by CSS on one element (cheap in long lists)."""
    return rx.el.span("★★★★★", class_name="stars", style={"--rating": rating}, aria_hidden="true")


def rating_line(rating: Any, review_count: Any) -> rx.Component:
    """ "★★★★☆ 4.5 (208)" for the eye; "Rated 4.5 out of 5, 208 reviews" for the ear (a bare
    "4.5 (208" then a hidden word read "5 (208 reviews )")."""
    # As the reader writes a decimal: 4.5 in English, 4,5 in French.
    shown, count = number(rating), number(review_count)
    return rx.cond(
        review_count > 0,
        rx.el.span(
            stars(rating),
            rx.el.span(shown, " (", count, ")", aria_hidden="true"),
            rx.el.span(
                rx.cond(
                    review_count == 1,
                    t_with("product.rated.one", rating=shown),
                    t_with("product.rated", rating=shown, count=count),
                ),
                class_name="sr-only",
            ),
            class_name="rating",
        ),
        rx.el.span(t("product.no_reviews"), class_name="rating"),
    )
