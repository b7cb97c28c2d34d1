"""Read-through caching with namespaced, versioned keys.

Every cached value names the namespaces it depends on ("cat:12", "product:red-mug"). A
change bumps those namespaces' version numbers, so every dependent key changes at once and
stale entries simply age out. A version key that disappears (eviction, cache restart) is
re-created with a fresh time-based number, never a number used before, so old entries can
never come back to life. When the cache is down, reads go to the loader (the database).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from storefront.services.ports import Cache, CacheUnavailable

T = TypeVar("T")
KEY_PREFIX = "boutique:v1"


@dataclass
class CacheStats:
    """Counters for /metrics and the benchmarks. Guarded by a lock: workers are threads."""

    hits: int = 0
    misses: int = 0
    errors: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def count(self, *, hit: int = 0, miss: int = 0, error: int = 0) -> None:
        """Add to the counters (a bool counts as one)."""
        with self._lock:
            self.hits += hit
            self.misses += miss
            self.errors += error

    @property
    def hit_ratio(self) -> float:
        total = self.hits + self.misses
        return self.hits / total if total else 0.0

    def snapshot(self) -> dict[str, int]:
        return {"hits": self.hits, "misses": self.misses, "errors": self.errors}


class VersionedCache:
    """The only way services touch the cache.

    With a shared (Redis) cache, `local` is a small per-process cache in front of it: a key
    carries its versions, so what is stored under it never changes and a local copy is never
    stale. A warm read then costs one round trip (the versions) and no unpickling.
    """

    def __init__(
        self,
        cache: Cache,
        *,
        ttl_seconds: int,
        prefix: str = KEY_PREFIX,
        local: Cache | None = None,
    ) -> None:
        self._cache = cache
        self._local = local
        self._ttl = ttl_seconds
        self._prefix = prefix
        self._missed_invalidation = False
        self.stats = CacheStats()

    def read_through(
        self,
        key: str,
        depends_on: Sequence[str],
        load: Callable[[], T],
        *,
        local_only: bool = False,
    ) -> T:
        """The cached value of `key`, or `load()` stored under the current versions.

        `local_only` keeps big values that are cheap to rebuild (facet tables) out of the
        shared cache: each process keeps its own copy.
        """
        try:
            self._heal()
            full_key = f"{self._prefix}:{key}|{self._tag(depends_on)}"
            boxed = self._lookup(full_key, shared=not local_only)
        except CacheUnavailable:
            self.stats.count(miss=True, error=True)
            return load()
        if boxed is not None:
            self.stats.count(hit=True)
            value: T = boxed[0]
            return value
        self.stats.count(miss=True)
        value = load()
        # Boxed, so that a cached None (an unknown product) is told from a miss.
        if self._local is not None:
            self._local.set(full_key, (value,), self._ttl)
        if self._local is None or not local_only:
            try:
                self._cache.set(full_key, (value,), self._ttl)
            except CacheUnavailable:
                self.stats.count(error=True)
        return value

    def read_through_many(
        self,
        keys: Sequence[str],
        depends_on: Sequence[str],
        load: Callable[[list[str]], Mapping[str, T]],
    ) -> dict[str, T | None]:
        """The values of many keys sharing their namespaces, in one round trip for the
        versions and one for the values; `load(missing keys)` returns what exists of them
        (a key it leaves out is cached as None)."""
        wanted = list(dict.fromkeys(keys))
        if not wanted:
            return {}
        try:
            self._heal()
            tag = self._tag(depends_on)
            full = {key: f"{self._prefix}:{key}|{tag}" for key in wanted}
            found = self._lookup_many(list(full.values()))
        except CacheUnavailable:
            self.stats.count(miss=True, error=True)
            loaded = load(wanted)
            return {key: loaded.get(key) for key in wanted}
        values: dict[str, T | None] = {}
        missing = []
        for key in wanted:
            boxed = found.get(full[key])
            if boxed is None:
                missing.append(key)
            else:
                values[key] = boxed[0]
        self.stats.count(hit=len(wanted) - len(missing), miss=len(missing))
        if missing:
            loaded = load(missing)
            for key in missing:
                values[key] = loaded.get(key)
                boxed_value = (values[key],)
                if self._local is not None:
                    self._local.set(full[key], boxed_value, self._ttl)
                try:
                    self._cache.set(full[key], boxed_value, self._ttl)
                except CacheUnavailable:
                    self.stats.count(error=True)
                    break
        return values

    def _lookup_many(self, full_keys: list[str]) -> dict[str, tuple[Any]]:
        found: dict[str, tuple[Any]] = {}
        if self._local is not None:
            for key, boxed in zip(full_keys, self._local.get_many(full_keys), strict=True):
                if boxed is not None:
                    found[key] = boxed
        rest = [key for key in full_keys if key not in found]
        if rest:
            for key, boxed in zip(rest, self._cache.get_many(rest), strict=True):
                if boxed is not None:
                    found[key] = boxed
                    if self._local is not None:
                        self._local.set(key, boxed, self._ttl)
        return found

    def _lookup(self, full_key: str, *, shared: bool) -> tuple[Any] | None:
        if self._local is not None:
            [boxed] = self._local.get_many([full_key])
            if boxed is not None or not shared:
                return boxed  # type: ignore[no-any-return]
        [boxed] = self._cache.get_many([full_key])
        if boxed is not None and self._local is not None:
            self._local.set(full_key, boxed, self._ttl)
        return boxed  # type: ignore[no-any-return]

    def clear(self) -> None:
        """Drop every cached value, shared and local (operators, tests, benchmarks)."""
        if self._local is not None:
            self._local.clear()
        self._cache.clear()

    def invalidate(self, namespaces: Iterable[str]) -> None:
        """Bump the versions: everything depending on these namespaces is now a miss."""
        keys = [self._version_key(namespace) for namespace in sorted(set(namespaces))]
        try:
            self._cache.incr_many(keys, time.time_ns())
        except CacheUnavailable:
            # While the cache is down nothing stale is served; when it returns, its
            # entries may predate this change, so it is emptied before the next read.
            self.stats.count(error=True)
            self._missed_invalidation = True

    def _heal(self) -> None:
        """After an invalidation the cache missed (it was down), empty it before reading."""
        if self._missed_invalidation:
            self._cache.clear()
            self._missed_invalidation = False

    def _tag(self, depends_on: Sequence[str]) -> str:
        """The current versions of the namespaces, as they end a key: 'cat:1=7,products=9'."""
        versions = self._versions(depends_on)
        return ",".join(f"{ns}={v}" for ns, v in zip(depends_on, versions, strict=True))

    def _versions(self, namespaces: Sequence[str]) -> list[int]:
        keys = [self._version_key(ns) for ns in namespaces]
        return [
            version if version is not None else self._cache.init_int(key, time.time_ns())
            for key, version in zip(keys, self._cache.get_ints(keys), strict=True)
        ]

    def _version_key(self, namespace: str) -> str:
        return f"{self._prefix}:ver:{namespace}"
