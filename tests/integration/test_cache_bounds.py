"""Made-up URLs against a real Redis: however many a script sends, the cache keys stay the
same (the cache Redis also holds shoppers' sessions and the bus, and must not fill up)."""

from __future__ import annotations

import random
import string
from collections.abc import Callable, Iterator

import pytest
import redis
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from storefront.adapters.cache import RedisCache
from storefront.api.routes import build_api
from storefront.bootstrap import Shop, set_shop
from storefront.services.listing_query import ListingQuery
from tests.integration.catalog_fixtures import seed_small_catalog


@pytest.fixture
def shop(
    redis_server: str, prefix: str, sqlite_url: str, make_shop: Callable[..., Shop]
) -> Iterator[Shop]:
    """The process's shop, caching in Redis under this test's prefix."""
    shop = make_shop(sqlite_url, cache=RedisCache(redis_server, key_pattern=f"{prefix}:*"))
    shop.cache._prefix = prefix
    seed_small_catalog(shop)
    set_shop(shop)
    yield shop
    set_shop(None)


def cache_keys(redis_server: str, prefix: str) -> set[bytes]:
    return set(redis.Redis.from_url(redis_server).scan_iter(match=f"{prefix}:*", count=1000))


def shop_app() -> Starlette:
    """Our routes around a stand-in for the Reflex app (which mounts itself inside them)."""
    api = build_api()

    async def single_page_app(request: Request) -> PlainTextResponse:
        return PlainTextResponse("the app")

    api.router.routes.append(Route("/{path:path}", single_page_app))
    return api


def test_random_product_urls_leave_no_key_in_redis(
    shop: Shop, redis_server: str, prefix: str
) -> None:
    client = TestClient(shop_app())
    assert client.get("/product/chair-number-2").status_code == 200
    known = cache_keys(redis_server, prefix)
    assert any(b"product:chair-number-2" in key for key in known)
    rng = random.Random(7)
    queries = shop.query_count()
    for _ in range(100):  # 8 KB that can be no slug: refused before cache and database
        junk = "".join(rng.choices(string.ascii_letters + string.digits + "-_.~", k=8_192))
        assert client.get(f"/product/{junk}").status_code == 404
    assert shop.query_count() == queries
    for _ in range(100):  # slug-shaped, but no product's
        assert client.get(f"/product/nope-{rng.getrandbits(64):x}").status_code == 404
    assert cache_keys(redis_server, prefix) == known
    queries = shop.query_count()
    assert client.get("/product/chair-number-2").status_code == 200  # still cached
    assert client.head("/product/chair-number-2").status_code == 200
    assert shop.query_count() == queries
    assert cache_keys(redis_server, prefix) == known


def test_made_up_listing_urls_leave_no_key_in_redis(
    shop: Shop, redis_server: str, prefix: str
) -> None:
    def listing(params: dict[str, str]) -> None:
        assert shop.catalog.listing(ListingQuery.from_params("chairs", params)[0]) is not None

    listing({})
    known = cache_keys(redis_server, prefix)
    rng = random.Random(7)
    for _ in range(100):
        low = rng.randrange(0, 100_000)
        listing({"price": f"{low}-{low + rng.randrange(1, 1_000)}.{rng.randrange(100):02}"})
        listing({"page": str(rng.randrange(3, 10_000)), "sort": "newest"})
        listing({"brand": f"brand-{rng.getrandbits(32):x}"})
        listing({"f_colour": f"colour-{rng.getrandbits(32):x}"})
    assert cache_keys(redis_server, prefix) == known
    listing({"brand": "aalto"})  # a filter link of the page: shared by every worker
    assert len(cache_keys(redis_server, prefix) - known) == 1
