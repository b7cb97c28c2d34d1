"""Two implementations of the Cache port: in-process (embedded default) and Redis.

Both store whole Python values. Redis pickles them: it is our own trusted server, and the
values are our own frozen dataclasses. Version counters are plain integers; Redis drops
them VERSION_TTL_SECONDS after they were made or last changed, the in-process cache keeps
the most recent `max_entries` (a dropped one comes back as a fresh number: see the Cache
port).
"""

from __future__ import annotations

import pickle
import threading
import time
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

import redis

from storefront.adapters.version_mirror import VersionMirror
from storefront.services.ports import CacheUnavailable
from storefront.services.versioned_cache import KEY_PREFIX, version_key_prefix

VERSION_TTL_SECONDS = 7 * 24 * 3600

# Each key: add one, or when it is gone, start it at ARGV[1]; either way its expiry starts
# again (a namespace still changing keeps its version).
_BUMP = """
for _, key in ipairs(KEYS) do
  if redis.call('exists', key) == 1 then
    redis.call('incr', key)
    redis.call('expire', key, ARGV[2])
  else
    redis.call('set', key, ARGV[1], 'EX', ARGV[2])
  end
end
"""


class InProcessCache:
    """A bounded LRU with per-entry expiry, shared by the threads of one process."""

    def __init__(self, max_entries: int = 50_000) -> None:
        self._max = max_entries
        self._entries: OrderedDict[str, tuple[float, Any]] = OrderedDict()
        # Versions live apart from entries, in their own LRU: entries evicted never take a
        # version with them, and the versions of pages no longer asked for go in turn.
        self._ints: OrderedDict[str, int] = OrderedDict()
        self._lock = threading.Lock()

    def get_many(self, keys: Sequence[str]) -> list[Any | None]:
        now = time.monotonic()
        values: list[Any | None] = []
        with self._lock:
            for key in keys:
                entry = self._entries.get(key)
                if entry is None or entry[0] < now:
                    if entry is not None:
                        del self._entries[key]
                    values.append(None)
                    continue
                self._entries.move_to_end(key)
                values.append(entry[1])
        return values

    def set(self, key: str, value: Any, ttl_seconds: int) -> None:
        with self._lock:
            self._entries[key] = (time.monotonic() + ttl_seconds, value)
            self._entries.move_to_end(key)
            while len(self._entries) > self._max:
                self._entries.popitem(last=False)

    def peek_ints(self, keys: Sequence[str]) -> list[int | None] | None:
        return self.get_ints(keys)  # memory is all there is

    def get_ints(self, keys: Sequence[str]) -> list[int | None]:
        with self._lock:
            values = [self._ints.get(key) for key in keys]
            for key, value in zip(keys, values, strict=True):
                if value is not None:
                    self._ints.move_to_end(key)
            return values

    def init_int(self, key: str, value: int) -> int:
        with self._lock:
            self._set_int(key, self._ints.get(key, value))
            return self._ints[key]

    def incr_many(self, keys: Sequence[str], start: int) -> None:
        with self._lock:
            for key in keys:
                current = self._ints.get(key)
                self._set_int(key, start if current is None else current + 1)

    def _set_int(self, key: str, value: int) -> None:
        self._ints[key] = value
        self._ints.move_to_end(key)
        while len(self._ints) > self._max:
            self._ints.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._ints.clear()

    def __len__(self) -> int:
        return len(self._entries)


class RedisCache:
    """Redis behind the Cache port. Errors become CacheUnavailable; after one, Redis is
    skipped for `retry_after` seconds so that an outage costs requests nothing."""

    def __init__(
        self,
        url: str,
        *,
        key_pattern: str = f"{KEY_PREFIX}:*",
        retry_after: float = 2.0,
        timeout: float = 0.5,
        version_ttl: int = VERSION_TTL_SECONDS,
        mirror_versions: bool = True,
    ) -> None:
        self._key_pattern = key_pattern
        self._client = redis.Redis.from_url(
            url, socket_timeout=timeout, socket_connect_timeout=timeout, health_check_interval=30
        )
        self._retry_after = retry_after
        self._down_until = 0.0
        self._version_ttl = version_ttl
        self._bump = self._client.register_script(_BUMP)
        # Version keys are read on every page: this process keeps a copy Redis keeps true.
        versions = version_key_prefix(key_pattern.removesuffix(":*"))
        self._mirror = VersionMirror(url, versions, timeout=timeout) if mirror_versions else None

    def get_many(self, keys: Sequence[str]) -> list[Any | None]:
        raw = self._call(lambda: self._client.mget(keys))
        return [None if item is None else pickle.loads(item) for item in raw]

    def set(self, key: str, value: Any, ttl_seconds: int) -> None:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        self._call(lambda: self._client.set(key, data, ex=ttl_seconds))

    def get_ints(self, keys: Sequence[str]) -> list[int | None]:
        if self._mirror is None or time.monotonic() < self._down_until:
            return self._read_ints(keys)
        return self._mirror.get(keys, self._read_ints)

    def peek_ints(self, keys: Sequence[str]) -> list[int | None] | None:
        if self._mirror is None or time.monotonic() < self._down_until:
            return None
        return self._mirror.peek(keys)

    def _read_ints(self, keys: Sequence[str]) -> list[int | None]:
        raw = self._call(lambda: self._client.mget(keys))
        return [None if item is None else int(item) for item in raw]

    def init_int(self, key: str, value: int) -> int:
        try:
            self._call(lambda: self._client.set(key, value, nx=True, ex=self._version_ttl))
            current = self._call(lambda: self._client.get(key))
        finally:
            self._forget([key])
        return int(current) if current is not None else value

    def incr_many(self, keys: Sequence[str], start: int) -> None:
        if keys:
            try:
                self._call(lambda: self._bump(keys=list(keys), args=[start, self._version_ttl]))
            finally:
                self._forget(keys)

    def _forget(self, keys: Sequence[str] = ()) -> None:
        if self._mirror is not None:
            self._mirror.forget(keys)

    def clear(self) -> None:
        # Only the cache's own keys: the same Redis holds Reflex state and the bus (whose
        # stream, boutique:events, a wider pattern would take with all it holds).
        def drop() -> None:
            for key in self._client.scan_iter(match=self._key_pattern, count=1000):
                self._client.delete(key)

        try:
            self._call(drop)
        finally:
            self._forget()

    def _call(self, operation: Any) -> Any:
        if time.monotonic() < self._down_until:
            raise CacheUnavailable("redis cache marked down")
        try:
            return operation()
        except redis.RedisError as exc:
            # Out of reach, and also full (OOM) or a replica since a failover (READONLY):
            # whatever Redis refuses, readers go to the database and writers note the miss.
            self._down_until = time.monotonic() + self._retry_after
            self._forget()  # what it holds may have changed unheard
            if isinstance(exc, redis.exceptions.ReadOnlyError):
                self._client.connection_pool.disconnect()  # reconnect: to the new primary
            raise CacheUnavailable(str(exc)) from exc
