"""The bus inside one process (no REDIS_URL): the Stream port over lists, with the same
consumer-group semantics as Redis Streams (pending entries, claims, delivery counts).
Messages every group has handled are trimmed by `trim`, as on Redis."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from storefront.services.bus.ports import (
    LISTENERS_BEHIND_SECONDS,
    RECOVERING,
    Delivery,
    GroupStats,
    OutboxEntry,
    Pending,
)


@dataclass
class _Held:
    consumer: str
    since: float  # time.monotonic() of the last delivery
    deliveries: int


@dataclass
class _Group:
    last_delivered: int = 0  # sequence number of the last message delivered to the group
    pending: dict[str, _Held] = field(default_factory=dict)
    dead: list[tuple[Delivery, str]] = field(default_factory=list)
    takeovers: dict[str, int] = field(default_factory=dict)


class InProcessStream:
    durable = False  # its messages die with the process: the relay sends recent ones again

    def __init__(self) -> None:
        self._entries: list[tuple[int, OutboxEntry]] = []
        self._for_group: dict[int, str] = {}  # dead letters put back for one group
        self._first = 0  # how many messages were trimmed: self._entries[0] is number first+1
        self._sequence = 0
        self._groups: dict[str, _Group] = {}
        self._changed = threading.Condition()
        self._epoch: str | None = None
        self._alive: dict[str, float] = {}  # consumer: until when (time.monotonic())

    def epoch(self) -> str | None:
        return self._epoch

    def begin_recovery(self) -> bool:
        with self._changed:
            if self._epoch is not None:
                return False
            self._epoch = RECOVERING
            return True

    def abandon_recovery(self) -> None:
        with self._changed:
            if self._epoch == RECOVERING:
                self._epoch = None

    def start_epoch(self) -> str:
        with self._changed:
            self._epoch = uuid.uuid4().hex
            return self._epoch

    def mark_alive(self, consumer: str, ttl_ms: int) -> None:
        with self._changed:
            self._alive[consumer] = time.monotonic() + ttl_ms / 1000

    def alive(self, consumers: Sequence[str]) -> set[str]:
        with self._changed:
            now = time.monotonic()
            return {c for c in consumers if self._alive.get(c, 0.0) > now}

    def append(self, entries: Sequence[OutboxEntry]) -> None:
        with self._changed:
            for entry in entries:
                self._sequence += 1
                self._entries.append((self._sequence, entry))
            self._changed.notify_all()

    def trim(self) -> int:
        with self._changed:
            if not self._groups:
                return 0
            needed = min(
                min([_seq(sid) - 1 for sid in group.pending], default=group.last_delivered)
                for group in self._groups.values()
            )
            # Listeners have no group: the last minutes are kept for one that lags behind.
            cutoff = time.time() - LISTENERS_BEHIND_SECONDS
            recent = next(
                (i for i, (_s, e) in enumerate(self._entries) if e.created_at > cutoff),
                len(self._entries),
            )
            needed = min(needed, self._first + recent)
            gone = max(needed - self._first, 0)
            del self._entries[:gone]
            self._first += gone
            if gone and self._for_group:
                self._for_group = {s: g for s, g in self._for_group.items() if s > self._first}
            return gone

    def ensure_group(self, group: str) -> None:
        with self._changed:
            self._groups.setdefault(group, _Group(last_delivered=self._first))

    def read_new(self, group: str, consumer: str, count: int, block_ms: int) -> list[Delivery]:
        with self._changed:
            state = self._groups[group]
            if block_ms and self._index_after(state.last_delivered) >= len(self._entries):
                self._changed.wait(block_ms / 1000)
            start = self._index_after(state.last_delivered)
            taken = self._entries[start : start + count]
            if taken:
                state.last_delivered = taken[-1][0]
            now = time.monotonic()
            for sequence, _entry in taken:
                state.pending[_sid(sequence)] = _Held(consumer, now, 1)
            return [self._delivery(sequence, entry, 1) for sequence, entry in taken]

    def pending(self, group: str, count: int) -> list[Pending]:
        with self._changed:
            now = time.monotonic()
            items = sorted(self._groups[group].pending.items(), key=lambda kv: _seq(kv[0]))
            return [
                Pending(sid, held.consumer, int((now - held.since) * 1000), held.deliveries)
                for sid, held in items[:count]
            ]

    def claim(
        self, group: str, consumer: str, pending: Sequence[Pending], min_idle_ms: int
    ) -> list[Delivery]:
        with self._changed:
            state = self._groups[group]
            now = time.monotonic()
            claimed: list[Delivery] = []
            for item in pending:
                held = state.pending.get(item.stream_id)
                if held is None or (now - held.since) * 1000 < min_idle_ms:
                    continue
                state.pending[item.stream_id] = _Held(consumer, now, held.deliveries + 1)
                entry = self._entry(_seq(item.stream_id))
                if entry is not None:
                    claimed.append(self._delivery(_seq(item.stream_id), entry, held.deliveries + 1))
            return claimed

    def count_takeover(self, group: str, stream_id: str) -> int:
        with self._changed:
            takeovers = self._groups[group].takeovers
            takeovers[stream_id] = takeovers.get(stream_id, 0) + 1
            return takeovers[stream_id]

    def ack(self, group: str, stream_ids: Sequence[str]) -> None:
        with self._changed:
            state = self._groups[group]
            for sid in stream_ids:
                state.pending.pop(sid, None)
                state.takeovers.pop(sid, None)

    def dead_letter(self, group: str, delivery: Delivery, reason: str) -> None:
        with self._changed:
            state = self._groups[group]
            state.dead.append((delivery, reason))
            state.pending.pop(delivery.stream_id, None)
            state.takeovers.pop(delivery.stream_id, None)

    def requeue_dead(self, group: str) -> int:
        with self._changed:
            dead = self._groups[group].dead if group in self._groups else []
            entries = [
                OutboxEntry(int(d.message_id), d.event_type, d.payload, d.created_at)
                for d, _reason in dead
            ]
            dead.clear()
            self.append(entries)
            for sequence in range(self._sequence - len(entries) + 1, self._sequence + 1):
                self._for_group[sequence] = group
        return len(entries)

    def forget_gone_consumers(self, group: str, idle_ms: int) -> int:
        return 0  # one process: its consumers are its own, none left behind

    def drop_dead(self, group: str, message_ids: Sequence[str]) -> list[tuple[Delivery, str]]:
        wanted = set(message_ids)
        with self._changed:
            dead = self._groups[group].dead if group in self._groups else []
            dropped = [(d, reason) for d, reason in dead if d.message_id in wanted]
            dead[:] = [(d, reason) for d, reason in dead if d.message_id not in wanted]
        return dropped

    def dead_letters(self, group: str) -> list[tuple[Delivery, str]]:
        with self._changed:
            return list(self._groups[group].dead)

    def last_id(self) -> str:
        with self._changed:
            return _sid(self._sequence)

    def tail(self, after: str, count: int, block_ms: int) -> list[Delivery]:
        position = _seq(after)
        with self._changed:
            if block_ms and position >= self._sequence:
                self._changed.wait(block_ms / 1000)
            start = self._index_after(position)
            return [_delivery(s, e, 1) for s, e in self._entries[start : start + count]]

    def stats(self, group: str) -> GroupStats:
        with self._changed:
            state = self._groups.get(group)
            if state is None:
                return GroupStats(len(self._entries), len(self._entries), 0, 0)
            lag = len(self._entries) - self._index_after(state.last_delivered)
            return GroupStats(len(self._entries), lag, len(state.pending), len(state.dead))

    def _index_after(self, sequence: int) -> int:
        """Index in self._entries of the first message after `sequence`."""
        return max(sequence - self._first, 0)

    def _delivery(self, sequence: int, entry: OutboxEntry, deliveries: int) -> Delivery:
        return replace(
            _delivery(sequence, entry, deliveries), for_group=self._for_group.get(sequence, "")
        )

    def _entry(self, sequence: int) -> OutboxEntry | None:
        index = sequence - 1 - self._first
        if 0 <= index < len(self._entries):
            return self._entries[index][1]
        return None


def _sid(sequence: int) -> str:
    return f"{sequence}-0"


def _seq(stream_id: str) -> int:
    return int(stream_id.split("-", 1)[0])


def _delivery(sequence: int, entry: OutboxEntry, deliveries: int) -> Delivery:
    return Delivery(
        _sid(sequence),
        str(entry.id),
        entry.event_type,
        entry.payload,
        deliveries,
        entry.created_at,
    )
