"""Which products changed since we last looked, robust to slow commits.

A transaction stamps `updated_at` before it commits, so a change can become visible with a
time older than one already seen. Each poll therefore looks back a margin and skips the
(product, time) pairs it has already handed out. A poll's products count as handed out only
once the caller commits it (after the index took them), so a failed refresh sees them again.
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
        self._polled: list[tuple[int, datetime]] = []

    def start(self) -> None:
        """Everything up to now counts as seen (the index is about to be built from it)."""
        self._polled = []
        self._remember(self._store.changed_since(None))

    def poll(self) -> list[int]:
        """Products changed since the last committed poll (or start)."""
        since = None if self._newest is None else self._newest - LOOK_BACK
        self._polled = self._store.changed_since(since)
        return [pid for pid, at in self._polled if self._seen.get(pid) != at]

    def commit(self) -> None:
        """The last poll's products are in the index: count them as seen."""
        self._remember(self._polled)
        self._polled = []

    def _remember(self, rows: list[tuple[int, datetime]]) -> None:
        for pid, at in rows:
            self._seen[pid] = at
            if self._newest is None or at > self._newest:
                self._newest = at
        if self._newest is not None:
            horizon = self._newest - 2 * LOOK_BACK
            self._seen = {pid: at for pid, at in self._seen.items() if at >= horizon}
