"""A `Listener` sees every message from the moment it starts, without a consumer group: it
keeps per-process derived state (search index, live pages, cache versions) in step, best
effort. The stream keeps handled messages a few minutes for listeners that lag behind."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

from storefront.services.bus.after_commit import Handler
from storefront.services.bus.codec import UndecodableMessage, decode
from storefront.services.bus.ports import Stream

log = logging.getLogger(__name__)
# A listener's handlers take one event at a time.
Handlers = Mapping[type, Sequence[Handler]]


class Listener:
    def __init__(self, handlers: Handlers, stream: Stream, batch: int = 200) -> None:
        self._handlers = handlers
        self._stream = stream
        self._batch = batch
        self._after: str | None = None

    def run_once(self, block_ms: int = 1_000) -> int:
        if self._after is None:
            self._after = self._stream.last_id()
        deliveries = self._stream.tail(self._after, self._batch, block_ms)
        for delivery in deliveries:
            self._after = delivery.stream_id
            try:
                event = decode(delivery.event_type, delivery.payload)
            except UndecodableMessage:
                log.exception("listener: message %s unreadable", delivery.message_id)
                continue
            for handler in self._handlers.get(type(event), ()):
                try:  # each on its own: one failing must not keep the others from hearing
                    handler(event)
                except Exception:  # derived state: the next change or periodic check heals it
                    log.exception("listener: message %s failed", delivery.message_id)
        return len(deliveries)
