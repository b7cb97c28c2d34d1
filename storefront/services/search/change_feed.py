"""Which products changed since we last looked, robust to slow commits.

A transaction stamps `updated_at` before it commits, so a change can become visible with a
time older than one already seen. Each poll therefore looks back a margin and skips the
(product, time) pairs it has already handed out.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from storefront.services.search.ports import SearchStore

LOOK_BACK = timedelta(seconds=60)


class ChangeFeed:
    def __init__(self, store: SearchStore) -> None:
        self._store = store
        self._newest: datetime | None = None
        self._seen: dict[int, datetime] = {}

    def start(self) -> None:
        """Everything up to now counts as seen (the index is about to be built from it)."""
        self._remember(self._store.changed_since(None))

    def poll(self) -> list[int]:
        """Products changed since the last poll (or start)."""
        since = None if self._newest is None else self._newest - LOOK_BACK
        rows = self._store.changed_since(since)
        fresh = [pid for pid, at in rows if self._seen.get(pid) != at]
        self._remember(rows)
        return fresh

    def _remember(self, rows: list[tuple[int, datetime]]) -> None:
        for pid, at in rows:
            self._seen[pid] = at
            if self._newest is None or at > self._newest:
                self._newest = at
        if self._newest is not None:
            horizon = self._newest - 2 * LOOK_BACK
            self._seen = {pid: at for pid, at in self._seen.items() if at >= horizon}
