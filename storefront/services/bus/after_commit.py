"""The committing process's own handlers, run right after its commit.

The outbox carries every event to every consumer; this only lets the process that made a
change read its own write at once (its cache invalidated before it answers), then wakes its
relay. Handlers must be idempotent: the same event comes back through the bus.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping, Sequence

from models.events import Event

log = logging.getLogger(__name__)
Handler = Callable[[Event], object]


class MessageBus:
    def __init__(
        self,
        handlers: Mapping[type, Sequence[Handler]],
        on_published: Callable[[], None] | None = None,
    ) -> None:
        self._handlers = handlers
        self._on_published = on_published

    def publish(self, events: Iterable[Event]) -> None:
        """Run every handler of every event; one failing handler does not stop the others."""
        for event in events:
            for handler in self._handlers.get(type(event), ()):
                try:
                    handler(event)
                except Exception:
                    log.exception("handler %r failed for %r", handler, event)
        if self._on_published is not None:
            self._on_published()
