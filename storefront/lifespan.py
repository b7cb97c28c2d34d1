"""Background work of a web process: load the search index and co-purchase statistics at
start, then follow catalog changes (from this process, another worker or the CLI)."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from models.types import utc_now
from storefront.bootstrap import Shop, get_shop
from storefront.services.inventory import HOLD_MINUTES
from storefront.services.search.change_feed import ChangeFeed
from storefront.services.search.indexing import rebuild_index, refresh_products

log = logging.getLogger(__name__)
REFRESH_SECONDS = 3.0
RECS_REFIT_SECONDS = 600.0


def load_search(shop: Shop) -> None:
    """Fill the index from the database (encoding only new or changed products)."""
    assert shop.search_store is not None
    report = rebuild_index(shop.search_store, shop.search_index())
    shop.recommender().co_purchase.fit(shop.search_store.baskets())
    shop.search_loaded = True
    log.info(
        "search index: %s products (%s embedded in %.1f s)",
        report.products,
        report.embedded,
        report.embed_seconds,
    )


async def keep_search_fresh() -> None:
    """Lifespan task: load (retrying until the database answers), then poll for changed
    products and re-index just those."""
    shop = get_shop()
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
    since_refit = 0.0
    while True:
        await asyncio.sleep(REFRESH_SECONDS)
        since_refit += REFRESH_SECONDS
        try:
            changed = await asyncio.to_thread(feed.poll)
            if changed:
                await asyncio.to_thread(refresh_products, store, shop.search_index(), changed)
            if since_refit >= RECS_REFIT_SECONDS:
                since_refit = 0.0
                baskets = await asyncio.to_thread(store.baskets)
                await asyncio.to_thread(shop.recommender().co_purchase.fit, baskets)
        except Exception:  # a database hiccup must not end the loop for good
            log.exception("search refresh failed; retrying")


SETTLE_SECONDS = 60.0


async def settle_payments() -> None:
    """Lifespan task: every minute, settle orders whose webhook never came, cancel those
    abandoned, and give back expired stock holds (idempotent in every worker at once)."""
    while True:
        await asyncio.sleep(SETTLE_SECONDS)
        shop = get_shop()
        reconciliation = shop.commerce.reconciliation if shop.commerce else None
        try:
            if reconciliation is not None:
                await asyncio.to_thread(
                    reconciliation.reconcile,
                    utc_now(),
                    timedelta(minutes=10),
                    timedelta(minutes=HOLD_MINUTES),
                )
            elif shop.inventory is not None:
                await asyncio.to_thread(shop.inventory.release_expired, utc_now())
        except Exception:  # the next round tries again
            log.exception("settling payments failed")
