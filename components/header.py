"""The header: shop name, department navigation, language switch."""

from __future__ import annotations

import reflex as rx

from components.cart_catch_up import catching_up
from components.i18n import pick, t
from components.search_box import search_box
from state.cart import CartState
from state.locale import LocaleState
from state.nav import NavState
from state.view_models import NavItem
from storefront.i18n import LANGUAGE_NAMES, LOCALES


def language_switch() -> rx.Component:
    return rx.hstack(
        rx.icon("languages", size=18, aria_hidden="true", class_name="lang-icon"),
        *[
            rx.button(
                # Named "EN English": the name holds the visible text, so a shopper who
                # speaks to the browser says what they see (no aria-label that drops it).
                locale.upper(),
                rx.el.span(" ", LANGUAGE_NAMES[locale], class_name="sr-only"),
                on_click=LocaleState.set_language(locale),
                variant=rx.cond(LocaleState.locale == locale, "solid", "ghost"),
                size="1",
                aria_pressed=rx.cond(LocaleState.locale == locale, "true", "false"),
                lang=locale,
                class_name="tap-44",  # 44 px on a phone: assets/boutique.css
                data_testid=f"lang-{locale}",
            )
            for locale in LOCALES
        ],
        spacing="1",
        align="center",
        role="group",
        aria_label=t("nav.language"),
        class_name="lang-switch",
    )


def department_link(item: NavItem) -> rx.Component:
    return rx.link(
        pick(item.labels),
        href=item.href,
        underline="hover",
        color_scheme="gray",
        high_contrast=True,
        weight="medium",
        size="2",
        white_space="nowrap",
    )


def all_departments() -> rx.Component:
    """Every department in a menu at the bar's end, always in view: the bar scrolls sideways
    past the last that fit, which a mouse without a sideways wheel could not reach (QA:
    "Office & Stationery" hidden at 1440 px). A Radix menu: arrow keys move in it, Escape
    closes it, and the focus comes back to its button."""
    return rx.menu.root(
        rx.menu.trigger(
            rx.button(
                # On a phone, whose bar a finger scrolls, an icon: the words took half of it.
                rx.icon("menu", size=16, aria_hidden="true", display=["block", "none"]),
                rx.el.span(t("nav.all_departments"), display=["none", "inline"]),
                rx.icon("chevron-down", size=14, aria_hidden="true"),
                aria_label=t("nav.all_departments"),
                variant="ghost",
                color_scheme="gray",
                high_contrast=True,
                size="2",
                flex_shrink="0",
                class_name="tap-44",
                data_testid="all-departments",
            ),
        ),
        rx.menu.content(
            rx.foreach(
                NavState.departments,
                # Chosen by click, Enter or Space: the page opens in this tab, as the bar's.
                lambda item: rx.menu.item(pick(item.labels), on_select=rx.redirect(item.href)),
            ),
            data_testid="all-departments-menu",
        ),
    )


def departments_bar() -> rx.Component:
    """The departments' row, under the header and apart from it: it scrolls away with the
    page where the header stays (a sticky element sticks only within its parent, so it could
    not be left behind from inside it; QA: 153 px of a phone's 844 stayed covered)."""
    return rx.el.nav(
        rx.box(
            rx.hstack(
                rx.hstack(
                    rx.foreach(NavState.departments, department_link),
                    spacing="5",
                    overflow_x="auto",
                    padding_y="0.5em",
                    flex="1 1 auto",
                    min_width="0",
                    class_name="dept-nav",
                ),
                all_departments(),
                align="center",
                spacing="2",
                width="100%",
            ),
            max_width="1240px",
            margin="0 auto",
            padding="0 1em",
        ),
        aria_label=t("nav.departments"),
        border_bottom="1px solid var(--gray-a5)",
        class_name="site-departments",
    )


def header() -> rx.Component:
    return rx.fragment(
        rx.el.header(
            rx.box(
                rx.hstack(
                    rx.link(
                        rx.hstack(
                            rx.icon("shopping-bag", size=24, aria_hidden="true"),
                            rx.text("Boutique", size="6", weight="bold", as_="span"),
                            align="center",
                            spacing="2",
                        ),
                        href="/",
                        underline="none",
                        high_contrast=True,
                        aria_label=t("nav.home_link"),
                    ),
                    rx.text(
                        t("shop.tagline"),
                        size="2",
                        color_scheme="gray",
                        display=["none", "none", "block"],
                    ),
                    rx.spacer(),
                    search_box(),
                    rx.link(
                        rx.icon("user", size=18, aria_hidden="true"),
                        href="/account",
                        aria_label=t("account.title"),
                        color_scheme="gray",
                        high_contrast=True,
                        class_name="tap-target",
                        data_testid="account-link",
                    ),
                    rx.link(
                        rx.icon("shopping-cart", size=18, aria_hidden="true"),
                        # Named in words for screen readers, with the count (a label would hide it)
                        rx.el.span(t("cart.title"), t("punct.colon"), class_name="sr-only"),
                        rx.el.span(
                            CartState.count,
                            data_testid="cart-count",
                            data_count=catching_up(),  # carries the hook (cart_catch_up.py)
                        ),
                        href="/cart",
                        color_scheme="gray",
                        high_contrast=True,
                        gap="0.25em",
                        class_name="tap-target",
                        data_testid="cart-link",
                    ),
                    language_switch(),
                    align="center",
                    width="100%",
                    spacing="4",
                    # On a phone the search box takes a row of its own, under the others.
                    flex_wrap="wrap",
                    row_gap="0.5em",
                    class_name="header-row",
                ),
                max_width="1240px",
                margin="0 auto",
                padding="0.75em 1em",
                class_name="site-header-bar",
            ),
            border_bottom="1px solid var(--gray-a5)",
            background="var(--color-background)",
            position="sticky",
            top="0",
            z_index="10",
            class_name="site-header",  # not sticky on a short screen: assets/boutique.css
        ),
        departments_bar(),
    )
