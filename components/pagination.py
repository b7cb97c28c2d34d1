"""Page links under a listing: previous, numbers with gaps, next."""

from __future__ import annotations

import reflex as rx

from components.i18n import t
from components.link_button import link_button
from state.listing import LISTING_TITLE, ListingState
from state.listing_view import PageLink

# Another page of results: the focus goes to the title above them, as a new page's would (it
# stayed on the link, far below the results the window scrolled up to; QA). The title's live
# count (pages/category.py) says which page this is.
_TO_TITLE = rx.call_script(f"document.getElementById('{LISTING_TITLE}')?.focus()")


def _page(link: PageLink) -> rx.Component:
    number = link.number.to(str)
    label = t("page.label").to(str) + " " + number  # "Page 2", the current one too (not "1")
    return rx.cond(
        link.number == 0,
        rx.text("…", color_scheme="gray", aria_hidden="true"),
        rx.cond(
            link.current,
            rx.button(
                number,
                variant="solid",
                size="2",
                aria_current="page",
                aria_label=label,
                disabled=True,
            ),
            link_button(
                number,
                href=link.href,
                variant="soft",
                size="2",
                aria_label=label,
                on_click=_TO_TITLE,
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
            on_click=_TO_TITLE,
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
