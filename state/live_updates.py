"""Live pages: when a product's price or stock changes, shoppers who have it open or in their
cart see it change, without reloading.

Each web process remembers which of its sessions show which products (a session's events
are handled by the process holding its socket); every process hears every ProductChanged
from the bus (lifespan.py) and refreshes its own watchers' states through
`app.modify_state`, which sends them the update.
"""

from __future__ import annotations

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


def watchers_of(product_ids: Iterable[int]) -> set[str]:
    now = time.monotonic()
    return {
        token
        for product_id in product_ids
        for token, seen in _watchers.get(product_id, {}).items()
        if now - seen <= WATCH_SECONDS
    }


async def push_changes(app: rx.App, product_ids: set[int]) -> int:
    """Refresh the product page and cart of every session here that shows one of these
    products; returns how many sessions were refreshed."""
    from state.cart import CartState
    from state.product import ProductState

    pushed = 0
    for token in watchers_of(product_ids):
        try:
            async with app.modify_state(rx.BaseStateToken(ident=token, cls=CartState)) as root:
                product = await root.get_state(ProductState)
                if product.product_id in product_ids:
                    await product.refresh()
                cart = await root.get_state(CartState)
                if cart.shows_any(product_ids):
                    await cart.refresh()
            pushed += 1
        except Exception:  # one session's trouble must not stop the others
            log.exception("pushing a catalog change to a session failed")
    return pushed
