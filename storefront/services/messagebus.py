"""Hands committed domain events to their handlers, in process.

Handlers must be idempotent: the same event may later arrive again through the outbox relay.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping, Sequence

from models.events import Event

log = logging.getLogger(__name__)
Handler = Callable[[Event], None]


class MessageBus:
    def __init__(self, handlers: Mapping[type, Sequence[Handler]]) -> None:
        self._handlers = handlers

    def publish(self, events: Iterable[Event]) -> None:
        """Run every handler of every event; one failing handler does not stop the others."""
        for event in events:
            for handler in self._handlers.get(type(event), ()):
                try:
                    handler(event)
                except Exception:
                    log.exception("handler %r failed for %r", handler, event)
