"""The header search box: results as the shopper types, arrow keys to move, Enter to open."""

from __future__ import annotations

import functools
import json
from urllib.parse import urlencode

import reflex as rx
from reflex.utils import format as reflex_format

from state.shop import call, shop
from state.view_models import CardItem, card_item
from storefront.services.listing_query import ListingQuery
from storefront.services.search.analysis import MAX_QUERY_LENGTH, clean_query

SEARCH_PATH = "/search"
BOX_ID = "search-box"  # the header's search field

# The box is the browser's own (uncontrolled, empty when it appears): what the shopper types
# is never overwritten by an answer from the server, late or not. Once a page is live, this
# brings box and state together. A box kept from the page before (the same kind of page)
# that still shows that page's words gets this page's; an empty box gets them too. Anything
# else was typed by the shopper before the page was live: it is handed back, and searched as
# if just typed. Only then does the page send an event: a callback of `call_script` would
# cost every page opened a round trip to say that nothing was typed.
_SYNC_BOX = """(() => {
  const box = document.getElementById(%s);
  if (!box) return;
  const words = %s, left = %s, kept = box.dataset.synced === "1";
  box.dataset.synced = "1";
  if (box.value === words) return;
  if (box.value === "" || (kept && box.value === left)) {
    box.value = words;
    return;
  }
  (%s)(box.value);
})()"""


def results_href(text: str) -> str:
    """The full results page for these words (the same URL the results page links to)."""
    query = ListingQuery(text=clean_query(text))
    return query.url(query.path)


@functools.cache
def _hand_back() -> str:
    """The JavaScript function that sends words found in the box to `caught_up`."""
    return str(reflex_format.format_queue_events(SearchBoxState.caught_up, args_spec=lambda t: [t]))


class SearchBoxState(rx.State):
    text: str = ""
    results: list[CardItem] = []  # noqa: RUF012
    all_results_href: str = "/search"
    close_match: bool = True
    open: bool = False
    active: int = -1
    _left: str = ""  # the words the box held before the results page set its own

    @rx.event(background=True)
    async def typed(self, text: str) -> None:
        """Runs outside the session lock, so typing never waits for a search; a late answer
        to words the shopper has since changed is dropped."""
        text = text[: MAX_QUERY_LENGTH * 2]
        async with self:
            self.text = text
            self.active = -1
            if not text.strip():
                self.results, self.open = [], False
                return
        found = await call(shop().search().instant, text)
        # Opening a result logs this search with its click (see ProductRecsState).
        suffix = "?" + urlencode({"sq": found.text, "sn": len(found.cards)})
        async with self:
            if self.text != text:
                return
            self.results = [card_item(c, suffix) for c in found.cards]
            self.all_results_href = results_href(found.text)
            self.close_match = found.close_match
            self.open = True

    @rx.event
    def key(self, key: str) -> None:
        if key == "ArrowDown" and self.results:
            self.open = True
            self.active = min(self.active + 1, len(self.results) - 1)
        elif key == "ArrowUp" and self.results:
            self.active = max(self.active - 1, -1)
        elif key == "Escape":
            self.open, self.active = False, -1

    @rx.event
    def submit(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        """Enter: the highlighted product, else the full results page for what is typed."""
        self.open = False
        if 0 <= self.active < len(self.results):
            href = self.results[self.active].href
            self.active = -1
            return rx.redirect(href)
        # The form holds what is in the box now; `text` may lag behind the debounce.
        words = clean_query(str(form.get("q", self.text)))
        if not words:
            return None
        return rx.redirect(results_href(words))

    def _show_words(self, words: str) -> None:
        """The results page for these words is open (typed here, or opened by a link, a
        reload or Back): the box holds them, so the shopper can change them."""
        if clean_query(self.text) != words:
            self._left = self.text
            self.text, self.results, self.open, self.active = words, [], False, -1

    @rx.event
    def page_opened(self) -> rx.event.EventSpec:
        """Any shopper page opened: off the results page, the box is emptied. Its words were
        for a search the shopper has left (a product opened, a department chosen); kept, they
        read as if this page were their results. The results page sets its own words
        (`_show_words`, from its load). Words the shopper typed before the page was live
        are kept, and searched (`caught_up`)."""
        if self.router.url.path.rstrip("/") != SEARCH_PATH:
            left = self.text
            self.text, self.results, self.open, self.active = "", [], False, -1
        else:
            left = self._left
        self._left = ""
        words = (json.dumps(BOX_ID), json.dumps(self.text), json.dumps(left))
        return rx.call_script(_SYNC_BOX % (*words, _hand_back()))

    @rx.event
    def caught_up(self, typed: str | None) -> rx.event.EventSpec | None:
        """What the box held once the page was live, when the shopper had typed it."""
        if typed is None or typed == self.text:
            return None
        return SearchBoxState.typed(typed)

    @rx.event
    def close(self) -> None:
        self.open, self.active = False, -1

    @rx.var
    def active_id(self) -> str:
        return f"search-option-{self.active}" if self.active >= 0 else ""
