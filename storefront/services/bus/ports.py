"""What the bus needs from the outside: the outbox table, a stream, a processed-message log."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True, slots=True)
class OutboxEntry:
    id: int
    event_type: str
    payload: str
    created_at: float = 0.0  # epoch seconds of the commit, for measuring delivery lag


@dataclass(frozen=True, slots=True)
class Delivery:
    """One message as a consumer receives it. `message_id` is the outbox id: the same for a
    redelivery and for a duplicate the relay sent twice, so it is what handlers dedupe on."""

    stream_id: str
    message_id: str
    event_type: str
    payload: str
    deliveries: int = 1
    created_at: float = 0.0
    # A dead letter put back for one group (bus-requeue): the other groups pass it by (those
    # that had dead-lettered it too would only do so again, a second copy each).
    for_group: str = ""


@dataclass(frozen=True, slots=True)
class Pending:
    """A message delivered to a consumer of the group and not acknowledged yet."""

    stream_id: str
    consumer: str
    idle_ms: int
    deliveries: int


@dataclass(frozen=True, slots=True)
class GroupStats:
    length: int  # messages in the stream
    lag: int  # messages not yet delivered to the group
    pending: int  # delivered, not acknowledged
    dead: int  # messages in the group's dead-letter stream


# Handled messages a stream keeps this long for listeners, whom no group records: a web
# process handles them one by one (or waits a few seconds after an error) and may lag.
LISTENERS_BEHIND_SECONDS = 300
# The placeholder epoch of a relay sending recent events again (Stream.begin_recovery).
RECOVERING = "recovering"


class BusUnavailable(Exception):
    """The bus cannot be reached now (retryable: nothing was lost)."""


class Outbox(Protocol):
    def relay_batch(self, limit: int, send: Callable[[Sequence[OutboxEntry]], None]) -> int:
        """Hand up to `limit` unrelayed entries, oldest first, to `send` and mark them relayed
        only if it returns; returns how many went."""
        ...

    def relay_again(self, since: datetime) -> int:
        """Entries relayed since `since` count as not relayed (a stream lost them);
        returns how many."""
        ...

    def backlog(self) -> int:
        """Entries not relayed yet."""
        ...

    def prune(self, relayed_before: datetime) -> int:
        """Delete entries relayed before this time; returns how many."""
        ...


class Stream(Protocol):
    # Whether messages outlive this process (Redis); the in-process stream's die with it.
    durable: bool

    def epoch(self) -> str | None:
        """The id of the stream's present life; None when it has none: new, or come back
        empty (a Redis that lost its data, an in-process stream in a new process)."""
        ...

    def begin_recovery(self) -> bool:
        """For a stream without an epoch: whether this relay is the one to send recent
        events again (the others see a placeholder epoch meanwhile, which expires if the
        winner dies before `start_epoch`)."""
        ...

    def abandon_recovery(self) -> None:
        """This relay could not send them again: drop its placeholder, so that the next
        round (or another relay) does."""
        ...

    def start_epoch(self) -> str:
        """Give the stream a new epoch; returns it."""
        ...

    def append(self, entries: Sequence[OutboxEntry]) -> None: ...

    def ensure_group(self, group: str) -> None: ...

    def read_new(self, group: str, consumer: str, count: int, block_ms: int) -> list[Delivery]:
        """Messages never delivered to the group, now delivered to `consumer`."""
        ...

    def pending(self, group: str, count: int) -> list[Pending]:
        """The group's unacknowledged messages, oldest first, whoever holds them."""
        ...

    def claim(
        self, group: str, consumer: str, pending: Sequence[Pending], min_idle_ms: int
    ) -> list[Delivery]:
        """Take over messages idle at least `min_idle_ms` (of two claimers, one wins); each
        comes back with its delivery count, this one included."""
        ...

    def count_takeover(self, group: str, stream_id: str) -> int:
        """Count one more takeover of the message from a consumer whose process stopped;
        returns how many there have been (forgotten once it is acknowledged)."""
        ...

    def mark_alive(self, consumer: str, ttl_ms: int) -> None:
        """The consumer's process is alive for the next `ttl_ms`."""
        ...

    def alive(self, consumers: Sequence[str]) -> set[str]:
        """Those of these consumers whose process has marked itself alive lately."""
        ...

    def ack(self, group: str, stream_ids: Sequence[str]) -> None: ...

    def dead_letter(self, group: str, delivery: Delivery, reason: str) -> None:
        """Move the message to the group's dead-letter stream and acknowledge it."""
        ...

    def requeue_dead(self, group: str) -> int:
        """Put the group's dead letters back on the stream (once their cause is fixed);
        groups that handled them already skip them by their message id."""
        ...

    def forget_gone_consumers(self, group: str, idle_ms: int) -> int:
        """Remove from the group the consumers that hold no message, have read nothing for
        `idle_ms` and no longer beat (a name is new at each process start: the group would
        list every process that ever ran); how many."""
        ...

    def drop_dead(self, group: str, message_ids: Sequence[str]) -> list[tuple[Delivery, str]]:
        """Delete the group's dead letters of these message ids (outbox ids: one that can
        never be handled, read first); the dead letters deleted, with their reasons."""
        ...

    def last_id(self) -> str:
        """The position after which `tail` returns messages added from now on."""
        ...

    def tail(self, after: str, count: int, block_ms: int) -> list[Delivery]:
        """Every message after `after` (no group: each listener sees everything)."""
        ...

    def stats(self, group: str) -> GroupStats: ...

    def trim(self) -> int:
        """Drop the messages every group has handled (never one a group still needs) and
        that are a few minutes old (listeners, who have no group, may lag behind); returns
        how many went."""
        ...


class ProcessedLog(Protocol):
    def seen(self, consumer: str, message_ids: Sequence[str]) -> set[str]: ...

    def record(self, consumer: str, message_ids: Sequence[str]) -> None:
        """Remember these as handled (recording one twice is harmless)."""
        ...

    def prune(self, before: datetime, keep: Sequence[str] = ()) -> int:
        """Forget records older than this (far older than any redelivery), except those of
        the consumers in `keep`: records that guard a running total for good."""
        ...
