"""The outbox relay: committed events, oldest first, from the outbox table to the stream.

At least once: a relay that dies after sending and before marking sends again on its next
round, and consumers dedupe on the outbox id. While the stream is unreachable nothing is
marked, so events wait in the outbox and go when it returns. An in-process stream (no
Redis) dies with its process: a new relay sends the last hour's events again, so what was
relayed but not yet handled (or waiting on a retry) before a restart is handled after it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from models.types import utc_now
from storefront.services.bus.ports import Outbox, Stream

BATCH = 500
RELAY_AGAIN_AFTER_RESTART = timedelta(hours=1)  # far beyond the retries' backoff


class Relay:
    def __init__(
        self, outbox: Outbox, stream: Stream, groups: Sequence[str], batch: int = BATCH
    ) -> None:
        self._outbox = outbox
        self._stream = stream
        self._groups = groups
        self._batch = batch
        self._groups_ready = False

    def relay_once(self) -> int:
        """Relay one batch; returns how many events went (0: the outbox is drained)."""
        if not self._groups_ready:
            # Every group exists before its first message: the stream is trimmed only of
            # what every group has handled, so none can miss one.
            for group in self._groups:
                self._stream.ensure_group(group)
            if not self._stream.durable:
                self._outbox.relay_again(utc_now() - RELAY_AGAIN_AFTER_RESTART)
            self._groups_ready = True
        return self._outbox.relay_batch(self._batch, self._stream.append)

    def drain(self) -> int:
        """Relay until the outbox is empty."""
        total = 0
        while sent := self.relay_once():
            total += sent
        return total
