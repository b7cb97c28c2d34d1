"""A web process warms its cache at start: the product pages shoppers like best are read
into its memory before anyone asks, so that their first view in this process is answered
on the event loop (no thread, no round trip to Redis). Without it, each of N web processes
paid a thread and a Redis read on the first view of every product: under the browse
benchmark, a third of warm page loads."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from storefront.services.catalog import CatalogService
from storefront.services.versioned_cache import NotInMemory

BATCH = 100
# After each page the warm-up, which runs in a thread, sleeps at least this long and at
# least REST times as long as the page took (a page loaded from the database takes a few
# milliseconds): it leaves the interpreter and the cores to the shoppers' events most of
# the time. At full speed, warming 5,000 pages in two processes at once made the tail of
# the events running meanwhile ten times longer.
PAUSE_SECONDS = 0.002
REST = 3.0


def warm_catalog(
    catalog: CatalogService,
    product_ids: Sequence[int],
    *,
    stopped: Callable[[], bool] = lambda: False,
    pause: float = PAUSE_SECONDS,
    rest: float = REST,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """Read the cards and pages of `product_ids` (the best loved first) through the cache,
    without counting them as shoppers' hits or misses, until done or `stopped()` (the
    process is stopping). Stops at the first cache error too: with the cache down, every
    read would load the database for nothing. Returns the pages now answered from memory."""
    cache = catalog.cache
    errors = cache.stats.errors
    warmed = 0
    with cache.uncounted():
        for start in range(0, len(product_ids), BATCH):
            for card in catalog.cards(product_ids[start : start + BATCH]):
                began = time.monotonic()
                warmed += _warm_page(catalog, card.slug)
                if stopped() or cache.stats.errors > errors:
                    return warmed
                sleep(max(pause, rest * (time.monotonic() - began)))
    return warmed


def _warm_page(catalog: CatalogService, slug: str) -> bool:
    """Read a page until memory answers it. A page loaded from the database creates its
    version numbers, and the process's copy of them (see RedisCache) drops what this process
    changed: the next read fetches them again, and may have to once more if Redis reported
    the change meanwhile. Gives up at a cache error."""
    errors = catalog.cache.stats.errors
    for _ in range(3):
        try:
            with catalog.cache.memory_only():
                return catalog.product(slug) is not None
        except NotInMemory:
            if catalog.product(slug) is None or catalog.cache.stats.errors > errors:
                return False
    return False
