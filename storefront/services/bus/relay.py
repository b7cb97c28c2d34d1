"""The outbox relay: committed events, oldest first, from the outbox table to the stream.

At least once: a relay that dies after sending and before marking sends again on its next
round, and consumers dedupe on the outbox id. While the stream is unreachable nothing is
marked, so events wait in the outbox and go when it returns.

A stream can also lose what it held: the in-process stream dies with its process, and a
Redis restarted without its data (no append-only file) or flushed comes back empty. The
relay notices (the stream has no epoch: an id each life of the stream gets from the first
relay that sees it) and sends the last hour's events again, so what was relayed but not yet
handled (or waiting on a retry) is handled after it; consumers skip what they handled
already. Of several relays, one does it. A Redis that lost only its last writes (a failover
to a replica that had not caught up) still has its epoch: that loss is not noticed.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from datetime import timedelta

from models.types import utc_now
from storefront.services.bus.ports import Outbox, Stream

log = logging.getLogger(__name__)
BATCH = 500
RELAY_AGAIN_AFTER_LOSS = timedelta(hours=1)  # far beyond the retries' backoff
CHECK_EPOCH_SECONDS = 1.0


class Relay:
    def __init__(
        self,
        outbox: Outbox,
        stream: Stream,
        groups: Sequence[str],
        batch: int = BATCH,
        check_every: float = CHECK_EPOCH_SECONDS,
    ) -> None:
        self._outbox = outbox
        self._stream = stream
        self._groups = groups
        self._batch = batch
        self._check_every = check_every
        self._check_at = 0.0
        self._epoch: str | None = None

    def relay_once(self) -> int:
        """Relay one batch; returns how many events went (0: the outbox is drained)."""
        if time.monotonic() >= self._check_at:
            self._check_stream()
        return self._outbox.relay_batch(self._batch, self._stream.append)

    def drain(self) -> int:
        """Relay until the outbox is empty."""
        total = 0
        while sent := self.relay_once():
            total += sent
        return total

    def _check_stream(self) -> None:
        epoch = self._stream.epoch()
        if epoch is None or self._epoch is None:
            # Every group exists before its first message: the stream is trimmed only of
            # what every group has handled, so none can miss one.
            for group in self._groups:
                self._stream.ensure_group(group)
        if epoch is None and self._stream.begin_recovery():
            try:
                again = self._outbox.relay_again(utc_now() - RELAY_AGAIN_AFTER_LOSS)
            except Exception:  # the database: the next round (or another relay) tries again
                self._stream.abandon_recovery()
                raise
            if self._stream.durable and again:
                log.warning(
                    "bus: the stream has no epoch (its Redis came back empty, or is new to "
                    "this version): %d events of the last hour sent again",
                    again,
                )
            epoch = self._stream.start_epoch()
        self._epoch = epoch or self._stream.epoch()
        self._check_at = time.monotonic() + self._check_every
