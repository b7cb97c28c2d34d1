"""Page links under a listing: previous, numbers with gaps, next."""

from __future__ import annotations

import reflex as rx

from components.i18n import t
from components.link_button import link_button
from components.listing_title import TO_LISTING_TITLE
from state.listing import ListingState
from state.listing_view import PageLink


def _page(link: PageLink) -> rx.Component:
    return rx.cond(
        link.number == 0,
        rx.text("…", color_scheme="gray", aria_hidden="true"),
        rx.cond(
            link.current,
            rx.button(
                link.number.to(str),
                variant="solid",
                size="2",
                aria_current="page",
                # Named as the other pages are ("Page 2"), not "1" alone.
                aria_label=t("page.label").to(str) + " " + link.number.to(str),
                disabled=True,
            ),
            link_button(
                link.number.to(str),
                href=link.href,
                variant="soft",
                size="2",
                aria_label=t("page.label").to(str) + " " + link.number.to(str),
                on_click=TO_LISTING_TITLE,
            ),
        ),
    )


def _step(href: rx.Var[str], label_key: str, icon: str, testid: str) -> rx.Component:
    return rx.cond(
        href != "",
        link_button(
            rx.icon(icon, size=16, aria_hidden="true"),
            t(label_key),
            href=href,
            variant="soft",
            size="2",
            on_click=TO_LISTING_TITLE,
            data_testid=testid,
        ),
    )


def pagination() -> rx.Component:
    return rx.cond(
        ListingState.page_count > 1,
        rx.el.nav(
            rx.hstack(
                _step(ListingState.prev_href, "page.previous", "chevron-left", "page-prev"),
                rx.foreach(ListingState.pages, _page),
                _step(ListingState.next_href, "page.next", "chevron-right", "page-next"),
                spacing="2",
                justify="center",
                align="center",
                wrap="wrap",
            ),
            aria_label=t("page.pagination"),
            margin_top="2em",
        ),
    )
