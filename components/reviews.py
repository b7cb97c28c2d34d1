"""The product page's reviews: the published ones with their stars, date, the reviewer's first
name and initial and a verified-purchase mark; "show more"; and the shopper's own review form,
or why they cannot write one."""

from __future__ import annotations

import reflex as rx

from components.focus_note import focus_after
from components.form_fields import REFUSAL_NOTE, field_error, invalid_props, refusable_form
from components.i18n import pick, t, t_with
from components.money import long_date, number
from components.rating import stars
from components.star_picker import star_picker
from components.status_note import status_note
from state.product import ProductState
from state.reviews import ANCHOR, FORM_ID, ReviewItem, ReviewsState
from storefront.services.reviews import MAX_BODY, MAX_TITLE

_ERRORS = ReviewsState.field_errors
# Back from signing in to write a review (its `next` ends in #reviews): the section comes
# after the product has loaded, long after the browser looked for the anchor, so it is
# brought into view as it mounts.
_TO_ANCHOR = f"""(() => {{
  if (window.location.hash !== "#{ANCHOR}") return;
  const section = document.getElementById("{ANCHOR}");
  if (section) section.scrollIntoView({{block: "start"}});
}})()"""


def _review(item: ReviewItem) -> rx.Component:
    return rx.el.article(
        rx.hstack(
            stars(item.rating),
            rx.el.span(t_with("review.rated", rating=item.rating.to(str)), class_name="sr-only"),
            # A shopper's words: a long run of them breaks rather than widen the page.
            rx.cond(
                item.title != "",
                rx.text(item.title, weight="bold", size="2", class_name="long-words"),
            ),
            align="center",
            spacing="2",
        ),
        rx.text(item.body, size="2", white_space="pre-line", class_name="long-words"),
        rx.text(
            rx.cond(item.reviewer != "", item.reviewer, t("review.anonymous")),
            " · ",
            long_date(item.published_on),
            # Only while the writer holds a paid order of it (not refunded in full since).
            rx.cond(
                item.verified,
                rx.fragment(
                    " · ", rx.el.span("✓ ", t("review.verified"), data_testid="review-verified")
                ),
            ),
            size="1",
            color_scheme="gray",
            class_name="long-words",
        ),
        data_testid="review",
        key=item.id,
        style={"display": "flex", "flexDirection": "column", "gap": "0.25em"},
    )


def _field(label_key: str, name: str, control: rx.Component) -> rx.Component:
    return rx.box(
        rx.el.label(
            rx.text(t(label_key), size="2", weight="medium"),
            control,
            display="flex",
            flex_direction="column",
            gap="0.25em",
        ),
        field_error(f"review-{name}", _ERRORS),
        width="100%",
    )


def _form() -> rx.Component:
    return refusable_form(
        rx.vstack(
            rx.heading(
                rx.cond(ReviewsState.own_status != "", t("review.edit"), t("review.write")),
                size="3",
                as_="h3",
            ),
            rx.text(
                rx.match(
                    ReviewsState.own_status,
                    ("pending", t("review.own.pending")),
                    ("published", t("review.own.published")),
                    ("hidden", t("review.own.hidden")),
                    t("review.note"),
                ),
                size="1",
                color_scheme="gray",
                data_testid="review-standing",
            ),
            rx.box(
                star_picker(
                    "rating",
                    ReviewsState.rating,
                    ReviewsState.set_rating,
                    "review.field.rating",
                    **invalid_props(_ERRORS.contains("review-rating"), "review-rating-error"),
                    data_testid="review-rating",
                ),
                field_error("review-rating", _ERRORS),
                width="100%",
            ),
            _field(
                "review.field.title",
                "title",
                rx.input(
                    name="title",
                    default_value=ReviewsState.title,
                    max_length=MAX_TITLE,
                    **invalid_props(_ERRORS.contains("review-title"), "review-title-error"),
                    data_testid="review-title",
                ),
            ),
            _field(
                "review.field.body",
                "body",
                rx.text_area(
                    name="body",
                    default_value=ReviewsState.body,
                    required=True,
                    max_length=MAX_BODY,
                    rows="4",
                    **invalid_props(_ERRORS.contains("review-body"), "review-body-error"),
                    data_testid="review-body",
                ),
            ),
            rx.hstack(
                rx.button(
                    # Editing a review written before: its changes are saved (QA).
                    rx.cond(
                        ReviewsState.own_status == "", t("review.save"), t("review.save_changes")
                    ),
                    type="submit",
                    data_testid="review-save",
                ),
                rx.cond(ReviewsState.own_status != "", _delete_button()),
                spacing="2",
            ),
            spacing="2",
            width="100%",
        ),
        form_id=FORM_ID,
        refused=ReviewsState.refused,
        on_submit=ReviewsState.save,
        reset_on_submit=False,
    )


def _delete_button() -> rx.Component:
    return rx.button(
        t("review.delete"),
        type="button",
        variant="soft",
        color_scheme="red",
        on_click=ReviewsState.delete,
        data_testid="review-delete",
    )


def _not_a_buyer() -> rx.Component:
    """Not (or no longer: refunded) a buyer of the product: a review written meanwhile
    stays the shopper's to delete (its form had gone with "Only shoppers who bought...")."""
    return rx.cond(
        ReviewsState.own_status != "",
        rx.hstack(
            rx.text(t("review.own.kept"), size="2", data_testid="review-why"),
            _delete_button(),
            align="center",
            spacing="3",
            wrap="wrap",
        ),
        rx.text(t("review.error.buyers_only"), size="2", data_testid="review-why"),
    )


def reviews_section() -> rx.Component:
    """The product page's reviews section."""
    return rx.el.section(
        rx.heading(t("review.heading"), size="4", as_="h2", id="reviews-heading"),
        rx.cond(
            ReviewsState.reviews.length() > 0,
            rx.vstack(rx.foreach(ReviewsState.reviews, _review), spacing="4", width="100%"),
            rx.cond(
                ProductState.review_count > 0,
                # The stars and "(24)" by the title count ratings imported with the catalog:
                # "No reviews published" below them read as a contradiction.
                rx.text(
                    rx.cond(
                        ProductState.review_count == 1,  # singular in English and French alike
                        t("review.none_rated.one"),
                        t_with("review.none_rated", count=number(ProductState.review_count)),
                    ),
                    size="2",
                    color_scheme="gray",
                    data_testid="reviews-none-rated",
                ),
                rx.text(t("review.none"), size="2", color_scheme="gray"),
            ),
        ),
        rx.cond(
            ReviewsState.has_more,
            rx.button(
                t("review.show_more"),
                variant="soft",
                on_click=ReviewsState.show_more,
                data_testid="review-more",
            ),
        ),
        rx.match(
            ReviewsState.eligibility,
            (
                "sign_in",
                rx.text(
                    rx.link(
                        t("review.error.sign_in"),
                        href=rx.cond(
                            ReviewsState.sign_in_href != "",
                            ReviewsState.sign_in_href,
                            "/account/sign-in",
                        ),
                        data_testid="review-sign-in",
                    ),
                    size="2",
                    data_testid="review-why",
                ),
            ),
            ("buyers_only", _not_a_buyer()),
            _form(),
        ),
        status_note(
            ReviewsState.message.length() > 0,
            rx.text(pick(ReviewsState.message), size="2", tab_index=-1, data_testid="review-told"),
        ),
        rx.cond(
            ReviewsState.error.length() > 0,
            rx.text(
                pick(ReviewsState.error),
                size="2",
                color_scheme="red",
                role="alert",
                data_testid="review-error",
                **REFUSAL_NOTE,
            ),
        ),
        aria_labelledby="reviews-heading",
        id=ANCHOR,
        on_mount=rx.call_script(_TO_ANCHOR),
        # Deleted, the review's Delete button goes with it: the reader lands on the note.
        data_step=focus_after(
            "review_step", ReviewsState.own_status, '[data-testid="review-told"]'
        ),
        style={"display": "flex", "flexDirection": "column", "gap": "0.75em", "width": "100%"},
        data_testid="reviews",
    )
