"""Read-through caching with namespaced, versioned keys.

Every cached value names the namespaces it depends on ("cat:12", "product:red-mug"). A
change bumps those namespaces' version numbers, so every dependent key changes at once and
stale entries simply age out. A version key that disappears (eviction, cache restart) is
re-created, when a value is next stored under it, with a fresh time-based number, never a
number used before, so old entries can never come back to life. Keys come from URLs, so
only values worth sharing (a real product, a listing the shop links to) may create versions
or go to the shared cache; the rest stay in each process's bounded cache. When the cache is
down, reads go to the loader (the database).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from storefront.services.cache_stats import CacheStats, uncounted
from storefront.services.ports import Cache, CacheUnavailable

T = TypeVar("T")
# Bumped when a cached value's shape changes (v2: ProductCard.price_varies), so a process
# never reads a value pickled by an older one.
KEY_PREFIX = "boutique:v2"


def version_key_prefix(prefix: str) -> str:
    """Where the versions of a cache using `prefix` live."""
    return f"{prefix}:ver:"


class NotInMemory(Exception):
    """Under `memory_only`, the value needs a round trip or a load."""


# Under `memory_only`: the hits counted once the whole read has been answered from memory
# (a read that then needs a thread counts them there).
_MEMORY_ONLY: ContextVar[list[int] | None] = ContextVar("cache_memory_only", default=None)


def _is_found(value: object) -> bool:
    return value is not None


class VersionedCache:
    """The only way services touch the cache.

    With a shared (Redis) cache, `local` is a per-process cache in front of it: a key carries
    its versions, so what is stored under it never changes and a local copy is never stale.
    A warm read then costs one round trip (the versions) and no unpickling, or none at all
    where the cache keeps the versions in this process too (`peek_ints`: see
    `memory_only`).
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
        # Namespaces changed while the cache was down: bumped again when it is back.
        self._missed: set[str] = set()
        self._missed_lock = threading.Lock()
        self._loading = threading.local()
        self.stats = CacheStats()

    def read_through(
        self,
        key: str,
        depends_on: Sequence[str],
        load: Callable[[], T],
        *,
        local_only: bool = False,
        shareable: Callable[[T], bool] = _is_found,
    ) -> T:
        """The cached value of `key`, or `load()` stored under the current versions.

        `local_only` keeps big values that are cheap to rebuild (facet tables) out of the
        shared cache: each process keeps its own copy. A value that is not `shareable`
        (by default: None, such as an unknown product) answers a key anyone can make up
        from a URL: it is kept only in this process's bounded cache and only under versions
        that already exist, so that made-up keys never grow the shared cache.
        Under `memory_only`, raises NotInMemory rather than ask anyone.
        """
        if (hits := _MEMORY_ONLY.get()) is not None:
            found: T = self._in_memory(key, depends_on)
            hits.append(1)
            return found
        try:
            self._heal()
            versions = self._versions(depends_on)
            boxed = None
            if None not in versions:  # else nothing was stored under these versions
                full_key = self._full_key(key, depends_on, versions)
                boxed = self._lookup(full_key, shared=not local_only)
        except CacheUnavailable:
            self.stats.count(miss=True, error=True)
            return load()
        if boxed is not None:
            self.stats.count(hit=True)
            value: T = boxed[0]
            return value
        self.stats.count(miss=True)
        value, fresh = self._load(load)
        self._store({key: value}, shareable, depends_on, versions, fresh, local_only=local_only)
        return value

    @contextmanager
    def memory_only(self) -> Iterator[None]:
        """Reads in this block answer from this process's memory (its copy of the versions
        and its local values) or raise NotInMemory: no round trip, no load. For a caller
        that can skip a thread hop when a warm read is all it needs."""
        hits: list[int] = []
        token = _MEMORY_ONLY.set(hits)
        try:
            yield
        finally:
            _MEMORY_ONLY.reset(token)
        self.stats.count(hit=len(hits))

    @contextmanager
    def uncounted(self) -> Iterator[None]:
        """Reads in this block leave the hit and miss counters alone (errors still count):
        a warm-up's reads are not shoppers' and would make the hit ratio say less."""
        with uncounted():
            yield

    def _in_memory(self, key: str, depends_on: Sequence[str]) -> Any:
        if self._missed:
            raise NotInMemory(key)
        versions = self._cache.peek_ints([self._version_key(ns) for ns in depends_on])
        if versions is None or None in versions:
            raise NotInMemory(key)
        # Without a local cache, the cache is this process's own (the embedded shop).
        memory = self._local if self._local is not None else self._cache
        [boxed] = memory.get_many([self._full_key(key, depends_on, versions)])
        if boxed is None:
            raise NotInMemory(key)
        return boxed[0]

    def read_through_many(
        self,
        keys: Sequence[str],
        depends_on: Sequence[str],
        load: Callable[[list[str]], Mapping[str, T]],
    ) -> dict[str, T | None]:
        """The values of many keys sharing their namespaces, in one round trip for the
        versions and one for the values; `load(missing keys)` returns what exists of them
        (a key it leaves out is None, remembered only by this process, as in
        `read_through`)."""
        wanted = list(dict.fromkeys(keys))
        if not wanted:
            return {}
        if _MEMORY_ONLY.get() is not None:
            raise NotInMemory(wanted[0])
        try:
            self._heal()
            versions = self._versions(depends_on)
            full: dict[str, str] = {}
            found: dict[str, tuple[Any]] = {}
            if None not in versions:
                full = {key: self._full_key(key, depends_on, versions) for key in wanted}
                found = self._lookup_many(list(full.values()))
        except CacheUnavailable:
            self.stats.count(miss=True, error=True)
            loaded = load(wanted)
            return {key: loaded.get(key) for key in wanted}
        values: dict[str, T | None] = {}
        missing = []
        for key in wanted:
            boxed = found.get(full[key]) if key in full else None
            if boxed is None:
                missing.append(key)
            else:
                values[key] = boxed[0]
        self.stats.count(hit=len(wanted) - len(missing), miss=len(missing))
        if missing:
            loaded, fresh = self._load(lambda: load(missing))
            fetched = {key: loaded.get(key) for key in missing}
            values.update(fetched)
            self._store(fetched, _is_found, depends_on, versions, fresh, local_only=False)
        return values

    def _load(self, load: Callable[[], T]) -> tuple[T, int]:
        """`load()`, and the number a version missing before it may be created at: when the
        outermost load running in this thread began. Reads nested in it (a listing reads
        its facet table) create versions at that same number, so it knows them as its own."""
        outer: int | None = getattr(self._loading, "began", None)
        began = time.time_ns() if outer is None else outer
        self._loading.began = began
        try:
            return load(), began
        finally:
            self._loading.began = outer

    def _store(
        self,
        values: Mapping[str, T],
        shareable: Callable[[T], bool],
        depends_on: Sequence[str],
        versions: Sequence[int | None],
        fresh: int,
        *,
        local_only: bool,
    ) -> None:
        """Keep freshly loaded values under the versions they were loaded at: shareable
        ones in the shared cache too (unless `local_only`), the others in this process's
        cache only. Boxed, so that a cached None is told from a miss."""
        shared = {key for key, value in values.items() if shareable(value)}
        try:
            settled = self._settled(depends_on, versions, fresh, create=bool(shared))
            if settled is None:
                return
            for key, value in values.items():
                full_key = self._full_key(key, depends_on, settled)
                if self._local is not None:
                    self._local.set(full_key, (value,), self._ttl)
                # Without a local cache, the cache is this process's own (the embedded shop).
                if self._local is None or (key in shared and not local_only):
                    self._cache.set(full_key, (value,), self._ttl)
        except CacheUnavailable:
            self.stats.count(error=True)

    def _settled(
        self, depends_on: Sequence[str], versions: Sequence[int | None], fresh: int, *, create: bool
    ) -> list[int] | None:
        """The versions to store under; None when there are none to store under.

        A version missing before the load counts if a read nested in the load created it
        (at `fresh`, see _load); otherwise it is created, at `fresh`, only for a shareable
        value, so that a made-up key never adds one. One created by anything else may come
        from a change made while the value was loading: then nothing is stored.
        """
        settled: list[int] = []
        for namespace, version in zip(depends_on, versions, strict=True):
            if version is not None:
                settled.append(version)
                continue
            key = self._version_key(namespace)
            [now] = self._cache.get_ints([key])
            if now is None and create:
                now = self._cache.init_int(key, fresh)
            if now != fresh:
                return None
            settled.append(fresh)
        return settled

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
        names = sorted(set(namespaces))
        try:
            self._bump(names)
        except CacheUnavailable:
            # While the cache is down nothing stale is served; when it returns, its
            # entries may predate this change, so these versions are bumped before the
            # next read.
            self.stats.count(error=True)
            with self._missed_lock:
                self._missed.update(names)

    def _bump(self, namespaces: Sequence[str]) -> None:
        keys = [self._version_key(namespace) for namespace in namespaces]
        self._cache.incr_many(keys, time.time_ns())

    def _heal(self) -> None:
        """After invalidations the cache missed (it was down), bump those versions before
        reading: one round trip, while the other readers wait for it (reading before it
        ends could find an entry the missed change made stale)."""
        if not self._missed:
            return
        with self._missed_lock:
            if self._missed:
                self._bump(sorted(self._missed))  # CacheUnavailable: still missed
                self._missed.clear()

    def _full_key(self, key: str, depends_on: Sequence[str], versions: Sequence[int | None]) -> str:
        """The key under its namespaces' versions: '...:listing:1:-|cat:1=7,structure=9'."""
        tag = ",".join(f"{ns}={v}" for ns, v in zip(depends_on, versions, strict=True))
        return f"{self._prefix}:{key}|{tag}"

    def _versions(self, namespaces: Sequence[str]) -> list[int | None]:
        """The namespaces' current versions, None for one that is gone (never created
        here: see _settled)."""
        return self._cache.get_ints([self._version_key(ns) for ns in namespaces])

    def _version_key(self, namespace: str) -> str:
        return version_key_prefix(self._prefix) + namespace
