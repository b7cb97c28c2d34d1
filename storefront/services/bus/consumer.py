"""Consumers of the event stream.

A `GroupConsumer` belongs to a consumer group: each message is handled by one consumer of
the group, acknowledged once handled, retried with backoff when a handler fails, taken over
when its consumer died, and moved to the group's dead-letter stream after `max_attempts`
(failures the policy calls outages, a database or Redis out of reach, are not attempts: the
message waits the outage out). A message that kills its consumer's process raises nothing
to count: messages taken over from a consumer are handled one at a time, and a takeover from
a consumer whose process has stopped (no heartbeat) is counted; a message taken over so
more than `max_takeovers` times is dead-lettered unhandled, so it cannot take every worker
down in turn for ever. The processed-message log makes redeliveries no-ops, so
at-least-once delivery gives exactly-once effects where a handler's own effect is idempotent
or recorded with it. (Listeners, which see every message without a group: listener.py.)
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field

from models.events import EVENT_TYPES, Event
from storefront.services.bus.codec import UndecodableMessage, decode
from storefront.services.bus.ports import Delivery, Pending, ProcessedLog, Stream

log = logging.getLogger(__name__)
# A group's handlers take a batch of events of their type (one transaction for a batch).
BatchHandler = Callable[[Sequence[Event]], object]
GroupHandlers = Mapping[type, Sequence[BatchHandler]]
MAX_LAGS_KEPT = 10_000  # lag samples kept between two looks
# While a group's handlers run: "<group>:<message ids>" (a batch names its first few and
# counts the rest), for the log lines they write (storefront/logs.py).
HANDLING: ContextVar[str] = ContextVar("bus_handling", default="")
IDS_NAMED = 5


def _never(_exc: BaseException) -> bool:
    return False


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    max_attempts: int = 5
    first_backoff_ms: int = 1_000
    max_backoff_ms: int = 60_000
    # A message held this long by its consumer is taken over (the consumer died); longer
    # than any handler runs.
    claim_idle_ms: int = 30_000
    # Taken over more than this many times from consumers whose process had stopped, a
    # message goes to the dead-letter stream unhandled: it may be what stops them (memory
    # exhausted, a crash in C).
    max_takeovers: int = 2
    # Whether a failure is an outage (the database or Redis unreachable) rather than this
    # message's fault: such failures are retried, every backoff_ms at most, for as long
    # as the outage lasts, and never dead-letter a message (a failover may take minutes).
    outage: Callable[[BaseException], bool] = _never

    def backoff_ms(self, deliveries: int) -> int:
        """How long a message that failed `deliveries` times waits before its next try:
        always less than the claim delay, so that no other consumer takes a failed message
        over (and counts a takeover) while its own consumer is alive and waiting to retry."""
        longest = min(self.max_backoff_ms, self.claim_idle_ms // 2)
        return min(self.first_backoff_ms << max(deliveries - 1, 0), longest)

    @property
    def heartbeat_ms(self) -> int:
        """How long a process's heartbeat lasts (it beats four times as often): gone well
        before its messages could be taken over."""
        return max(min(10_000, self.claim_idle_ms // 2), 20)


class Heartbeat:
    """Says that a consumer's process is alive (`beat` in a thread of its own, every
    `every_s`), so that a takeover from a live but slow consumer is not counted."""

    def __init__(self, stream: Stream, name: str, policy: RetryPolicy) -> None:
        self._stream = stream
        self._name = name
        self._ttl_ms = policy.heartbeat_ms
        self.every_s = self._ttl_ms / 4000

    def beat(self) -> None:
        self._stream.mark_alive(self._name, self._ttl_ms)


@dataclass
class GroupCounters:
    """What a consumer did since the last `take` (for /metrics): handled, failed and
    dead-lettered messages, those taken over from a consumer that stopped holding them, and
    the delivery lag of each handled one (commit to handled)."""

    handled: int = 0
    failed: int = 0
    dead_lettered: int = 0
    taken_over: int = 0
    lags: list[float] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def count(
        self,
        *,
        handled: int = 0,
        failed: int = 0,
        dead: int = 0,
        taken_over: int = 0,
        lags: Sequence[float] = (),
    ) -> None:
        with self._lock:
            self.handled += handled
            self.failed += failed
            self.dead_lettered += dead
            self.taken_over += taken_over
            if len(self.lags) < MAX_LAGS_KEPT:
                self.lags.extend(lags)

    def take(self) -> tuple[int, int, int, int, list[float]]:
        with self._lock:
            taken = (self.handled, self.failed, self.dead_lettered, self.taken_over, self.lags)
            self.handled = self.failed = self.dead_lettered = self.taken_over = 0
            self.lags = []
            return taken


class GroupConsumer:
    def __init__(
        self,
        group: str,
        handlers: GroupHandlers,
        stream: Stream,
        processed: ProcessedLog,
        *,
        name: str,
        policy: RetryPolicy | None = None,
        batch: int = 250,
    ) -> None:
        self.group = group
        self.name = name
        self._handlers = handlers
        # Known types this group has no handler for are acknowledged without a record.
        self._ignored = set(EVENT_TYPES) - {cls.__name__ for cls in handlers}
        self._stream = stream
        self._processed = processed
        self._policy = policy or RetryPolicy()
        self._batch = batch
        self._ready = False
        # Messages that failed in this process: retried after a backoff, not the claim delay.
        self._failed: set[str] = set()
        # Of their deliveries, how many failed for an outage: those are not attempts.
        self._outages: dict[str, int] = {}
        self.counters = GroupCounters()

    def run_once(self, block_ms: int = 1_000) -> int:
        """Retry what is due, then handle new messages; returns how many were handled."""
        if not self._ready:
            self._stream.ensure_group(self.group)
            self._ready = True
        pending = self._stream.pending(self.group, self._batch)
        handled = self._handle(self._retries(pending))
        handled += self._take_over(pending)
        fresh = self._stream.read_new(
            self.group, self.name, self._batch, 0 if handled else block_ms
        )
        return handled + self._handle(fresh)

    def _retries(self, pending: Sequence[Pending]) -> list[Delivery]:
        """This consumer's failed messages whose backoff has passed, claimed again."""
        policy = self._policy
        if len(pending) < self._batch:  # the whole list: forget failures handled elsewhere
            self._failed &= {p.stream_id for p in pending if p.consumer == self.name}
            self._outages = {i: n for i, n in self._outages.items() if i in self._failed}
        retries = [
            p
            for p in pending
            if p.stream_id in self._failed
            and p.consumer == self.name
            and p.idle_ms >= policy.backoff_ms(p.deliveries)
        ]
        if not retries:
            return []
        shortest = min(policy.backoff_ms(p.deliveries) for p in retries)
        return self._stream.claim(self.group, self.name, retries, shortest)

    def _take_over(self, pending: Sequence[Pending]) -> int:
        """Messages some consumer has held longer than the claim delay (it died, or is stuck),
        each claimed and handled alone: if handling one is what stops processes, it takes
        no other message down with it, and only it is counted. Redis checks the idle time
        atomically: of two consumers claiming a message, one gets it. Returns how many
        were handled."""
        policy = self._policy
        abandoned = [
            p
            for p in pending
            if p.stream_id not in self._failed and p.idle_ms >= policy.claim_idle_ms
        ]
        handled = 0
        for item in abandoned:
            taken = self._stream.claim(self.group, self.name, [item], policy.claim_idle_ms)
            if not taken:
                continue  # another consumer was first
            [delivery] = taken
            # Said: an operator learns a consumer died or got stuck holding messages (QA).
            log.warning(
                "bus %s: took over message %s from consumer %s, idle %.0f s",
                self.group,
                delivery.stream_id,
                item.consumer,
                item.idle_ms / 1000,
            )
            self.counters.count(taken_over=1)
            if item.consumer not in self._stream.alive([item.consumer]):
                takeovers = self._stream.count_takeover(self.group, delivery.stream_id)
                if takeovers > policy.max_takeovers:
                    self._dead_letter(
                        delivery, f"its consumers stopped while holding it {takeovers} times"
                    )
                    continue
            handled += self._handle(taken)
        return handled

    def _handle(self, deliveries: Sequence[Delivery]) -> int:
        if not deliveries:
            return 0
        try:
            return self._handle_batch(deliveries)
        except Exception as exc:
            # The processed log or the stream failed around the handlers (an outage, most
            # likely): this consumer retries the batch after its backoff, so no other
            # consumer takes it over (and counts a takeover) while this one is alive.
            outage = self._policy.outage(exc)
            for delivery in deliveries:
                self._failed.add(delivery.stream_id)
                if outage:
                    self._count_outage(delivery.stream_id)
            self.counters.count(failed=len(deliveries))
            raise

    def _handle_batch(self, deliveries: Sequence[Delivery]) -> int:
        wanted = [d.message_id for d in deliveries if d.event_type not in self._ignored]
        seen = self._processed.seen(self.group, wanted) if wanted else set()
        done: list[Delivery] = []  # acknowledged without running anything
        todo: list[Delivery] = []
        copies: list[Delivery] = []  # a relay duplicate within this batch
        for delivery in deliveries:
            if (
                delivery.message_id in seen
                or delivery.event_type in self._ignored
                or delivery.for_group not in ("", self.group)
            ):
                done.append(delivery)
            elif any(d.message_id == delivery.message_id for d in todo):
                copies.append(delivery)
            else:
                todo.append(delivery)
        handled = self._run(todo)
        ids = {d.message_id for d in handled}
        if ids:
            self._processed.record(self.group, sorted(ids))
        finished = [*done, *handled, *(d for d in copies if d.message_id in ids)]
        if finished:
            self._stream.ack(self.group, [d.stream_id for d in finished])
        for delivery in finished:
            self._forget(delivery.stream_id)
        now = time.time()
        self.counters.count(
            handled=len(handled), lags=[now - d.created_at for d in handled if d.created_at]
        )
        return len(finished)

    def _run(self, deliveries: Sequence[Delivery]) -> list[Delivery]:
        """Handle the batch in one go (a handler may write it in one transaction); when
        that fails, one by one, so that only the bad message is retried."""
        decoded: list[tuple[Delivery, Event]] = []
        for delivery in deliveries:
            try:
                decoded.append((delivery, decode(delivery.event_type, delivery.payload)))
            except UndecodableMessage as exc:
                self._failed_once(delivery, exc)
        if not decoded:
            return []
        try:
            self._apply([event for _, event in decoded], [d.message_id for d, _ in decoded])
            return [delivery for delivery, _ in decoded]
        except Exception as exc:  # any handler failure: isolate it, retry, dead-letter
            if len(decoded) == 1:
                self._failed_once(decoded[0][0], exc)
                return []
        handled = []
        for delivery, event in decoded:
            try:
                self._apply([event], [delivery.message_id])
                handled.append(delivery)
            except Exception as exc:
                self._failed_once(delivery, exc)
        return handled

    def _apply(self, events: Sequence[Event], message_ids: Sequence[str]) -> None:
        by_type: dict[type, list[Event]] = {}
        for event in events:
            by_type.setdefault(type(event), []).append(event)
        named = ",".join(message_ids[:IDS_NAMED])
        more = len(message_ids) - IDS_NAMED
        token = HANDLING.set(f"{self.group}:{named}" + (f"+{more}" if more > 0 else ""))
        try:
            for kind, batch in by_type.items():
                for handler in self._handlers.get(kind, ()):
                    handler(batch)
        finally:
            HANDLING.reset(token)

    def _forget(self, stream_id: str) -> None:
        self._failed.discard(stream_id)
        self._outages.pop(stream_id, None)

    def _count_outage(self, stream_id: str) -> None:
        """One more failed delivery of this message that was an outage (not an attempt)."""
        self._outages[stream_id] = self._outages.get(stream_id, 0) + 1

    def _dead_letter(self, delivery: Delivery, reason: str) -> None:
        log.error(
            "%s: message %s dead-lettered after %d deliveries: %s",
            self.group,
            delivery.message_id,
            delivery.deliveries,
            reason,
        )
        self._stream.dead_letter(self.group, delivery, reason)
        self._forget(delivery.stream_id)
        self.counters.count(dead=1)

    def _failed_once(self, delivery: Delivery, exc: Exception) -> None:
        outage = self._policy.outage(exc)
        if outage:
            self._count_outage(delivery.stream_id)
        attempts = delivery.deliveries - self._outages.get(delivery.stream_id, 0)
        if attempts >= self._policy.max_attempts and not outage:
            self._dead_letter(delivery, f"{type(exc).__name__}: {exc}")
        else:
            log.warning(
                "%s: message %s failed (attempt %d%s), will retry: %s",
                self.group,
                delivery.message_id,
                delivery.deliveries,
                ", an outage: not counted" if outage else "",
                exc,
            )
            self._failed.add(delivery.stream_id)
            self.counters.count(failed=1)
