"""The Redis throttle against a real Redis: counts shared by every process, counters gone with
their window, and every attempt let through when Redis is unreachable."""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
import redis

from storefront.adapters.throttle import RedisThrottle
from storefront.bootstrap import Shop
from storefront.services.accounts.errors import AccountError
from storefront.services.throttle import FAILED_SIGN_INS, Limit
from tests.ports import free_port

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
LIMIT = Limit("test", 3, 60)


def test_attempts_beyond_the_limit_are_refused_and_given_back_ones_count_again(
    redis_server: str, prefix: str
) -> None:
    throttle = RedisThrottle(redis_server, prefix=prefix)
    assert [LIMIT.take(throttle, "192.0.2.1", NOW) for _ in range(5)] == [
        True,
        True,
        True,
        False,
        False,
    ]
    assert LIMIT.take(throttle, "192.0.2.2", NOW) is True  # another client
    LIMIT.give_back(throttle, "192.0.2.1", NOW)
    assert LIMIT.take(throttle, "192.0.2.1", NOW) is True
    assert LIMIT.take(throttle, "192.0.2.1", NOW) is False
    # The next window starts from nothing.
    assert LIMIT.take(throttle, "192.0.2.1", NOW + timedelta(seconds=60)) is True
    # Refused attempts were not counted: the counter stays at the limit.
    client = redis.Redis.from_url(redis_server)
    key = throttle.key("test:192.0.2.1", 60, NOW)
    assert key.startswith(f"{prefix}:test:192.0.2.1:")
    assert int(client.get(key) or 0) == 3


def test_counters_go_with_their_window(redis_server: str, prefix: str) -> None:
    throttle = RedisThrottle(redis_server, prefix=prefix)
    client = redis.Redis.from_url(redis_server)
    brief = Limit("brief", 2, 1)
    assert brief.take(throttle, "192.0.2.1", NOW)
    assert brief.take(throttle, "192.0.2.1", NOW)
    assert brief.take(throttle, "192.0.2.1", NOW) is False
    key = throttle.key("brief:192.0.2.1", 1, NOW)
    assert 0 < client.pttl(key) <= 1000
    long = Limit("long", 2, 15 * 60)
    long.take(throttle, "192.0.2.1", NOW)
    assert 0 < client.ttl(throttle.key("long:192.0.2.1", 15 * 60, NOW)) <= 15 * 60
    deadline = time.monotonic() + 5
    while client.exists(key) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not client.exists(key)  # gone from Redis: nothing is kept for good
    # The same window's counter starts again from nothing once Redis dropped it.
    assert brief.take(throttle, "192.0.2.1", NOW) is True
    # Giving back an attempt whose counter is gone leaves nothing behind.
    client.delete(key)
    brief.give_back(throttle, "192.0.2.1", NOW)
    assert not client.exists(key)


def test_attempts_made_at_once_from_many_processes_never_get_past_the_limit(
    redis_server: str, prefix: str
) -> None:
    throttles = [RedisThrottle(redis_server, prefix=prefix) for _ in range(4)]
    allowed: list[bool] = []
    start = threading.Barrier(60)

    def attempt(throttle: RedisThrottle) -> None:
        start.wait()
        allowed.append(FAILED_SIGN_INS.take(throttle, "192.0.2.1", NOW))

    threads = [threading.Thread(target=attempt, args=(throttles[n % 4],)) for n in range(60)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert allowed.count(True) == FAILED_SIGN_INS.attempts


def test_an_unreachable_redis_lets_every_attempt_through_and_warns_once_in_a_while(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Losing the cache/bus Redis must never stop shoppers: the limits are lifted meanwhile,
    and the log says so without a line per attempt."""
    throttle = RedisThrottle(f"redis://127.0.0.1:{free_port()}/0", retry_after=60)
    pool = throttle._client.connection_pool
    connecting = pool.get_connection
    tries: list[object] = []

    def get_connection(*args: object, **kwargs: object) -> object:
        tries.append(args)
        return connecting(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pool, "get_connection", get_connection)
    with caplog.at_level(logging.WARNING, logger="storefront.adapters.throttle"):
        assert all(LIMIT.take(throttle, "192.0.2.1", NOW) for _ in range(20))
        LIMIT.give_back(throttle, "192.0.2.1", NOW)
    # Redis is left alone after the first failure: the other attempts wait for nothing.
    assert len(tries) == 1
    warnings = [r for r in caplog.records if r.name == "storefront.adapters.throttle"]
    assert len(warnings) == 1
    assert "not limited" in warnings[0].getMessage()


def test_a_down_redis_is_tried_again_and_warned_about_again_later(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # A second apart: the five failed connections of a loaded machine took more than the
    # 0.2 s this test gave them, and warned twice within it (CI).
    throttle = RedisThrottle(f"redis://127.0.0.1:{free_port()}/0", retry_after=0.0, warn_every=1.0)
    with caplog.at_level(logging.WARNING, logger="storefront.adapters.throttle"):
        for _ in range(5):
            assert LIMIT.take(throttle, "192.0.2.1", NOW)
        time.sleep(1.05)
        assert LIMIT.take(throttle, "192.0.2.1", NOW)
    warnings = [r for r in caplog.records if r.name == "storefront.adapters.throttle"]
    assert len(warnings) == 2


def test_web_processes_on_one_redis_count_a_client_together(
    redis_server: str, sqlite_url: str, make_shop: Callable[..., Shop]
) -> None:
    """A script spreading its guesses over the shop's web processes gets no more of them."""
    first = make_shop(sqlite_url, cache_redis_url=redis_server)
    second = make_shop(sqlite_url, cache_redis_url=redis_server)
    assert first.accounts is not None
    assert second.accounts is not None
    client = f"test-{uuid.uuid4().hex[:12]}"
    now = datetime.now(UTC)
    try:
        # A third process took all but one of the client's failures already.
        elsewhere = RedisThrottle(redis_server)
        for _ in range(FAILED_SIGN_INS.attempts - 1):
            assert FAILED_SIGN_INS.take(elsewhere, client, now)
        with pytest.raises(AccountError, match="credentials"):
            first.accounts.sign_in("ann@example.com", "Summer2026!", now, client=client)
        with pytest.raises(AccountError, match="too_many"):
            second.accounts.sign_in("bob@example.com", "Summer2026!", now, client=client)
        with pytest.raises(AccountError, match="too_many"):
            first.accounts.sign_in("cat@example.com", "Summer2026!", now, client=client)
    finally:
        keys = redis.Redis.from_url(redis_server)
        for key in keys.scan_iter(match=f"boutique:throttle:*:{client}:*"):
            keys.delete(key)
