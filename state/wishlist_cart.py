"""The account's wishlist, bought from: each kept product sold in one variant has its Add to
cart, which goes through the cart's add path (services/cart/from_wishlist.py) and says beside
its row how it went, the header's count following; one with options to choose leads to its
page instead, and one no longer for sale has neither."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence

import reflex as rx

from models.views import ProductCard
from state.account_pages import account_page
from state.browser_input import whole
from state.cart import CartState, owner_of
from state.live_updates import changed_since, changes_heard
from state.shop import call, shop, with_database
from state.visitor import visitor_of
from storefront.i18n import translations
from storefront.services.cart.from_wishlist import KeptAdded, add_kept, ways_to_buy
from storefront.services.recommendations.activity import record_activity


@account_page  # what the account kept leaves the tab with it
class WishlistCartState(rx.State):
    # By product id (as text): the SKU its Add to cart puts in, "" for "Choose options";
    # a product not named here has no way to buy it from the list.
    skus: dict[str, str] = {}  # noqa: RUF012
    # By product id: how its last add went (the outcome, and its words in each locale).
    outcomes: dict[str, str] = {}  # noqa: RUF012
    notes: dict[str, dict[str, str]] = {}  # noqa: RUF012
    adds: int = 0  # the adds of this tab: each one's note is heard, the same words too

    def _offer(self, ways: dict[int, str], *, page_opened: bool) -> None:
        """The list was read (`ways`: services.cart.from_wishlist.ways_to_buy). Opening the
        page forgets the notes of an earlier visit; a removal keeps the other rows' notes."""
        self.skus = {str(product_id): sku for product_id, sku in ways.items()}
        if page_opened:
            self.outcomes, self.notes = {}, {}
        else:
            self.outcomes = {k: v for k, v in self.outcomes.items() if k in self.skus}
            self.notes = {k: v for k, v in self.notes.items() if k in self.skus}

    @rx.event
    async def add(self, product_id: int) -> AsyncIterator[None]:
        wanted = whole(product_id, -1)
        key = str(wanted)
        if not self.skus.get(key):  # not listed with an Add to cart (a crafted event)
            return
        cart = await self.get_state(CartState)
        tokens = await cart._tokens()
        heard = changes_heard()
        done = await call(_add_kept, *tokens, wanted)
        self._tell(key, done)
        cart._show(done.view)  # the header's count, and the live updates of its products
        if changed_since(heard, cart._product_ids):  # as an add: a product newly watched
            await cart._refresh()
        if done.product_id is not None:
            yield  # the shopper sees how it went; the recommendations' note comes after
            await call(_record, await visitor_of(self), done.product_id)

    def _tell(self, key: str, done: KeptAdded) -> None:
        words = translations(done.refusal or f"wishlist.cart.{done.outcome}")
        self.outcomes = self.outcomes | {key: done.outcome}
        self.notes = self.notes | {key: words}
        self.adds += 1
        if done.outcome == "choose":  # a variant was added since: chosen on its page now
            self.skus = self.skus | {key: ""}
        elif done.outcome == "unavailable":
            self.skus = {k: v for k, v in self.skus.items() if k != key}


# What the handlers run in a worker thread: one hop each.


def wishlist_ways(cards: Sequence[ProductCard]) -> dict[int, str]:
    """How each product the list shows can be bought from it (WishlistState.load)."""
    return ways_to_buy(shop().catalog, cards)


def _add_kept(session_token: str, cart_token: str, product_id: int) -> KeptAdded:
    carts = with_database(shop().carts, "carts")
    return add_kept(carts, shop().catalog, *owner_of(session_token, cart_token), product_id)


def _record(visitor: str, product_id: int) -> None:
    """An add to the cart (recommendations)."""
    record_activity(shop().search_store, visitor, "cart", product_id, None)
