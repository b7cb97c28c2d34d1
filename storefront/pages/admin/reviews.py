"""Admin: shoppers' product reviews, pending first, each to publish or hide."""

from __future__ import annotations

import reflex as rx

from components.admin_badge import tinted_badge
from components.admin_shell import admin_shell
from components.admin_table import admin_table, table_head
from components.i18n import t, t_with
from components.money import shop_date
from components.rating import stars
from state.admin.reviews import AdminReviewsState as S
from state.admin.reviews import QueuedItem


def _status(status: rx.Var[str]) -> rx.Component:
    return rx.match(
        status,
        ("published", tinted_badge(t("admin.reviews.status.published"), color_scheme="green")),
        ("hidden", tinted_badge(t("admin.reviews.status.hidden"), color_scheme="gray")),
        tinted_badge(t("admin.reviews.status.pending"), color_scheme="orange"),
    )


def _named(key: str, item: QueuedItem) -> rx.Var[str]:
    """A review's action with whose and of what, for a list of the page's buttons: every row's
    read "Publish" and "Hide" (QA)."""
    return t_with(key, reviewer=item.reviewer.to(str), product=item.product.to(str))


def _row(item: QueuedItem) -> rx.Component:
    return rx.table.row(
        rx.table.cell(item.product),
        rx.table.cell(item.reviewer, rx.el.br(), shop_date(item.updated_at)),
        rx.table.cell(
            rx.vstack(
                rx.hstack(
                    stars(item.rating),
                    # Read as the product page reads it ("Rated 4 out of 5", not "4 slash 5").
                    rx.el.span(
                        t_with("review.rated", rating=item.rating.to(str)), class_name="sr-only"
                    ),
                ),
                rx.cond(item.title != "", rx.text(item.title, weight="bold", size="2")),
                rx.text(item.body, size="2", white_space="pre-line"),
                spacing="1",
            ),
            # On a phone the table scrolls sideways to its actions rather than squeeze the
            # review into a column a word wide.
            min_width="16em",
            max_width="32em",
            data_testid="review-text",
        ),
        rx.table.cell(_status(item.status), data_testid="review-status"),
        rx.table.cell(
            rx.hstack(
                rx.cond(
                    item.status != "published",
                    rx.button(
                        t("admin.reviews.publish"),
                        size="1",
                        on_click=S.moderate(item.id, "publish"),
                        aria_label=_named("admin.reviews.publish_named", item),
                        data_testid="review-publish",
                    ),
                ),
                rx.cond(
                    item.status != "hidden",
                    rx.button(
                        t("admin.reviews.hide"),
                        size="1",
                        variant="soft",
                        color_scheme="gray",
                        on_click=S.moderate(item.id, "hide"),
                        aria_label=_named("admin.reviews.hide_named", item),
                        data_testid="review-hide",
                    ),
                ),
            )
        ),
        data_testid="review-row",
    )


def reviews_page() -> rx.Component:
    return admin_shell(
        "admin.nav.reviews",
        rx.text(t("admin.reviews.note"), size="2", data_testid="reviews-note"),
        rx.cond(
            S.items.length() > 0,
            admin_table(
                table_head(
                    "admin.reviews.product",
                    "admin.reviews.reviewer",
                    "admin.reviews.review",
                    "admin.reviews.status",
                    "admin.actions",
                ),
                rx.table.body(rx.foreach(S.items, _row)),
                width="100%",
                long_list=True,
            ),
            rx.cond(S.loaded, rx.text(t("admin.reviews.empty"), size="2")),
        ),
    )
