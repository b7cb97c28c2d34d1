"""Category listing: breadcrumbs, facets, sort, product grid, pagination."""

from __future__ import annotations

from typing import Any

import reflex as rx

from components.breadcrumbs import breadcrumbs
from components.catalog_text import catalog_lang
from components.departments import department_grid
from components.facets import facet_panel
from components.i18n import pick, t, t_with
from components.layout import page_shell
from components.media import wider_than
from components.money import number
from components.not_found import not_found_view
from components.pagination import pagination
from components.price import price_terms
from components.product_card import card_grid
from components.sort_select import sort_select
from state.listing import FILTERS_BUTTON, LISTING_TITLE, ListingState
from state.locale import LocaleState
from storefront.settings import get_settings

# The filter sidebar shows from Reflex's third breakpoint on (display below).
SIDEBAR_FROM = "48em"


def _summary() -> rx.Component:
    """ "368 products · page 2 of 16", in a live region that stays on the page: a filter or
    another page of results is heard, not only seen (QA)."""
    # No count until the first result is known: "0 products" while loading was wrong.
    return rx.box(
        rx.cond(
            ListingState.loaded,
            rx.text(
                # Heard with the count: "24 products" alone told a screen reader's user that
                # 24 matched, where the visible note says none did closely (QA).
                rx.cond(
                    ~ListingState.close_match & (ListingState.total > 0),
                    rx.el.span(t("search.nearest"), " ", class_name="sr-only"),
                ),
                rx.el.span(
                    number(ListingState.total),
                    " ",
                    rx.cond(ListingState.total == 1, t("listing.product"), t("listing.products")),
                    data_testid="result-count",
                ),
                rx.cond(
                    ListingState.page_count > 1,
                    rx.el.span(
                        " · ",
                        t_with(
                            "listing.page_of",
                            page=number(ListingState.page_number),
                            count=number(ListingState.page_count),
                        ),
                        data_testid="result-page",
                    ),
                ),
                color_scheme="gray",
                size="2",
            ),
        ),
        role="status",
    )


def _link_note(note: Any, testid: str) -> rx.Component:
    """A note on what the page left out of its link (`note`: its text per locale), if any:
    parameters it could not read, or filter values it does not offer (a brand since
    removed). The products shown are those of the page without them."""
    return rx.cond(
        note.length() > 0,
        rx.callout(
            pick(note),
            icon="info",
            color_scheme="amber",
            high_contrast=True,  # amber-11 on amber-3 reads at 4.2:1, under 4.5
            size="1",
            margin_bottom="1em",
            data_testid=testid,
        ),
    )


def _empty() -> rx.Component:
    return rx.vstack(
        rx.cond(
            ListingState.searching & (ListingState.choices == 0),
            _no_results(),
            rx.fragment(
                rx.text(t("listing.empty"), weight="medium"),
                rx.text(t("listing.empty_hint"), color_scheme="gray", size="2"),
                rx.link(t("listing.clear"), href=ListingState.clear_href),
            ),
        ),
        padding_y="3em",
        align="center",
        width="100%",
        data_testid="empty-listing",
    )


def _no_results() -> rx.Component:
    """A search that found nothing near (no filter on): said of its words, not of filters
    the shopper never chose; and, read in another language than the catalog's, which one
    to search in (QA: "écharpe" in a catalog written in English)."""
    written_in = catalog_lang()
    return rx.fragment(
        # The shopper's words: one long run of them breaks rather than widen the page (QA).
        rx.text(
            t_with("search.none", words=ListingState.search_text),
            weight="medium",
            class_name="long-words",
            max_width="100%",
        ),
        rx.text(t("search.none_hint"), color_scheme="gray", size="2"),
        rx.cond(
            LocaleState.locale != written_in,
            rx.text(t(f"search.catalog_in.{written_in}"), color_scheme="gray", size="2"),
        ),
        # Somewhere to go next rather than a dead end (QA): the departments, which every
        # page has loaded for its header already.
        rx.el.section(
            rx.heading(t("search.none_browse"), size="4", as_="h2", margin_bottom="0.75em"),
            department_grid(),
            width="100%",
            margin_top="2em",
            data_testid="no-results-departments",
        ),
    )


def _words_note(key: str, words: rx.Var[str], testid: str) -> rx.Component:
    """A line naming some of the search's words in bold, when there are any."""
    return rx.cond(
        words != "",
        rx.text(
            t(key),
            " ",
            rx.el.strong(words),
            size="2",
            color_scheme="gray",
            class_name="long-words",
            data_testid=testid,
        ),
    )


def _search_notes() -> rx.Component:
    """The spelling fix applied, the words no product has, and a clear label when nothing
    matched closely."""
    return rx.fragment(
        _words_note("search.corrected", ListingState.corrected, "search-corrected"),
        _words_note("search.left_out", ListingState.left_out, "search-left-out"),
        _words_note("search.price_words", ListingState.price_words, "search-price-words"),
        rx.cond(
            ListingState.loaded & ListingState.warming_up,
            rx.callout(
                t("search.warming_up"),
                icon="clock",
                size="1",
                margin_top="0.5em",
                data_testid="search-warming-up",
            ),
        ),
        rx.cond(
            ListingState.loaded & ~ListingState.close_match & (ListingState.total > 0),
            rx.callout(
                t("search.nearest"),
                icon="info",
                size="1",
                margin_top="0.5em",
                data_testid="search-nearest",
            ),
        ),
        rx.cond(
            ListingState.loaded & (ListingState.search_text == ""),
            rx.text(t("search.empty_query"), color_scheme="gray"),
        ),
    )


def _no_words() -> Any:
    """The search page opened without words (`/search?q=`): no results to title, count or
    sort, only the note asking for words."""
    return ListingState.searching & (ListingState.search_text == "")


def _found_nothing() -> Any:
    """Loaded, and nothing matches the words or filters: the page says so instead of results."""
    return (
        ListingState.loaded & ListingState.nothing_found & ~ListingState.warming_up & ~_no_words()
    )


def _nothing_to_sort() -> Any:
    """No results to sort: a sort menu over "No product matches" offered nothing (QA)."""
    return _no_words() | _found_nothing()


# The page's h1, whichever it is: the focus lands there from the page links (not a Tab stop).
_TITLE: dict[str, Any] = {
    "size": "7",
    "as_": "h1",
    "data_testid": "listing-title",
    "id": LISTING_TITLE,
    "tab_index": -1,
    "min_height": "1.3em",
}


def _title() -> rx.Component:
    return rx.cond(
        _no_words(),
        rx.heading(
            t("search.heading"),
            **_TITLE,
        ),
        _named_title(),
    )


def _named_title() -> rx.Component:
    return rx.cond(
        ListingState.searching,
        rx.heading(
            t("search.results_for"),
            " ",
            t("punct.open_quote"),
            ListingState.search_text,
            t("punct.close_quote"),
            **_TITLE,
            # The shopper's words, up to 200 characters: one long run of them breaks
            # anywhere rather than widening the page (a phone scrolled sideways).
            overflow_wrap="anywhere",
        ),
        rx.heading(
            pick(ListingState.labels),
            **_TITLE,
        ),
    )


def _listing() -> rx.Component:
    # Nothing to filter (state/listing.py): no panel, nor a button opening it. Known only
    # once loaded: before, the sidebar keeps its place (the grid does not move when it comes).
    unfiltered = ListingState.loaded & (ListingState.facets.length() == 0)
    return rx.box(
        breadcrumbs(ListingState.breadcrumbs),
        _link_note(ListingState.problems_note, "ignored-parameters"),
        _link_note(ListingState.unknown_note, "unknown-filters"),
        rx.hstack(
            _title(),
            rx.cond(~_no_words(), _summary()),
            align="baseline",
            spacing="3",
            wrap="wrap",
        ),
        rx.cond(ListingState.searching, _search_notes()),
        rx.box(
            # Phones get the filters folded behind a button, closed again by a choice in
            # them (ListingState.load), the sort beside it; wider screens a sidebar
            # (assets/boutique.css places the four in the grid).
            rx.cond(
                ~unfiltered,
                rx.button(
                    rx.icon("sliders-horizontal", size=16, aria_hidden="true"),
                    t("listing.filters"),
                    # How many are in use, which the folded panel does not show.
                    rx.cond(ListingState.choices > 0, f" ({ListingState.choices})", ""),
                    on_click=ListingState.toggle_filters,
                    variant="outline",
                    display=["flex", "flex", "none"],
                    aria_expanded=rx.cond(ListingState.filters_open, "true", "false"),
                    aria_controls="filters",
                    id=FILTERS_BUTTON,
                    class_name="listing-filters-button",
                ),
            ),
            rx.box(
                # Built only where it shows: on phones it waits for the button.
                rx.cond(ListingState.filters_open | wider_than(SIDEBAR_FROM), facet_panel()),
                id="filters",
                class_name="listing-panel",
                display=rx.cond(
                    unfiltered,
                    "none",
                    rx.cond(ListingState.filters_open, "block", ["none", "none", "block"]),
                ),
                data_testid="filters-sidebar",
            ),
            rx.cond(~_nothing_to_sort(), rx.box(sort_select(), class_name="listing-sort")),
            rx.box(
                rx.cond(
                    _found_nothing(),
                    _empty(),
                    card_grid(ListingState.cards, loaded=ListingState.loaded, placeholders=24),
                ),
                pagination(),
                # Once for every card's price (Shopify's EU themes say it by the product's).
                rx.cond(
                    ~_found_nothing(),
                    rx.box(price_terms(get_settings().currency, every=True), margin_top="1em"),
                ),
                class_name="listing-results",
            ),
            class_name=rx.cond(unfiltered, "listing-body unfiltered", "listing-body"),
            # From a click until the next results load, the last ones are dimmed and still:
            # a click on them would act on the page the shopper just left.
            opacity=rx.cond(rx.State.is_hydrated, "1", "0.5"),
            pointer_events=rx.cond(rx.State.is_hydrated, "auto", "none"),
            aria_busy=rx.cond(rx.State.is_hydrated, "false", "true"),
        ),
    )


def category_page() -> rx.Component:
    return page_shell(
        rx.cond(
            ListingState.not_found,
            not_found_view("notfound.category"),
            _listing(),
        )
    )
