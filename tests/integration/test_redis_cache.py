"""The Redis cache adapter against a real Redis, and the shop degrading when it is gone."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
import redis

from storefront.adapters.cache import VERSION_TTL_SECONDS, RedisCache
from storefront.bootstrap import Shop
from storefront.services.listing_query import ListingQuery
from storefront.services.ports import CacheUnavailable
from storefront.services.product_edits import set_variant_price
from storefront.services.versioned_cache import KEY_PREFIX
from tests.integration.catalog_fixtures import redis_worker, seed_small_catalog
from tests.redis_process import PrivateRedis, free_port


def test_values_versions_and_clear_round_trip(redis_server: str, prefix: str) -> None:
    cache = RedisCache(redis_server, key_pattern=f"{prefix}:*")
    cache.set(f"{prefix}:a", {"x": (1, 2)}, 60)
    assert cache.get_many([f"{prefix}:a", f"{prefix}:missing"]) == [{"x": (1, 2)}, None]
    assert cache.init_int(f"{prefix}:v", 7) == 7
    assert cache.init_int(f"{prefix}:v", 9) == 7
    cache.incr_many([f"{prefix}:v", f"{prefix}:gone"], 1_000)
    assert cache.get_ints([f"{prefix}:v", f"{prefix}:gone"]) == [8, 1_000]
    client = redis.Redis.from_url(redis_server)
    # Versions expire (after days): a page asked for once does not stay in Redis for good.
    assert 0 < client.ttl(f"{prefix}:v") <= VERSION_TTL_SECONDS
    assert 0 < client.ttl(f"{prefix}:gone") <= VERSION_TTL_SECONDS
    client.expire(f"{prefix}:v", 5)  # about to go...
    cache.incr_many([f"{prefix}:v"], 2_000)  # ...but it changed: it stays as long again
    assert client.ttl(f"{prefix}:v") > 5
    cache.clear()
    assert cache.get_many([f"{prefix}:a"]) == [None]
    assert cache.get_ints([f"{prefix}:v"]) == [None]


def test_clearing_the_cache_leaves_the_bus_stream_alone(redis_server: str) -> None:
    """A heal after a missed invalidation clears the cache: the bus shares its Redis and its
    `boutique:` prefix, and must keep its messages."""
    client = redis.Redis.from_url(redis_server)
    stream, entry = f"boutique:events:test-{uuid.uuid4().hex[:8]}", f"{KEY_PREFIX}:test-entry"
    client.xadd(stream, {"type": "OrderPaid"})
    cache = RedisCache(redis_server)
    cache.set(entry, "page", 60)
    try:
        cache.clear()
        assert cache.get_many([entry]) == [None]
        assert client.xlen(stream) == 1
    finally:
        client.delete(stream, entry)


def test_an_edit_in_one_worker_is_seen_by_another(
    redis_server: str, prefix: str, sqlite_url: str, make_shop: Callable[..., Shop]
) -> None:
    first, second = (redis_worker(make_shop, sqlite_url, redis_server, prefix) for _ in "ab")
    seed_small_catalog(first)
    detail = second.catalog.product("chair-number-2")
    assert detail is not None
    before = second.query_count()
    assert second.catalog.product("chair-number-2") == detail  # warm in Redis
    assert second.query_count() == before
    for variant in detail.product.variants:
        first.run(set_variant_price, detail.product.id, variant.sku, 4_242)
    fresh = second.catalog.product("chair-number-2")
    assert fresh is not None
    assert fresh.product.price_minor == 4_242


def test_with_redis_down_pages_come_from_the_database(
    sqlite_url: str, make_shop: Callable[..., Shop]
) -> None:
    down = RedisCache("redis://127.0.0.1:1/0", timeout=0.2)
    with pytest.raises(CacheUnavailable):
        down.get_many(["k"])
    shop = make_shop(sqlite_url, cache=down)
    seed_small_catalog(shop)
    page = shop.catalog.listing(ListingQuery(category_slug="chairs"))
    assert page is not None
    assert page.total == 30
    assert shop.cache.stats.errors > 0


@pytest.mark.parametrize("refusal", ["full", "replica"])
def test_a_redis_that_refuses_writes_sends_pages_to_the_database(
    sqlite_url: str, make_shop: Callable[..., Shop], tmp_path: Path, refusal: str
) -> None:
    """Full (maxmemory with noeviction: OOM) or turned replica by a failover (READONLY):
    Redis still answers, but refuses writes; the shop reads from the database and notes the
    invalidations it could not write."""
    server = PrivateRedis(tmp_path / "redis")
    server.start()
    try:
        cache = RedisCache(server.url, mirror_versions=False)
        shop = make_shop(sqlite_url, cache=cache)
        seed_small_catalog(shop)
        admin = redis.Redis.from_url(server.url)
        if refusal == "full":
            admin.config_set("maxmemory", 1)
        else:
            admin.replicaof("127.0.0.1", free_port())  # a primary that is not there
        with pytest.raises(CacheUnavailable):
            cache.set("boutique-test:k", 1, 60)
        page = shop.catalog.listing(ListingQuery(category_slug="chairs"))
        assert page is not None
        assert page.total == 30
        assert shop.cache.stats.errors > 0
    finally:
        server.stop()
