"""A category listing: reads filters, sort and page from the URL, shows one page."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable

import reflex as rx

from state.listing_view import FacetGroup, PageLink, meta_descriptions, page_view, problems_note
from state.search_box import SearchBoxState
from state.shop import call, call_cached, shop
from state.view_models import CardItem, Crumb
from state.visitor import visitor_of
from storefront.i18n import LOCALES, translations
from storefront.services.catalog import ListingPage
from storefront.services.listing_query import ListingQuery
from storefront.services.recommendations.activity import record_activity
from storefront.services.search.service import SearchPage

REFINING_SECONDS = 30 * 60  # the same words later are a new search
FILTERS_BUTTON = "filters-button"  # the id of the button that opens the panel on phones
LISTING_TITLE = "listing-title"  # the id of the page's h1, where the page links send the focus
# A search asked while this process's index loads waits for it this long at most (a cold
# start loads it in about 30 s), looking every second.
SEARCH_WAIT_SECONDS = 180.0
SEARCH_POLL_SECONDS = 1.0


async def until_ready(ready: Callable[[], bool], timeout: float, interval: float) -> bool:
    """Wait until `ready()`, looking every `interval` s; False if not within `timeout` s."""
    deadline = time.monotonic() + timeout
    while not ready():
        if time.monotonic() >= deadline:
            return False
        await asyncio.sleep(interval)
    return True


def last_segment(path: str) -> str:
    return path.rstrip("/").rsplit("/", 1)[-1]


class ListingState(rx.State):
    loaded: bool = False
    not_found: bool = False
    slug: str = ""
    labels: dict[str, str] = {}  # noqa: RUF012
    # The page's <meta name="description"> (and og:description), per language.
    descriptions: dict[str, str] = translations("listing.meta_default")
    breadcrumbs: list[Crumb] = []  # noqa: RUF012
    cards: list[CardItem] = []  # noqa: RUF012
    total: int = 0
    page_number: int = 1
    page_count: int = 1
    facets: list[FacetGroup] = []  # noqa: RUF012
    pages: list[PageLink] = []  # noqa: RUF012
    prev_href: str = ""
    next_href: str = ""
    sort: str = "featured"
    sort_hrefs: dict[str, str] = {}  # noqa: RUF012
    clear_href: str = ""
    choices: int = 0  # filter choices made (each brand or value ticked, a price range...)
    # The link's parameters not understood and dropped, said per locale (listing_view.py).
    problems_note: dict[str, str] = {}  # noqa: RUF012
    # The link's filter values this page does not offer, left out: the note, per language.
    unknown_note: dict[str, str] = {}  # noqa: RUF012
    filters_open: bool = False
    _opened_on: str = ""  # the page (path) the filter panel was opened on
    open_groups: list[str] = []  # noqa: RUF012  # filter groups showing all their options
    currency: str = "EUR"
    # Search results only: the words, their spelling fix, and whether anything matched.
    searching: bool = False
    search_text: str = ""
    corrected: str = ""
    left_out: str = ""  # the search's words no product has, left out of its results
    price_words: str = ""  # the search's words read as its price filter ("under 50")
    close_match: bool = True
    warming_up: bool = False  # this process's search index is still loading
    # No product to show for what was asked: not said of a search with no words (the page
    # asks for them), where "no product matches these filters" made no sense.
    nothing_found: bool = False
    # The search this tab logged last: its words, its id, and when it was last shown.
    _searched: str = ""
    _search_id: int = 0
    _searched_at: float = 0.0

    @rx.event
    async def load(self) -> list[rx.event.EventSpec] | None:
        # A filter, sort or page chosen on a phone: the shopper sees the results it gives,
        # not the panel above them, and the focus goes back to the button that opened it.
        # (A search typed in the header meanwhile is another page: the panel closes, and the
        # focus stays where the shopper is.)
        closing = self.filters_open and self.router.url.path == self._opened_on
        self.filters_open = False
        await self._load()
        # Not rx.set_focus: after a reload with the panel open the button is not drawn yet,
        # and its missing ref was an error in the console (QA); none there, nothing moves.
        focus = f"document.getElementById({json.dumps(FILTERS_BUTTON)})?.focus()"
        then = [rx.call_script(focus)] if closing else []
        if self.warming_up:  # the page says so, and shows the results once it can
            then.append(ListingState.wait_for_search())
        return then or None

    @rx.event(background=True)
    async def wait_for_search(self) -> None:
        """Runs outside the session lock: the shopper browses on meanwhile."""
        loaded = lambda: shop().search_loaded  # noqa: E731
        if await until_ready(loaded, SEARCH_WAIT_SECONDS, SEARCH_POLL_SECONDS):
            async with self:
                await self._search_ready()

    async def _search_ready(self) -> None:
        """The index has loaded: the results page still waiting for it searches again (a
        page left meanwhile, or already searched again, is not touched)."""
        if self.searching and self.warming_up:
            await self._load()

    async def _load(self) -> None:
        url = self.router.url  # each read of the router builds its parts anew
        params = dict(url.query_parameters)
        currency = shop().settings.currency
        self.searching = url.path.rstrip("/") == "/search"
        page: ListingPage | SearchPage | None
        if self.searching:
            query, problems = ListingQuery.from_params(None, params, currency, search=True)
            page = await self._search(query)
        else:
            slug = last_segment(url.path)
            query, problems = ListingQuery.from_params(slug, params, currency)
            page = await call_cached(shop().catalog.listing, query)
        self.slug = query.category_slug or ""
        self.currency = query.currency
        # A page past the last shows the last, and says so: the link still asks for its page.
        past = page is not None and bool(page.total) and page.page < query.page
        self.problems_note = problems_note(
            problems, past_last=(query.page, page.page) if past and page else None
        )
        self.loaded = True
        self.not_found = page is None
        if page is None:
            self.cards, self.facets, self.breadcrumbs, self.pages = [], [], [], []
            self.labels, self.total = {}, 0  # the title named the last category
            self.descriptions = translations("listing.meta_default")
            self.unknown_note = {}
            self.nothing_found = False
            return
        view = page_view(page)
        query = page.query  # without the values no product here carries (unknown_note)
        # Lists of their own over the kept view's items, which are frozen: shoppers share them.
        self.labels, self.breadcrumbs = dict(view.labels), list(view.breadcrumbs)
        self.descriptions = meta_descriptions(page)
        self.cards, self.pages = list(view.cards), list(view.pages)
        # No product and no filter chosen (a search without words, or whose words match
        # nothing): there is nothing to filter, and groups of zeros ("In stock only (0)")
        # would offer it. With a filter chosen, the panel stays: it is the way back.
        filterable = page.total > 0 or query.choice_count > 0
        self.facets = list(view.facets) if filterable else []
        self.total = page.total
        self.nothing_found = page.total == 0 and not (self.searching and not self.search_text)
        self.page_number = page.page
        self.page_count = page.page_count
        self.prev_href, self.next_href = view.prev_href, view.next_href
        self.sort = query.sort.value
        self.sort_hrefs, self.clear_href = dict(view.sort_hrefs), view.clear_href
        self.unknown_note = dict(view.unknown_note)
        self.choices = query.choice_count

    async def _search(self, query: ListingQuery) -> SearchPage:
        text = query.text or ""
        (await self.get_state(SearchBoxState))._show_words(text)
        visitor = await visitor_of(self)
        # The same words again in this tab soon after (a filter, a sort, the next page)
        # refine the search already logged: logging each would count one search many times.
        recent = time.time() - self._searched_at < REFINING_SECONDS
        refines = self._search_id if text and text == self._searched and recent else 0
        page = await call(shop().search().results, text, query, visitor, refines)
        if text and not refines:
            await call(record_activity, shop().search_store, visitor, "search", None, text)
        self._searched, self._search_id, self._searched_at = text, page.search_id, time.time()
        self.search_text = page.text
        self.corrected = page.corrected or ""
        self.left_out = " ".join(page.left_out)
        self.price_words = page.price_words
        self.close_match = page.close_match
        self.warming_up = page.warming_up
        return page

    @rx.var
    def page_titles(self) -> dict[str, str]:
        """The page's title in each language (the page picks the shopper's): a category's
        name is translated, a search's words are as typed."""
        if self.searching:
            title = f"{self.search_text} · Boutique" if self.search_text else "Boutique"
            return dict.fromkeys(LOCALES, title)
        names = {locale: self.labels.get(locale) or self.labels.get("en", "") for locale in LOCALES}
        return {
            locale: f"{name} · Boutique" if name else "Boutique" for locale, name in names.items()
        }

    @rx.event
    def toggle_filters(self) -> None:
        self.filters_open = not self.filters_open
        self._opened_on = self.router.url.path

    @rx.event
    def toggle_group(self, key: str) -> None:
        if key in self.open_groups:
            self.open_groups = [k for k in self.open_groups if k != key]
        elif any(group.key == key for group in self.facets):
            self.open_groups = [*self.open_groups, key]

    @rx.event
    def change_sort(self, sort: str) -> rx.event.EventSpec | None:
        href = self.sort_hrefs.get(sort)
        return rx.redirect(href) if href else None
