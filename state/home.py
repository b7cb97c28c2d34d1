"""The home page rows: featured, new arrivals, best rated."""

from __future__ import annotations

import reflex as rx

from state.recommendations import ForYouState
from state.shop import call_cached, shop
from state.view_models import CardItem, card_item
from storefront.services.catalog import HOME_ROW_SIZE

__all__ = ["HOME_ROW_SIZE", "HomeState"]


class HomeState(rx.State):
    loaded: bool = False
    featured: list[CardItem] = []  # noqa: RUF012
    newest: list[CardItem] = []  # noqa: RUF012
    best_rated: list[CardItem] = []  # noqa: RUF012

    @rx.event
    async def load(self) -> rx.event.EventSpec:
        home = await call_cached(shop().catalog.home)
        self.featured = [card_item(c) for c in home.featured]
        self.newest = [card_item(c) for c in home.newest]
        self.best_rated = [card_item(c) for c in home.best_rated]
        self.loaded = True
        return ForYouState.load
