"""The admin product page's images card: the product's images, the first its thumbnail, each
moved, described or removed; and the upload of a new one."""

from __future__ import annotations

from typing import Any

import reflex as rx

from components.admin_badge import tinted_badge
from components.admin_form import confirmed
from components.admin_upload import drop_zone
from components.form_fields import field_error
from components.i18n import pick, t
from components.submit_button import submit_button
from state.admin.product_edit import IMAGE_UPLOAD as UPLOAD_ID
from state.admin.product_edit import AdminProductState as S
from state.admin.product_images import ImageItem
from storefront.services.admin.images import MAX_ALT as MAX_IMAGE_ALT
from storefront.services.admin.images import MAX_IMAGE_BYTES


def _move(icon: str, label_key: str, path: Any, move: str, **props: Any) -> rx.Component:
    return rx.icon_button(
        rx.icon(icon, size=16),
        size="1",
        variant="soft",
        type="button",
        title=t(label_key),
        aria_label=t(label_key),
        on_click=S.arrange_image(path, move),
        **props,
    )


def _shown_for(image: ImageItem) -> rx.Component:
    """Which of the product's option values (a colour) the image shows: picking that value
    on the shop's page shows it. Saved as it is chosen, as the moves are."""
    return rx.cond(
        S.image_choices.length() > 0,
        rx.hstack(
            rx.text(t("admin.image.shows"), size="1", color_scheme="gray", as_="span"),
            rx.el.select(
                rx.el.option(t("admin.image.shows_all"), value=""),
                rx.foreach(S.image_choices, lambda c: rx.el.option(pick(c.labels), value=c.value)),
                default_value=image.shows,
                # Drawn again with what was saved (or refused), whichever image stands here.
                key=image.path + ":" + image.shows + ":" + S.image_choices.length().to(str),
                on_change=lambda value: S.show_image_for(image.path, value),
                aria_label=t("admin.image.shows"),
                class_name="admin-select",
                data_testid="image-shows",
            ),
            align="center",
            spacing="2",
        ),
    )


def _gallery_item(image: ImageItem, index: rx.Var[int]) -> rx.Component:
    """One image: its place among the product's (the first is the thumbnail), the moves, its
    text and removing it."""
    first, last = index == 0, index == S.images.length() - 1
    return rx.hstack(
        rx.image(src=image.src, width="72px", height="72px", alt="", object_fit="cover"),
        rx.vstack(
            rx.hstack(
                rx.cond(first, tinted_badge(t("admin.image.main"), color_scheme="green")),
                _move("star", "admin.image.first", image.path, "first", disabled=first),
                _move("arrow-up", "admin.image.earlier", image.path, "earlier", disabled=first),
                _move("arrow-down", "admin.image.later", image.path, "later", disabled=last),
                confirmed(
                    rx.icon_button(
                        rx.icon("trash-2", size=16),
                        size="1",
                        variant="soft",
                        color_scheme="red",
                        type="button",
                        title=t("admin.image.remove"),
                        aria_label=t("admin.image.remove"),
                        data_testid="image-remove",
                    ),
                    "admin.image.remove_title",
                    rx.button(
                        t("admin.image.remove"),
                        color_scheme="red",
                        high_contrast=True,  # white on red-9 reads at 3.9:1, under WCAG's 4.5
                        on_click=S.arrange_image(image.path, "remove"),
                        data_testid="image-remove-confirm",
                    ),
                    t("admin.image.remove_body"),
                ),
                spacing="2",
                align="center",
                wrap="wrap",
            ),
            rx.form(
                rx.el.input(type="hidden", name="path", value=image.path),
                rx.hstack(
                    rx.input(
                        name="alt",
                        default_value=image.alt,
                        placeholder=t("admin.image.alt_placeholder"),
                        aria_label=t("admin.image.alt"),
                        max_length=MAX_IMAGE_ALT,
                        size="1",
                        width="100%",
                        data_testid="image-alt",
                    ),
                    submit_button(t("admin.image.alt_save"), size="1", variant="soft"),
                    width="100%",
                ),
                on_submit=S.describe_image,
                width="100%",
                # Drawn again with the saved text, whichever image now stands at this place.
                key=image.path + image.alt,
            ),
            _shown_for(image),
            spacing="1",
            width="100%",
        ),
        width="100%",
        align="start",
        data_testid="product-image",
    )


def images_card() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(t("admin.product.image"), size="3", as_="h2"),
            rx.foreach(S.images, _gallery_item),
            drop_zone(
                UPLOAD_ID,
                "image-up",
                "admin.product.image_drop",
                accept={
                    "image/png": [".png"],
                    "image/jpeg": [".jpg", ".jpeg"],
                    "image/webp": [".webp"],
                },
                max_files=1,
                # Refused in the browser, with its message: the upload route's own cap would
                # refuse it without a word.
                max_size=MAX_IMAGE_BYTES,
                on_refused=S.refuse_image,
                border="1px dashed var(--gray-a7)",
                padding="1em",
                data_testid="image-drop",
            ),
            rx.foreach(rx.selected_files(UPLOAD_ID), rx.text),
            rx.button(
                t("admin.product.image_upload"),
                data_testid="image-upload",
                on_click=S.upload_image(rx.upload_files(upload_id=UPLOAD_ID)),
            ),
            field_error("image", S.errors),
            rx.text(t("admin.product.image_help"), size="1", color_scheme="gray"),
        ),
    )
