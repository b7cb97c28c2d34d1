"""Live pages: when a product's price or stock changes, shoppers who have it open or in their
cart see it change, without reloading.

Each web process remembers which of its sessions show which products (a session's events
are handled by the process holding its socket); every process hears every ProductChanged
from the bus (lifespan.py) and refreshes its own watchers' states through
`app.modify_state`, which sends them the update. Changes are coalesced by `LivePusher`.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable

import reflex as rx

from state.product_view import as_shown
from state.shop import call, call_cached, shop
from storefront.services.catalog import ProductPage

log = logging.getLogger(__name__)
CHECKOUT_PATH = "/checkout"
_UNKNOWN = object()  # a page this process has not pushed yet
# What each session (client token) shows, by page role ("product": the product page open,
# "cart": what its cart holds), and the same the other way round. A role's products replace
# the last ones, so a tab that moves on stops being pushed what it no longer shows. Sessions
# are let go of when their socket is gone (`LivePusher.sweep`), however long they stay open.
_shows: dict[str, dict[str, frozenset[int]]] = {}
_watchers: dict[int, set[str]] = {}
_heard = 0  # catalog changes this process has heard of (any product, watched or not)
_last_heard: dict[int, int] = {}  # product id -> the count when its last change was heard
# Product pages whose product came back on sale before this process's search index held it
# (the push and the index follow the same change side by side, and the index, encoding the
# product's text, mostly comes second): their recommendation rows wait for the index
# (`LivePusher.indexed`). Client token -> product id.
_rows_waiting: dict[str, int] = {}


def changes_heard() -> int:
    """A mark of the catalog changes heard so far: a page that reads products and then
    watches them asks `changed_since` the mark taken before the read, and reads again if
    one of them changed between (that change found no watcher to push to)."""
    return _heard


def changed_since(mark: int, product_ids: Iterable[int]) -> bool:
    return any(_last_heard.get(product_id, 0) > mark for product_id in product_ids)


def watch(client_token: str, role: str, product_ids: Iterable[int]) -> None:
    """This session now shows these products in this role (product page, cart)."""
    if not client_token:
        return
    roles = _shows.setdefault(client_token, {})
    now = frozenset(product_ids)
    if role == "product" and _rows_waiting.get(client_token) not in (None, *now):
        del _rows_waiting[client_token]  # the tab moved on: its rows wait for nothing
    if roles.get(role) == now:
        return
    before = frozenset().union(*roles.values())
    roles[role] = now
    after = frozenset().union(*roles.values())
    for product_id in before - after:
        _unwatch(product_id, client_token)
    for product_id in after - before:
        _watchers.setdefault(product_id, set()).add(client_token)


def wait_for_rows(client_token: str, product_id: int) -> None:
    """The session's product page shows the product, which the search index does not hold
    yet: its rows are read once it does."""
    if client_token:
        _rows_waiting[client_token] = product_id


def forget(client_tokens: Iterable[str]) -> None:
    for token in set(client_tokens):
        _rows_waiting.pop(token, None)
        for ids in _shows.pop(token, {}).values():
            for product_id in ids:
                _unwatch(product_id, token)


def watchers_of(product_ids: Iterable[int]) -> set[str]:
    return {token for product_id in product_ids for token in _watchers.get(product_id, ())}


def watching() -> set[str]:
    """Every session that shows something."""
    return set(_shows)


async def _with_slugs(changes: dict[int, str]) -> dict[int, str]:
    """The slugs a bulk import's announcement leaves out (it may have changed them), read
    in one go; a product no longer on sale has none."""
    unknown = [product_id for product_id, slug in changes.items() if not slug]
    if not unknown:
        return changes
    cards = await call(shop().catalog.cards, unknown)
    return changes | {card.id: card.slug for card in cards}


def _to_refresh(token: str, changes: Iterable[int], pages: set[int]) -> tuple[bool, bool]:
    """What the session shows to refresh: (its product page, which now looks different;
    its cart, which holds a changed product and is re-validated: prices, stock caps)."""
    shown = _shows.get(token, {})
    return (
        not shown.get("product", frozenset()).isdisjoint(pages),
        not shown.get("cart", frozenset()).isdisjoint(changes),
    )


def _rating(page: object) -> tuple[float, int] | None:
    if not isinstance(page, ProductPage):
        return None
    return page.product.rating, page.product.review_count


async def _reviews_read_anew(product_id: int) -> None:
    """The product's rating moved: its published reviews did (or its imported figures). The
    moderator's process drops their cached reads once it has committed, but the change may
    reach this process first: drop them here too, before the open pages read them."""
    reviews = shop().reviews
    if reviews is not None:
        await call(reviews.forget, product_id)


def _unwatch(product_id: int, token: str) -> None:
    tokens = _watchers.get(product_id)
    if tokens is not None:
        tokens.discard(token)
        if not tokens:
            del _watchers[product_id]


class LivePusher:
    """Coalesces changes (a bulk edit announces thousands) into rounds of pushes: one round
    at a time, each session refreshed once per round, a few sessions at once."""

    def __init__(self, app: rx.App, concurrency: int = 20) -> None:
        self._app = app
        self._waiting: dict[int, str] = {}  # product id -> its slug now ("": unknown)
        # Of those, the products whose page shows the same but whose reviews' standing moved.
        self._reviews: set[int] = set()
        self._running = False
        self._limit = asyncio.Semaphore(concurrency)
        # Each watched product's page as last pushed (as_shown), to push only what changed.
        self._shown: dict[int, ProductPage | None] = {}
        self.reading_rows: set[asyncio.Task[None]] = set()  # `indexed`'s, under way

    def changed(self, changes: dict[int, str], reviews: frozenset[int] = frozenset()) -> None:
        """Products changed (id: its slug now, "" when not known); of them, `reviews` only in
        the standing of a review (their pages are refreshed though they look the same). Call
        on the event loop (from a thread: loop.call_soon_threadsafe)."""
        global _heard
        _heard += 1
        _last_heard.update(dict.fromkeys(changes, _heard))
        watched = {i: slug for i, slug in changes.items() if i in _watchers}
        if not watched:
            return
        self._waiting.update(watched)
        self._reviews.update(reviews & watched.keys())
        if not self._running:
            self._running = True
            asyncio.get_running_loop().create_task(self._push_rounds())

    def indexed(self) -> None:
        """The search index was refreshed: the pages whose rows wait for a product it now
        holds read them. Call on the event loop."""
        from state.recommendations import indexed

        ready = {token: pid for token, pid in _rows_waiting.items() if indexed(pid)}
        for token in ready:
            del _rows_waiting[token]
        connected = self._connected()
        for token, product_id in ready.items():
            if token in connected:
                task = asyncio.get_running_loop().create_task(self._rows(token, product_id))
                self.reading_rows.add(task)  # referenced until done (asyncio keeps none)
                task.add_done_callback(self.reading_rows.discard)

    async def _rows(self, token: str, product_id: int) -> None:
        """Read the rows of the session's product page, if it still shows the product."""
        from state.product import ProductState
        from state.recommendations import ProductRecsState

        async with self._limit:
            try:
                state_token = rx.BaseStateToken(ident=token, cls=ProductRecsState)
                async with self._app.modify_state(state_token) as root:
                    if (await root.get_state(ProductState)).product_id == product_id:
                        await (await root.get_state(ProductRecsState))._open(product_id)
            except Exception:  # one session's trouble must not stop the others
                log.exception("reading a returning page's rows failed")

    def sweep(self) -> int:
        """Let go of sessions whose socket this process no longer holds (closed, or moved to
        another process: they watch again from wherever they next load a page)."""
        connected = self._connected()
        gone = [token for token in watching() if token not in connected]
        forget(gone)
        return len(gone)

    def _connected(self) -> set[str]:
        """The sessions whose socket this process holds. With Redis, Reflex's token manager
        also lists sessions it heard moved to another process (their socket record names
        that process's instance): those are not ours to push to."""
        namespace = self._app.event_namespace
        if namespace is None:
            return set()
        manager = getattr(namespace, "_token_manager", None)
        records = getattr(manager, "token_to_socket", None)
        if manager is None or records is None:
            return set(namespace.token_to_sid)
        here = manager.instance_id
        return {token for token, record in records.items() if record.instance_id == here}

    async def _push_rounds(self) -> None:
        try:
            while self._waiting:
                changes, self._waiting = self._waiting, {}
                reviews, self._reviews = self._reviews, set()
                connected = self._connected()
                tokens = watchers_of(changes)
                # A tab that closed (or now talks to another process) is forgotten here; it
                # watches again from wherever it next loads a page.
                forget(token for token in tokens if token not in connected)
                changes = await _with_slugs(changes)
                pages = await self._pages_that_look_different(changes) | reviews
                refreshes = {
                    token: _to_refresh(token, changes, pages)
                    for token in tokens
                    if token in connected
                }
                await asyncio.gather(
                    *(
                        self._push(token, changes, pages if page else set(), cart, reviews)
                        for token, (page, cart) in refreshes.items()
                        if page or cart
                    )
                )
        finally:
            self._running = False

    async def _pages_that_look_different(self, changes: dict[int, str]) -> set[int]:
        """Of the changed products, those whose product page now looks different from when
        this process last pushed it (a sale of one of many in stock does not: no page is
        refreshed for it). The page is read once here; the tabs then read it from memory."""
        different = set()
        for product_id, slug in changes.items():
            if not slug:  # no longer on sale: its page says so
                different.add(product_id)
                continue
            page = as_shown(await call_cached(shop().catalog.product, slug))
            before = self._shown.get(product_id, _UNKNOWN)
            if before != page:
                different.add(product_id)
                if _rating(before) != _rating(page):
                    await _reviews_read_anew(product_id)
            self._shown[product_id] = page
        if len(self._shown) > 4 * len(_watchers) + 100:  # products nobody watches any more
            self._shown = {i: p for i, p in self._shown.items() if i in _watchers}
        return different

    async def _push(
        self,
        token: str,
        changes: dict[int, str],
        pages: set[int],
        cart: bool,
        reviews: set[int],
    ) -> None:
        """Refresh the session's product page if it is one of `pages` (empty: not to be
        refreshed; its reviews too if it is one of `reviews`), its cart (or its checkout's
        totals) if `cart`."""
        from state.cart import CartState
        from state.product import ProductState

        async with self._limit:
            try:
                state_token = rx.BaseStateToken(ident=token, cls=CartState)
                async with self._app.modify_state(state_token) as root:
                    if pages:
                        product = await root.get_state(ProductState)
                        shown = product._watched  # on sale or not: "not found" comes back
                        if shown in pages:
                            slug = changes[shown] or product._slug
                            await product._refresh(slug, review_moved=shown in reviews)
                    if cart:
                        await (await root.get_state(CartState))._refresh_page()
            except Exception:  # one session's trouble must not stop the others
                log.exception("pushing a catalog change to a session failed")
