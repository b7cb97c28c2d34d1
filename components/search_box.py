"""The header search box: a combobox whose options are the instant results."""

from __future__ import annotations

import reflex as rx

from components.catalog_text import catalog_span
from components.i18n import t, t_with
from components.price import price
from state.search_box import BOX_ID, SearchBoxState
from state.view_models import CardItem

LISTBOX_ID = "search-results"


def _option(card: CardItem, index: rx.Var[int]) -> rx.Component:
    """The link is the option itself: a link inside an option is an interactive control in
    another, which screen readers announce twice (axe's nested-interactive)."""
    active = SearchBoxState.active == index
    return rx.el.li(
        rx.link(
            rx.hstack(
                rx.el.img(src=card.image, alt="", width="40", height="40", class_name="thumb"),
                rx.vstack(
                    catalog_span(card.title, class_name="search-title"),
                    # The brand tells apart products of one name (QA: two "Studio ...
                    # Headphones" in a row, nothing to choose between them by).
                    rx.el.span(
                        rx.cond(
                            card.brand != "",
                            rx.el.span(card.brand, " · ", data_testid="instant-brand"),
                        ),
                        price(card.price_minor, card.compare_at_minor, card.currency),
                        class_name="card-brand",
                    ),
                    spacing="0",
                    min_width="0",
                ),
                align="center",
                spacing="3",
            ),
            href=card.href,
            underline="none",
            color="inherit",
            tab_index=-1,
            id=f"search-option-{index}",
            role="option",
            aria_selected=rx.cond(active, "true", "false"),
            class_name=rx.cond(active, "search-option active", "search-option"),
            data_testid="instant-result",
        ),
        role="none",
    )


def _dropdown() -> rx.Component:
    return rx.cond(
        SearchBoxState.open,
        rx.box(
            rx.cond(
                SearchBoxState.close_match,
                rx.fragment(),
                rx.text(t("search.nearest"), size="1", color_scheme="gray", padding="0.5em"),
            ),
            rx.el.ul(
                rx.foreach(SearchBoxState.results, _option),
                id=LISTBOX_ID,
                role="listbox",
                aria_label=t("search.label"),
                class_name="search-listbox",
            ),
            rx.link(
                t("search.all_results"),
                href=SearchBoxState.all_results_href,
                # No tab stop: Tab leaves the box, which closes the list on blur (the
                # combobox pattern), so focus landed on a link then gone. Enter with no
                # result chosen opens the same page.
                tab_index=-1,
                size="2",
                padding="0.5em",
                display="block",
            ),
            class_name="search-dropdown",
            data_testid="instant-results",
        ),
    )


def _told() -> rx.Component:
    """How many suggestions came, in a live region that stays on the page (the list's
    options are heard only once an arrow key reaches them: nothing said they were there; QA)."""
    count = SearchBoxState.results.length()
    return rx.el.div(
        rx.cond(
            SearchBoxState.open & (count > 0),
            rx.cond(
                count == 1,
                t("search.suggestions.one"),
                t_with("search.suggestions", count=count.to_string()),
            ),
            "",
        ),
        role="status",
        class_name="sr-only",
        data_testid="search-told",
    )


def search_box() -> rx.Component:
    return rx.el.form(
        rx.box(
            rx.input(
                rx.input.slot(rx.icon("search", size=16, aria_hidden="true")),
                # The browser's own field, never set from the server's `text`: typing before
                # the page is live, or faster than the answers come back, loses nothing
                # (state/search_box.py `page_opened` sets it when a page opens).
                id=BOX_ID,
                on_change=SearchBoxState.typed.debounce(150),
                on_key_down=SearchBoxState.key,
                on_blur=SearchBoxState.close.debounce(200),
                name="q",
                type="search",
                placeholder=t("search.placeholder"),
                aria_label=t("search.label"),
                role="combobox",
                aria_autocomplete="list",
                aria_controls=LISTBOX_ID,
                aria_expanded=rx.cond(SearchBoxState.open, "true", "false"),
                aria_activedescendant=SearchBoxState.active_id,
                auto_complete="off",
                width="100%",
                data_testid="search-input",
            ),
            _dropdown(),
            _told(),
            position="relative",
            width="100%",
        ),
        on_submit=SearchBoxState.submit,
        # Enter before the page is live is the browser's own submit: the results page then.
        action="/search",
        method="get",
        role="search",
        class_name="search-form",
        width="100%",
        # Below 48em: last, on a row of its own (the header row wraps); beside the rest above.
        max_width=["none", "none", "420px"],
        flex=["1 1 100%", "1 1 100%", "1 1 auto"],
        order=["1", "1", "0"],
    )
