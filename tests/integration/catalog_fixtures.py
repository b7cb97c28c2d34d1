"""A small catalog saved through the real writer, and web workers sharing one Redis, for
the integration tests."""

from __future__ import annotations

from collections.abc import Callable

from storefront.adapters.cache import RedisCache
from storefront.bootstrap import Shop
from storefront.services.catalog_writer import save_drafts
from tests.unit.conftest import CHAIRS, TABLES, draft


def seed_small_catalog(shop: Shop) -> None:
    drafts = [
        draft(
            n,
            brand="Aalto" if n % 2 else "Birch & Co",
            price=5_000 + n * 1_000,
            stock=0 if n % 10 == 0 else 5,
            colours=("Red", "Navy Blue") if n % 3 else ("Green",),
            featured=n % 7 == 0,
        )
        for n in range(1, 31)
    ]
    drafts += [draft(n, category=("Furniture", "Tables"), price=20_000 + n) for n in range(31, 41)]
    shop.run(save_drafts, drafts, categories=[CHAIRS, TABLES])


def bus_shop(
    make_shop: Callable[..., Shop],
    database_url: str,
    redis_url: str,
    prefix: str,
    **overrides: object,
) -> Shop:
    """A shop with its bus and limits on the test Redis, and its cache there under `prefix`,
    the test's (the `prefix` fixture removes its keys). Not under the shops' usual
    boutique:v2: its version keys outlive the test (and the run) that bumped them while
    each test has a new database, so a read an earlier test cached (product 10's reviews
    listing one published, in its own database) was the next test's until that namespace
    was bumped again."""
    cache = RedisCache(redis_url, key_pattern=f"{prefix}:*")
    shop = make_shop(database_url, cache=cache, redis_url=redis_url, **overrides)
    shop.cache._prefix = prefix
    return shop


def redis_worker(
    make_shop: Callable[..., Shop], database_url: str, redis_url: str, prefix: str
) -> Shop:
    """A web worker's shop on a Redis cache whose keys all start with `prefix` (the test's)."""
    shop = make_shop(database_url, cache=RedisCache(redis_url, key_pattern=f"{prefix}:*"))
    shop.cache._prefix = prefix
    return shop
