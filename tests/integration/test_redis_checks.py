"""check-settings' Redis requirements for the bus (adapters/redis_checks.py), read from real
Redis servers: the shared one of the tests and one of the test's own, reconfigured."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from storefront.adapters.redis_checks import bus_redis_problems
from tests.redis_process import PrivateRedis

APPENDONLY_OFF = "appendonly is off; the event bus needs `appendonly yes`"


@pytest.fixture
def private_redis(tmp_path: Path) -> Iterator[PrivateRedis]:
    server = PrivateRedis(tmp_path / "redis")  # appendonly yes, noeviction, this machine's 7+
    server.start()
    yield server
    server.stop()


def test_the_shared_test_redis_is_judged_by_what_it_is(redis_server: str) -> None:
    """Its version and eviction policy pass here; appendonly is named iff CONFIG says it is off."""
    client = redis.Redis.from_url(redis_server, decode_responses=True)
    assert client.config_get("maxmemory-policy")["maxmemory-policy"] == "noeviction"
    appendonly = client.config_get("appendonly")["appendonly"]
    problems = bus_redis_problems(redis_server, None)
    expected = [] if appendonly == "yes" else [APPENDONLY_OFF]
    assert [p.removeprefix("REDIS_URL: ").split(" (")[0] for p in problems] == expected


def test_a_redis_that_would_evict_or_forget_is_refused(private_redis: PrivateRedis) -> None:
    url = private_redis.url
    assert bus_redis_problems(url, None) == []
    client = redis.Redis.from_url(url)
    client.config_set("maxmemory-policy", "allkeys-lru")
    assert bus_redis_problems(url, None) == [
        "REDIS_URL: maxmemory-policy is allkeys-lru; the event bus needs `noeviction` "
        "(a full Redis would drop events instead of refusing writes)"
    ]
    client.config_set("appendonly", "no")
    problems = bus_redis_problems(url, None)
    assert len(problems) == 2
    assert problems[0].startswith(f"REDIS_URL: {APPENDONLY_OFF}")


def test_the_cache_redis_is_the_bus_one_when_split_off(
    private_redis: PrivateRedis, redis_server: str
) -> None:
    redis.Redis.from_url(private_redis.url).config_set("maxmemory-policy", "volatile-lru")
    # Sessions on the private one, cache and bus on the shared one: only the latter matters.
    problems = bus_redis_problems(private_redis.url, redis_server)
    assert all(p.startswith("BOUTIQUE_CACHE_REDIS_URL: ") for p in problems)
    assert not [p for p in problems if "maxmemory-policy" in p]
    (problem,) = bus_redis_problems(redis_server, private_redis.url)
    assert problem.startswith("BOUTIQUE_CACHE_REDIS_URL: maxmemory-policy is volatile-lru")


def test_no_redis_or_one_out_of_reach_adds_nothing() -> None:
    """check-settings names an unreachable Redis itself."""
    assert bus_redis_problems(None, None) == []
    assert bus_redis_problems("redis://127.0.0.1:1/0", None) == []
