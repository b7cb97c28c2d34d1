"""The outbox relay: committed events, oldest first, from the outbox table to the stream.

At least once: a relay that dies after sending and before marking sends again on its next
round, and consumers dedupe on the outbox id. While the stream is unreachable nothing is
marked, so events wait in the outbox and go when it returns.
"""

from __future__ import annotations

from storefront.services.bus.ports import Outbox, Stream

BATCH = 500


class Relay:
    def __init__(self, outbox: Outbox, stream: Stream, batch: int = BATCH) -> None:
        self._outbox = outbox
        self._stream = stream
        self._batch = batch

    def relay_once(self) -> int:
        """Relay one batch; returns how many events went (0: the outbox is drained)."""
        return self._outbox.relay_batch(self._batch, self._stream.append)

    def drain(self) -> int:
        """Relay until the outbox is empty."""
        total = 0
        while sent := self.relay_once():
            total += sent
        return total
