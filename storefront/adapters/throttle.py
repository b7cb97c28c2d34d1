"""Two implementations of the Throttle port: in this process (the embedded shop) and in Redis
(every web process counts together).

Windows are fixed: the window of `now` is `now // window_seconds`, in the key's name in
Redis, so a counter lives one window at most and a new window starts from nothing.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

import redis

log = logging.getLogger(__name__)
T = TypeVar("T")

KEY_PREFIX = "boutique:throttle"

# Count one unless the limit is reached; the counter goes with its window. (The TTL is also
# set on a counter found without one, so that no counter can outlive its window for good.)
_HIT = """
local count = tonumber(redis.call('get', KEYS[1]) or '0')
if count >= tonumber(ARGV[1]) then
  return 0
end
redis.call('incr', KEYS[1])
if redis.call('ttl', KEYS[1]) < 0 then
  redis.call('expire', KEYS[1], ARGV[2])
end
return 1
"""

# Take one back, never below nothing (a window ended in between: nothing to take back).
_FORGIVE = """
if tonumber(redis.call('get', KEYS[1]) or '0') > 0 then
  redis.call('decr', KEYS[1])
end
"""


def window_of(now: datetime, window_seconds: int) -> int:
    return int(now.timestamp()) // window_seconds


class InProcessThrottle:
    """Counters in a bounded LRU shared by the threads of one process: beyond `max_keys`
    clients the least recently seen are forgotten (it then counts them from nothing)."""

    def __init__(self, max_keys: int = 100_000) -> None:
        self._max = max_keys
        self._counts: OrderedDict[str, tuple[int, int]] = OrderedDict()  # key -> window, count
        self._lock = threading.Lock()

    def hit(self, key: str, limit: int, window_seconds: int, now: datetime) -> bool:
        window = window_of(now, window_seconds)
        with self._lock:
            counted, count = self._counts.get(key, (window, 0))
            if counted != window:
                count = 0
            if count >= limit:
                return False
            self._counts[key] = (window, count + 1)
            self._counts.move_to_end(key)
            while len(self._counts) > self._max:
                self._counts.popitem(last=False)
            return True

    def forgive(self, key: str, window_seconds: int, now: datetime) -> None:
        window = window_of(now, window_seconds)
        with self._lock:
            counted, count = self._counts.get(key, (window, 0))
            if counted == window and count > 0:
                self._counts[key] = (window, count - 1)

    def __len__(self) -> int:
        return len(self._counts)


class RedisThrottle:
    """Counters in Redis, one key per client and window, gone when the window ends. When
    Redis fails, every attempt is let through (a warning at most every `warn_every`
    seconds) and Redis is left alone for `retry_after` seconds, so that an outage costs
    shoppers no waiting."""

    def __init__(
        self,
        url: str,
        *,
        prefix: str = KEY_PREFIX,
        timeout: float = 0.5,
        retry_after: float = 2.0,
        warn_every: float = 60.0,
    ) -> None:
        self._client = redis.Redis.from_url(
            url, socket_timeout=timeout, socket_connect_timeout=timeout, health_check_interval=30
        )
        self._prefix = prefix
        self._hit = self._client.register_script(_HIT)
        self._forgive = self._client.register_script(_FORGIVE)
        self._retry_after = retry_after
        self._warn_every = warn_every
        self._down_until = 0.0
        self._warned_at: float | None = None

    def hit(self, key: str, limit: int, window_seconds: int, now: datetime) -> bool:
        name = self.key(key, window_seconds, now)
        counted = self._call(lambda: self._hit(keys=[name], args=[limit, window_seconds]))
        return counted is None or bool(counted)

    def forgive(self, key: str, window_seconds: int, now: datetime) -> None:
        name = self.key(key, window_seconds, now)
        self._call(lambda: self._forgive(keys=[name]))

    def key(self, key: str, window_seconds: int, now: datetime) -> str:
        """The Redis key counting `key`'s attempts in the window of `now`."""
        return f"{self._prefix}:{key}:{window_of(now, window_seconds)}"

    def _call(self, operation: Callable[[], T]) -> T | None:
        """The operation's answer, or None (let the attempt through) when Redis fails."""
        if time.monotonic() < self._down_until:
            return None
        try:
            return operation()
        except redis.RedisError as exc:
            now = time.monotonic()
            self._down_until = now + self._retry_after
            if self._warned_at is None or now - self._warned_at >= self._warn_every:
                self._warned_at = now
                log.warning("throttle: Redis failed, attempts are not limited meanwhile: %s", exc)
            return None
