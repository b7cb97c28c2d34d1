"""The header search box: results as the shopper types, arrow keys to move, Enter to open."""

from __future__ import annotations

from urllib.parse import urlencode

import reflex as rx

from state.shop import call, shop
from state.view_models import CardItem, card_item
from state.visitor import visitor_of


class SearchBoxState(rx.State):
    text: str = ""
    results: list[CardItem] = []  # noqa: RUF012
    searched: str = ""  # the words `results` belong to
    close_match: bool = True
    open: bool = False
    active: int = -1

    @rx.event(background=True)
    async def typed(self, text: str) -> None:
        """Runs outside the session lock, so typing never waits for a search; a late answer
        to words the shopper has since changed is dropped."""
        async with self:
            self.text = text
            self.active = -1
            if not text.strip():
                self.results, self.searched, self.open = [], "", False
                return
            visitor = await visitor_of(self)
        found = await call(shop().search().instant, text, visitor)
        suffix = f"?sid={found.search_id}" if found.search_id else ""
        async with self:
            if self.text != text:
                return
            self.results = [card_item(c, suffix) for c in found.cards]
            self.searched = found.text
            self.close_match = found.close_match
            self.open = True

    @rx.event
    def key(self, key: str) -> rx.event.EventSpec | None:
        if key == "ArrowDown" and self.results:
            self.open = True
            self.active = min(self.active + 1, len(self.results) - 1)
        elif key == "ArrowUp" and self.results:
            self.active = max(self.active - 1, -1)
        elif key == "Escape":
            self.open, self.active = False, -1
        return None

    @rx.event
    def submit(self, _form: dict[str, str]) -> rx.event.EventSpec | None:
        """Enter: the highlighted product, else the full results page."""
        self.open = False
        if 0 <= self.active < len(self.results):
            href = self.results[self.active].href
            self.active = -1
            return rx.redirect(href)
        words = " ".join(self.text.split())
        if not words:
            return None
        return rx.redirect("/search?" + urlencode({"q": words}))

    @rx.event
    def close(self) -> None:
        self.open, self.active = False, -1

    @rx.var
    def active_id(self) -> str:
        return f"search-option-{self.active}" if self.active >= 0 else ""
