"""A web process warms its cache at start (real Redis, real SQLite): warmed pages are then
answered from its memory, and the warm-up counts no shopper hits or misses."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest

from storefront.adapters.cache import RedisCache
from storefront.bootstrap import Shop
from storefront.services.catalog_warmup import warm_catalog
from storefront.services.listing_query import ListingQuery
from storefront.services.versioned_cache import NotInMemory
from tests.integration.catalog_fixtures import redis_worker, seed_small_catalog


def product_ids_and_slugs(shop: Shop) -> list[tuple[int, str]]:
    found = []
    for category in ("chairs", "tables"):
        page = 1
        while True:
            listing = shop.catalog.listing(ListingQuery(category_slug=category, page=page))
            assert listing is not None
            found += [(card.id, card.slug) for card in listing.cards]
            if page >= listing.page_count:
                break
            page += 1
    return found


def in_memory(shop: Shop, slug: str) -> bool:
    try:
        with shop.cache.memory_only():
            shop.catalog.product(slug)
    except NotInMemory:
        return False
    return True


@pytest.fixture
def workers(
    redis_server: str, prefix: str, sqlite_url: str, make_shop: Callable[..., Shop]
) -> tuple[Shop, Shop]:
    """Two web workers on one database and one Redis; the first seeded the catalog."""
    first, second = (redis_worker(make_shop, sqlite_url, redis_server, prefix) for _ in "ab")
    seed_small_catalog(first)
    return first, second


def test_warmed_pages_are_answered_from_this_process_memory(workers: tuple[Shop, Shop]) -> None:
    first, second = workers
    products = product_ids_and_slugs(first)
    assert len(products) == 40
    warmed, cold = products[:30], products[30:]
    assert not any(in_memory(second, slug) for _, slug in products)
    before = second.cache.stats.snapshot()

    assert warm_catalog(second.catalog, [pid for pid, _ in warmed], pause=0, rest=0) == 30

    assert second.cache.stats.snapshot() == before  # no shopper asked for anything
    assert all(in_memory(second, slug) for _, slug in warmed)
    assert not any(in_memory(second, slug) for _, slug in cold)
    queries, hits = second.query_count(), second.cache.stats.hits
    for _, slug in warmed:
        assert second.catalog.product(slug) is not None
    assert second.query_count() == queries
    assert second.cache.stats.hits == hits + 30  # a shopper's reads count


def test_without_redis_the_embedded_cache_is_warmed_too(
    sqlite_url: str, make_shop: Callable[..., Shop]
) -> None:
    shop = make_shop(sqlite_url)
    seed_small_catalog(shop)
    products = product_ids_and_slugs(shop)
    shop.cache.clear()
    assert warm_catalog(shop.catalog, [pid for pid, _ in products], pause=0, rest=0) == 40
    assert all(in_memory(shop, slug) for _, slug in products)


def test_the_warm_up_stops_at_the_first_cache_error(
    sqlite_url: str, make_shop: Callable[..., Shop]
) -> None:
    shop = make_shop(sqlite_url, cache=RedisCache("redis://127.0.0.1:1/0", timeout=0.2))
    seed_small_catalog(shop)
    products = product_ids_and_slugs(shop)
    queries = shop.query_count()
    shop.catalog.cards([products[0][0]])
    shop.catalog.product(products[0][1])
    one_page = shop.query_count() - queries  # the cards and one page, from the database
    queries = shop.query_count()
    paused: list[float] = []
    warmed = warm_catalog(shop.catalog, [pid for pid, _ in products], sleep=paused.append)
    assert (warmed, paused) == (0, [])  # one page read, then it stopped
    assert shop.query_count() - queries == one_page


def test_the_warm_up_stops_when_the_process_does(workers: tuple[Shop, Shop]) -> None:
    first, second = workers
    products = product_ids_and_slugs(first)
    stop = threading.Event()
    paused: list[float] = []

    def sleep(seconds: float) -> None:
        paused.append(seconds)
        if len(paused) == 5:
            stop.set()  # the process is told to stop while the warm-up rests

    warmed = warm_catalog(
        second.catalog, [pid for pid, _ in products], stopped=stop.is_set, sleep=sleep
    )
    assert (warmed, len(paused)) == (6, 5)
