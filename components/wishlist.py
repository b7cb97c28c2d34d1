"""The wishlist: the heart button of a product page and the account page's grid."""

from __future__ import annotations

import reflex as rx

from components.focus_note import focus_note
from components.i18n import pick, t
from components.link_button import link_button
from components.once_loaded import once_loaded
from components.product_card import product_card
from components.status_note import status_note
from state.view_models import CardItem
from state.wishlist import WishlistState
from state.wishlist_cart import WishlistCartState


def wishlist_button(product_id: rx.Var[int]) -> rx.Component:
    saved = WishlistState.product_ids.contains(product_id)
    return rx.hstack(
        rx.button(
            rx.icon(
                "heart", size=16, aria_hidden="true", fill=rx.cond(saved, "currentColor", "none")
            ),
            rx.cond(saved, t("wishlist.saved"), t("wishlist.add")),
            on_click=WishlistState.toggle(product_id),
            variant="soft",
            size="3",
            aria_pressed=saved,
            data_testid="wishlist-toggle",
        ),
        status_note(
            WishlistState.message.length() > 0, rx.text(pick(WishlistState.message), size="2")
        ),
        align="center",
        spacing="3",
    )


def _buy(card: CardItem) -> rx.Component:
    """Add to cart for a product sold in one variant, "Choose options" (its page) for one
    with several, nothing for one no longer for sale; then how the add went, beside it."""
    key = card.id.to_string()
    sku = WishlistCartState.skus[key]
    added = WishlistCartState.outcomes[key] == "added"
    return rx.fragment(
        rx.cond(
            WishlistCartState.skus.contains(key),
            rx.cond(
                sku != "",
                rx.button(
                    rx.icon("shopping-cart", size=16, aria_hidden="true"),
                    t("cart.add"),
                    on_click=WishlistCartState.add(card.id),
                    size="2",
                    class_name="tap-44",  # 44 px on a phone (assets/boutique.css)
                    data_testid="wishlist-add-to-cart",
                ),
                link_button(
                    t("wishlist.choose"),
                    href=card.href,
                    size="2",
                    variant="soft",
                    class_name="tap-44",
                    data_testid="wishlist-choose",
                ),
            ),
        ),
        status_note(
            WishlistCartState.notes.contains(key),
            rx.vstack(
                rx.text(
                    pick(WishlistCartState.notes[key]),
                    size="2",
                    color_scheme=rx.cond(added, "green", "amber"),
                    data_outcome=WishlistCartState.outcomes[key],
                    data_testid="wishlist-cart-note",
                ),
                rx.cond(added, rx.link(t("cart.view"), href="/cart", size="2")),
                spacing="1",
            ),
            changes=WishlistCartState.adds,
        ),
    )


def _item(card: CardItem) -> rx.Component:
    return rx.vstack(
        product_card(card),
        _buy(card),
        rx.button(
            t("wishlist.remove"),
            on_click=WishlistState.remove(card.id),
            variant="ghost",
            size="1",
            class_name="tap-44",  # 44 px on a phone, as Add to cart above it
            data_testid="wishlist-remove",
        ),
        spacing="1",
        data_testid="wishlist-item",
    )


def wishlist_grid() -> rx.Component:
    return rx.vstack(
        rx.heading(t("wishlist.title"), size="5", as_="h2"),
        focus_note(
            "wishlist-note",
            WishlistState.removals,
            rx.cond(
                WishlistState.removed.length() > 0,
                rx.text(pick(WishlistState.removed), size="2"),
            ),
        ),
        rx.cond(
            WishlistState.items.length() > 0,
            rx.grid(
                rx.foreach(WishlistState.items, _item),
                columns={"initial": "2", "sm": "3", "lg": "4"},
                spacing="4",
                width="100%",
            ),
            once_loaded(rx.text(t("wishlist.empty"), color_scheme="gray")),
        ),
        width="100%",
        margin_top="2em",
        data_testid="wishlist",
    )
