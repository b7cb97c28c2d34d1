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
import time
from collections.abc import Iterable

import reflex as rx

log = logging.getLogger(__name__)
WATCH_SECONDS = 3600.0  # a page not touched for an hour is no longer refreshed
_watchers: dict[int, dict[str, float]] = {}  # product id -> client token -> last seen
_last_prune = 0.0


def watch(client_token: str, product_ids: Iterable[int]) -> None:
    """This session shows these products (product page, cart)."""
    global _last_prune
    if not client_token:
        return
    now = time.monotonic()
    for product_id in product_ids:
        _watchers.setdefault(product_id, {})[client_token] = now
    if now - _last_prune > 60:
        _last_prune = now
        for product_id in list(_watchers):
            tokens = _watchers[product_id]
            for token in [t for t, seen in tokens.items() if now - seen > WATCH_SECONDS]:
                del tokens[token]
            if not tokens:
                del _watchers[product_id]


def forget(client_tokens: Iterable[str]) -> None:
    gone = set(client_tokens)
    if not gone:
        return
    for product_id in list(_watchers):
        tokens = _watchers[product_id]
        for token in gone.intersection(tokens):
            del tokens[token]
        if not tokens:
            del _watchers[product_id]


def watchers_of(product_ids: Iterable[int]) -> set[str]:
    now = time.monotonic()
    return {
        token
        for product_id in product_ids
        for token, seen in _watchers.get(product_id, {}).items()
        if now - seen <= WATCH_SECONDS
    }


class LivePusher:
    """Coalesces changes (a bulk edit announces thousands) into rounds of pushes: one round
    at a time, each session refreshed once per round, a few sessions at once."""

    def __init__(self, app: rx.App, concurrency: int = 20) -> None:
        self._app = app
        self._waiting: dict[int, str] = {}  # product id -> its slug now ("": unknown)
        self._running = False
        self._limit = asyncio.Semaphore(concurrency)

    def changed(self, product_id: int, slug: str) -> None:
        """Call on the event loop (from a thread: loop.call_soon_threadsafe)."""
        if not watchers_of([product_id]):
            return
        self._waiting[product_id] = slug
        if not self._running:
            self._running = True
            asyncio.get_running_loop().create_task(self._push_rounds())

    async def _push_rounds(self) -> None:
        try:
            while self._waiting:
                changes, self._waiting = self._waiting, {}
                namespace = self._app.event_namespace
                connected = namespace.token_to_sid if namespace is not None else {}
                tokens = watchers_of(changes)
                # A tab that closed (or now talks to another process) is forgotten here; it
                # watches again from wherever it next loads a page.
                forget(token for token in tokens if token not in connected)
                await asyncio.gather(
                    *(self._push(token, changes) for token in tokens if token in connected)
                )
        finally:
            self._running = False

    async def _push(self, token: str, changes: dict[int, str]) -> None:
        from state.cart import CartState
        from state.product import ProductState

        async with self._limit:
            try:
                state_token = rx.BaseStateToken(ident=token, cls=CartState)
                async with self._app.modify_state(state_token) as root:
                    product = await root.get_state(ProductState)
                    if changes.get(product.product_id):
                        await product._refresh(changes[product.product_id])
                    cart = await root.get_state(CartState)
                    if cart._shows_any(set(changes)):  # re-validated now
                        await cart._refresh()
            except Exception:  # one session's trouble must not stop the others
                log.exception("pushing a catalog change to a session failed")
