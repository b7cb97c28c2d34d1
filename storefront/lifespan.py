"""Background work of a web process, started and stopped with it.

- the bus (worker.py): the outbox relay, the consumer groups (unless left to `worker`
  processes), and listeners for what this process keeps in memory: the search index,
  the co-purchase statistics and its shoppers' open pages;
- the search index: loaded at start, refreshed when the bus says products changed
  (rebuilt whole when it says the catalog was restructured);
- the cache: once the search index knows which products shoppers like best, their pages
  are read into this process's memory; then what lives as long as the process is kept out
  of the garbage collector's way;
- payments: every minute, settle orders whose webhook never came.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import threading
import time
from collections.abc import AsyncIterator, Callable
from datetime import timedelta

import reflex as rx

from models.events import CatalogRestructured, Event, OrderPaid, ProductChanged
from models.types import utc_now
from state.live_updates import LivePusher
from storefront.adapters.outages import is_outage
from storefront.bootstrap import Shop, get_shop
from storefront.failure_streaks import FailureStreak
from storefront.logs import configure_logging
from storefront.metrics import ProcessStats
from storefront.services.bus.listener import Handlers
from storefront.services.catalog_invalidation import invalidate_catalog
from storefront.services.catalog_warmup import warm_catalog
from storefront.services.inventory import HOLD_MINUTES
from storefront.services.search.change_feed import ChangeFeed
from storefront.services.search.indexing import follow_changes, rebuild_index
from storefront.subscriptions import consumer_groups
from storefront.worker import BusRunner

log = logging.getLogger(__name__)
# Logged by each web process when its start has ended (benchmarks wait for it).
STARTED = "heap settled:"
# The bus wakes the search refresh; this is the fallback when a change came some other way.
SEARCH_FALLBACK_SECONDS = 30.0
RECS_MIN_SECONDS = 30.0  # refit co-purchase statistics at most this often after sales
RECS_REFIT_SECONDS = 600.0
SETTLE_SECONDS = 60.0
# The cache warm-up met the database out of reach: tried again this much later, this often.
WARM_RETRY_SECONDS = 30.0
WARM_ATTEMPTS = 10
METRICS_SYNC_SECONDS = 5.0
SWEEP_WATCHES_SECONDS = 600.0  # live pages of sessions gone from this process are let go


class Wakeup:
    """Wakes an asyncio task from any thread (bus listeners run in threads)."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._event = asyncio.Event()

    def set(self, _event: object = None) -> None:
        self._loop.call_soon_threadsafe(self._event.set)

    def fired(self) -> bool:
        """Whether it was set since last asked (clears it)."""
        woken = self._event.is_set()
        self._event.clear()
        return woken

    async def wait(self, timeout: float) -> bool:
        """True when woken, False when the timeout passed."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._event.wait(), timeout)
        return self.fired()


@contextlib.asynccontextmanager
async def background_work(app: rx.App) -> AsyncIterator[None]:
    """Lifespan: run the bus and the loops below for as long as the process serves."""
    shop = get_shop()
    configure_logging(shop.settings.log_format, shop.settings.log_level)
    loop = asyncio.get_running_loop()
    search_changed, restructured, sold = Wakeup(loop), Wakeup(loop), Wakeup(loop)

    pusher = LivePusher(app)

    def invalidate_and_push(event: Event) -> None:
        # Invalidated first: the catalog-cache group (storefront/subscriptions.py) may run
        # later (or in another process), and a page refreshed from a stale cache would show
        # the old price. If that fails, nothing is pushed (it would push the old price).
        invalidate_catalog(event, shop.catalog)
        reviews: frozenset[int] = frozenset()
        if isinstance(event, ProductChanged):
            # The new slug is listed last (an edit that renames lists the old one first).
            changes = {event.product_id: event.slugs[-1] if event.slugs else ""}
            if event.review_moved:
                reviews = frozenset(changes)
        else:
            assert isinstance(event, CatalogRestructured)
            changes = dict.fromkeys(event.product_ids, "")  # each page keeps its own slug
        loop.call_soon_threadsafe(pusher.changed, changes, reviews)

    listeners: Handlers = {
        ProductChanged: [invalidate_and_push, search_changed.set],
        CatalogRestructured: [invalidate_and_push, restructured.set, search_changed.set],
        OrderPaid: [sold.set],
    }
    stopping = threading.Event()  # for work in threads, which cancelling a task leaves running
    groups = consumer_groups(shop) if shop.settings.bus_consumers_in_web else {}
    runner = BusRunner(shop, groups, listeners) if shop.engine is not None else None
    if runner is not None:
        runner.start()
    tasks = [
        asyncio.create_task(
            keep_search_fresh(shop, search_changed, restructured, sold, pusher.indexed)
        ),
        asyncio.create_task(finish_start(shop, stopping)),
        asyncio.create_task(settle_payments()),
        asyncio.create_task(sync_metrics(ProcessStats(shop, runner))),
        asyncio.create_task(sweep_watches(pusher)),
    ]
    try:
        yield
    finally:
        stopping.set()
        for task in tasks:
            task.cancel()
        if runner is not None:
            await asyncio.to_thread(runner.stop)


async def sweep_watches(pusher: LivePusher) -> None:
    """Let go of the live pages of sessions gone from this process, every few minutes."""
    while True:
        await asyncio.sleep(SWEEP_WATCHES_SECONDS)
        try:
            pusher.sweep()
        except Exception:
            log.exception("sweeping live-page watches failed")


def load_search(shop: Shop) -> None:
    """Fill the index from the database (encoding only new or changed products)."""
    assert shop.search_store is not None
    report = rebuild_index(shop.search_store, shop.search_index(), claims=shop.embedding_claims)
    shop.recommender().refit(utc_now())
    shop.search_loaded = True
    log.info(
        "search index: %s products (%s embedded in %.1f s)",
        report.products,
        report.embedded,
        report.embed_seconds,
    )


async def keep_search_fresh(
    shop: Shop,
    changed: Wakeup,
    restructured: Wakeup,
    sold: Wakeup,
    indexed: Callable[[], None] = lambda: None,
) -> None:
    """Load the index (retrying until the database answers), then re-index the products
    that changed whenever the bus says so (all of them after a restructuring), and refit
    co-purchase statistics after sales. `indexed` is told after each re-indexing (on the
    event loop): pages whose product came back on sale wait for it to read their rows."""
    store = shop.search_store
    if store is None:
        return
    feed = ChangeFeed(store)
    delay = 1.0
    while True:
        try:
            await asyncio.to_thread(feed.start)
            await asyncio.to_thread(load_search, shop)
            break
        except Exception:  # the database may not be up yet: the shop waits, never gives up
            log.exception("loading the search index failed; retrying in %.0f s", delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 60.0)
    fitted_at = time.monotonic()
    sales_waiting = rebuild_waiting = False
    streak = FailureStreak(log, "search refresh")
    while True:
        await changed.wait(SEARCH_FALLBACK_SECONDS)
        sales_waiting = sold.fired() or sales_waiting
        rebuild_waiting = restructured.fired() or rebuild_waiting
        try:
            await asyncio.to_thread(
                follow_changes,
                store,
                shop.search_index(),
                feed,
                restructured=rebuild_waiting,
                claims=shop.embedding_claims,
            )
            rebuild_waiting = False
            indexed()
            since_fit = time.monotonic() - fitted_at
            if (sales_waiting and since_fit >= RECS_MIN_SECONDS) or since_fit >= RECS_REFIT_SECONDS:
                await asyncio.to_thread(shop.recommender().refit, utc_now())
                fitted_at, sales_waiting = time.monotonic(), False
            streak.worked()
        except Exception as failure:  # a database hiccup must not end the loop for good
            streak.failed(failure)


async def finish_start(shop: Shop, stopping: threading.Event) -> None:
    """Once the search index is loaded: warm the cache, then settle the heap."""
    while shop.search_store is not None and not shop.search_loaded:
        await asyncio.sleep(1.0)
    await warm_cache(shop, stopping)
    if not stopping.is_set():
        settle_heap()


async def warm_cache(shop: Shop, stopping: threading.Event) -> None:
    """Read the best loved product pages (the loaded search index ranks them) into this
    process's memory (`warm_catalog`), until done or the process stops. At most a quarter
    of the memory cache's entries: a page and its card take one each, and shoppers'
    listings need room too."""
    settings = shop.settings
    count = min(settings.cache_warm_products, settings.cache_local_entries // 4)
    if count <= 0 or shop.search_store is None:
        return
    product_ids = shop.search_index().by_popularity()[:count]
    started = time.monotonic()
    for attempt in range(1, WARM_ATTEMPTS + 1):
        try:
            warmed = await asyncio.to_thread(
                warm_catalog, shop.catalog, product_ids, stopped=stopping.is_set
            )
            break
        except Exception as failure:  # pages then load on their first view, as without it
            # The database out of reach for a moment (QA: a restart during a web process's
            # first minutes left it unwarmed for good): tried again once it may be back,
            # the pages already in memory read again at no cost.
            if not is_outage(failure) or attempt == WARM_ATTEMPTS:
                log.exception("warming the cache failed")
                return
            log.warning(
                "warming the cache paused, the database out of reach (%s); trying again in %.0f s",
                (str(failure).splitlines() or [failure.__class__.__name__])[0][:200],
                WARM_RETRY_SECONDS,
            )
            if await asyncio.to_thread(stopping.wait, WARM_RETRY_SECONDS):
                return
    log.info("cache warmed: %s product pages in %.1f s", warmed, time.monotonic() - started)


def settle_heap() -> None:
    """Collect once, then freeze what is alive (`gc.freeze`): mostly the embedding model, the
    indexes and the warmed pages, about a million objects that live as long as the process.
    Python's full collections walked them all, holding the event loop for 0.1 to 0.6 s every
    minute or so under load (every shopper's event waited); they now walk only what came
    later. The collection itself is one such pause, once. What shoppers connected meanwhile
    hold is frozen too: freed when its last reference goes, like everything frozen, but never
    as part of a reference cycle (a bounded leak, once per process). Objects that come later
    and live long (index refreshes, the cache's turnover) are walked by full collections
    again."""
    started = time.monotonic()
    gc.collect()
    gc.freeze()
    log.info(
        "%s %s objects frozen in %.2f s",
        STARTED,
        gc.get_freeze_count(),
        time.monotonic() - started,
    )


async def sync_metrics(stats: ProcessStats) -> None:
    """Copy this process's cache and bus counters into its metrics every few seconds."""
    while True:
        await asyncio.sleep(METRICS_SYNC_SECONDS)
        try:
            stats.sync()
        except Exception:  # metrics must never stop for good
            log.exception("copying counters into metrics failed")


async def settle_payments() -> None:
    """Every minute, settle orders whose webhook never came, cancel those abandoned, give
    back expired stock holds, send again refunds a timeout left pending, send the mails
    that never went out and finish or release the shoppers' cancels (idempotent in every
    worker at once)."""
    streak = FailureStreak(log, "settling payments")
    while True:
        await asyncio.sleep(SETTLE_SECONDS)
        try:
            await asyncio.to_thread(settle_once, get_shop())
            streak.worked()
        except Exception as failure:  # the next round tries again
            streak.failed(failure)


def settle_once(shop: Shop) -> None:
    """One round of settle_payments: what `reconcile-payments` does, the shoppers' cancels
    included (those whose refund settled since or went stale are finished, those whose
    refund Stripe refused after holding it are released), so that they need no cron."""
    commerce = shop.commerce
    reconciliation = commerce.reconciliation if commerce else None
    if commerce is not None and reconciliation is not None:
        reconciliation.reconcile(utc_now(), timedelta(minutes=10), timedelta(minutes=HOLD_MINUTES))
        commerce.cancels.finish_settled(utc_now())
        commerce.cancels.release_refused(utc_now())
    elif shop.inventory is not None:
        shop.inventory.release_expired(utc_now())
