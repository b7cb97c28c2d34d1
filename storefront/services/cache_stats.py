"""The cache's hit, miss and error counters (for /metrics and the benchmarks), and reads that
are not a shopper's and leave the hits and misses alone."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

# Under `uncounted`: reads that are not a shopper's (a warm-up) leave hits and misses alone.
_UNCOUNTED: ContextVar[bool] = ContextVar("cache_uncounted", default=False)


@contextmanager
def uncounted() -> Iterator[None]:
    """Reads in this block leave the hit and miss counters alone (errors still count)."""
    token = _UNCOUNTED.set(True)
    try:
        yield
    finally:
        _UNCOUNTED.reset(token)


@dataclass
class CacheStats:
    """Counters for /metrics and the benchmarks. Guarded by a lock: workers are threads."""

    hits: int = 0
    misses: int = 0
    errors: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def count(self, *, hit: int = 0, miss: int = 0, error: int = 0) -> None:
        """Add to the counters (a bool counts as one); hits and misses not under `uncounted`."""
        if _UNCOUNTED.get():
            hit = miss = 0
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
