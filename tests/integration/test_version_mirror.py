"""The cache's versions kept in each process, kept true by Redis (real Redis)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
import redis

from storefront.adapters.cache import InProcessCache, RedisCache
from storefront.services.ports import CacheUnavailable
from storefront.services.versioned_cache import VersionedCache, version_key_prefix


def counting_mget(cache: RedisCache) -> list[int]:
    """Count the MGETs the cache sends (its version reads)."""
    calls = [0]
    client: Any = cache._client
    original: Callable[..., Any] = client.mget

    def mget(keys: Any) -> Any:
        calls[0] += 1
        return original(keys)

    client.mget = mget
    return calls


def test_a_version_is_read_once_then_answered_here_until_it_changes(
    redis_server: str, prefix: str
) -> None:
    cache = RedisCache(redis_server, key_pattern=f"{prefix}:*")
    key = version_key_prefix(prefix) + "product:mug"
    client = redis.Redis.from_url(redis_server)
    client.set(key, 5)
    mgets = counting_mget(cache)
    assert cache.get_ints([key]) == [5]
    for _ in range(50):
        assert cache.get_ints([key]) == [5]
        assert cache.peek_ints([key]) == [5]
    assert mgets[0] == 1
    client.incr(key)  # another process changes it: the very next read sees it
    assert cache.get_ints([key]) == [6]
    assert mgets[0] == 2


def test_changes_made_by_another_worker_are_seen_by_the_next_read(
    redis_server: str, prefix: str
) -> None:
    reader = RedisCache(redis_server, key_pattern=f"{prefix}:*")
    writer = RedisCache(redis_server, key_pattern=f"{prefix}:*")
    key = version_key_prefix(prefix) + "structure"
    writer.incr_many([key], 1)
    for n in range(2, 300):
        assert reader.get_ints([key]) == [n - 1]
        writer.incr_many([key], 1)
        assert reader.get_ints([key]) == [n]


def test_a_missing_or_expiring_version_is_not_served_from_memory(
    redis_server: str, prefix: str
) -> None:
    cache = RedisCache(redis_server, key_pattern=f"{prefix}:*")
    gone, short = (version_key_prefix(prefix) + ns for ns in ("product:gone", "product:short"))
    assert cache.get_ints([gone]) == [None]
    assert cache.peek_ints([gone]) is None  # made-up keys are never kept
    client = redis.Redis.from_url(redis_server)
    client.set(short, 3, px=300)
    assert cache.get_ints([short]) == [3]
    assert cache.peek_ints([short]) == [3]  # in the copy
    while client.exists(short):  # expired on access, if Redis's own sweep has not come by
        time.sleep(0.01)
    assert cache.get_ints([short]) == [None]  # Redis reported the expiry


def test_a_lost_listening_connection_leaves_nothing_stale(redis_server: str, prefix: str) -> None:
    cache = RedisCache(redis_server, key_pattern=f"{prefix}:*")
    key = version_key_prefix(prefix) + "cat:1"
    client = redis.Redis.from_url(redis_server)
    client.set(key, 1)
    assert cache.get_ints([key]) == [1]
    mirror: Any = cache._mirror
    host, port = mirror._connection._sock.getsockname()[:2]
    client.client_kill(f"{host}:{port}")
    client.incr(key)  # unheard: the connection is gone
    assert cache.get_ints([key]) == [2]
    assert cache.peek_ints([key]) is None  # it reconnects after a pause, not at once


def test_memory_only_reads_make_no_round_trip_once_warm(redis_server: str, prefix: str) -> None:
    cache = RedisCache(redis_server, key_pattern=f"{prefix}:*")
    versioned = VersionedCache(cache, ttl_seconds=60, prefix=prefix, local=InProcessCache())
    assert versioned.read_through("page", ["structure", "product:mug"], lambda: "mug") == "mug"
    versioned.read_through("page", ["structure", "product:mug"], lambda: "unused")
    mgets = counting_mget(cache)
    with versioned.memory_only():
        assert versioned.read_through("page", ["structure", "product:mug"], list) == "mug"
    assert mgets[0] == 0


def test_with_redis_down_nothing_is_answered_from_memory() -> None:
    down = RedisCache("redis://127.0.0.1:1/0", timeout=0.2)
    assert down.peek_ints(["boutique:v2:ver:structure"]) is None
    with pytest.raises(CacheUnavailable):
        down.get_ints(["boutique:v2:ver:structure"])


def test_the_copy_is_trusted_only_while_redis_answers_its_pings(
    redis_server: str, prefix: str
) -> None:
    """A connection that died without a word would hear no change: the copy is not used
    after two seconds without an answer from Redis, and a ping left unanswered for a
    second drops the connection (reads go to Redis)."""
    cache = RedisCache(redis_server, key_pattern=f"{prefix}:*")
    key = version_key_prefix(prefix) + "structure"
    redis.Redis.from_url(redis_server).set(key, 4)
    assert cache.get_ints([key]) == [4]
    mirror: Any = cache._mirror
    mirror._pinged_at = mirror._ponged_at = time.monotonic() - 5  # as after a silence
    assert cache.peek_ints([key]) is None  # not trusted; a ping is on its way
    deadline = time.monotonic() + 2
    while cache.peek_ints([key]) is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert cache.peek_ints([key]) == [4]  # the answer came: trusted again
    # A pong that waited unread tells nothing of now: it counts from when its ping was sent.
    mirror._pinged_at = mirror._ponged_at = time.monotonic() - 5
    assert cache.peek_ints([key]) is None  # sends a ping...
    assert mirror._connection.can_read(timeout=2)  # ...whose answer is here, unread...
    mirror._pinged_at -= 2.2  # ...and was asked longer ago than the copy may go unchecked
    assert cache.peek_ints([key]) is None  # (reads that pong, and sends a new ping)
    assert mirror._connection is not None  # kept: its ping had an answer
    deadline = time.monotonic() + 2
    while mirror._ponged_at < mirror._pinged_at and time.monotonic() < deadline:
        cache.peek_ints([key])  # reads the new ping's pong: none is in flight now
        time.sleep(0.01)
    mirror._ponged_at, mirror._pinged_at = time.monotonic() - 5, time.monotonic() - 3
    mgets = counting_mget(cache)  # a ping unanswered for 3 s: the connection is given up
    assert cache.get_ints([key]) == [4]
    assert (mgets[0], mirror._connection, cache.peek_ints([key])) == (1, None, None)


def test_a_flush_empties_the_copy(redis_server: str, prefix: str) -> None:
    """Redis reports a flush of any database (the copy's own included) as one message
    without keys; another database is flushed here, so that this one's keys stay."""
    cache = RedisCache(redis_server, key_pattern=f"{prefix}:*")
    key = version_key_prefix(prefix) + "structure"
    redis.Redis.from_url(redis_server).set(key, 9)
    assert cache.get_ints([key]) == [9]
    assert cache.peek_ints([key]) == [9]
    other = redis_server.rsplit("/", 1)[0] + "/11"
    redis.Redis.from_url(other).flushdb()
    # The flush reaches the copy as a message: on a loaded machine it may take a moment.
    deadline = time.monotonic() + 2
    while cache.peek_ints([key]) is not None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert cache.peek_ints([key]) is None
