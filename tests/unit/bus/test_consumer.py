"""The bus's delivery rules, against the in-process stream (the embedded default) and an
in-memory outbox; tests/integration/test_bus.py runs them on Redis Streams."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime

import pytest

from models.events import CatalogRestructured, Event, OrderPaid, ProductChanged
from storefront.adapters import memory_stream
from storefront.adapters.memory_stream import InProcessStream
from storefront.services.bus.codec import decode, encode
from storefront.services.bus.consumer import GroupConsumer, Heartbeat, RetryPolicy
from storefront.services.bus.listener import Listener
from storefront.services.bus.ports import OutboxEntry
from storefront.services.bus.relay import Relay

FAST = RetryPolicy(max_attempts=3, first_backoff_ms=10, max_backoff_ms=40, claim_idle_ms=100)
# For "not taken over yet": no slow machine lets a minute pass between two lines.
PATIENT = replace(FAST, claim_idle_ms=60_000)


class MemoryOutbox:
    def __init__(self) -> None:
        self.entries: list[OutboxEntry] = []
        self.relayed: set[int] = set()

    def add(self, *events: Event) -> None:
        for event in events:
            self.entries.append(OutboxEntry(len(self.entries) + 1, *encode(event)))

    def relay_batch(self, limit: int, send: Callable[[Sequence[OutboxEntry]], None]) -> int:
        batch = [e for e in self.entries if e.id not in self.relayed][:limit]
        if batch:
            send(batch)
            self.relayed.update(e.id for e in batch)
        return len(batch)

    def relay_again(self, since: datetime) -> int:
        again, self.relayed = len(self.relayed), set()
        return again

    def backlog(self) -> int:
        return len(self.entries) - len(self.relayed)

    def prune(self, relayed_before: datetime) -> int:
        return 0


class MemoryProcessed:
    def __init__(self) -> None:
        self.records: set[tuple[str, str]] = set()

    def seen(self, consumer: str, message_ids: Sequence[str]) -> set[str]:
        return {m for m in message_ids if (consumer, m) in self.records}

    def record(self, consumer: str, message_ids: Sequence[str]) -> None:
        self.records.update((consumer, m) for m in message_ids)

    def prune(self, before: datetime, keep: Sequence[str] = ()) -> int:
        return 0


def changed(product_id: int) -> ProductChanged:
    return ProductChanged(product_id, (f"p-{product_id}",), (1,))


def drain(consumer: GroupConsumer, rounds: int = 50, pause: float = 0.0) -> None:
    for _ in range(rounds):
        consumer.run_once(block_ms=0)
        if pause:
            time.sleep(pause)


@pytest.fixture
def stream() -> InProcessStream:
    return InProcessStream()


def test_every_event_type_survives_the_round_trip_through_json() -> None:
    events: list[Event] = [
        changed(7),
        CatalogRestructured("import"),
        OrderPaid(3, "BQ-1", "EUR", 2590, ((7, 2, 2000), (9, 1, 590)), "2026-11-30"),
    ]
    assert [decode(*encode(event)) for event in events] == events


def test_an_event_from_another_version_decodes_with_what_this_one_knows() -> None:
    """During a rolling deploy: an older payload lacks a new field (its default), a newer
    one has a field this version does not know (left out)."""
    assert decode("CatalogRestructured", '{"reason":"import"}') == CatalogRestructured("import")
    newer = '{"reason":"import","product_ids":[4,5],"added_later":true}'
    assert decode("CatalogRestructured", newer) == CatalogRestructured("import", (4, 5))


def test_relayed_events_reach_the_group_once_and_are_acknowledged(
    stream: InProcessStream,
) -> None:
    outbox, processed, seen = MemoryOutbox(), MemoryProcessed(), []
    outbox.add(changed(1), changed(2), CatalogRestructured("x"))
    consumer = GroupConsumer(
        "cache", {ProductChanged: [seen.extend]}, stream, processed, name="a", policy=FAST
    )
    consumer.run_once(block_ms=0)  # creates the group before anything is relayed

    assert Relay(outbox, stream, []).drain() == 3
    drain(consumer)

    assert seen == [changed(1), changed(2)]
    assert outbox.backlog() == 0
    assert stream.stats("cache").pending == 0
    assert stream.stats("cache").lag == 0
    # The group has no handler for CatalogRestructured: acknowledged, nothing recorded.
    assert processed.records == {("cache", "1"), ("cache", "2")}


def test_a_message_relayed_twice_is_handled_once(stream: InProcessStream) -> None:
    outbox, seen = MemoryOutbox(), []
    outbox.add(changed(1))
    consumer = GroupConsumer(
        "cache", {ProductChanged: [seen.extend]}, stream, MemoryProcessed(), name="a"
    )
    consumer.run_once(block_ms=0)
    stream.append(outbox.entries)  # a relay died after sending, before marking
    stream.append(outbox.entries)
    drain(consumer)
    assert seen == [changed(1)]
    assert stream.stats("cache").pending == 0


def test_a_failing_message_is_retried_then_dead_lettered_without_blocking_others(
    stream: InProcessStream,
) -> None:
    attempts: list[int] = []
    handled: list[int] = []

    def handler(events: Sequence[Event]) -> None:
        for event in events:
            assert isinstance(event, ProductChanged)
            if event.product_id == 13:
                attempts.append(13)
                raise RuntimeError("poison")
        handled.extend(e.product_id for e in events if isinstance(e, ProductChanged))

    processed = MemoryProcessed()
    consumer = GroupConsumer(
        "cache", {ProductChanged: [handler]}, stream, processed, name="a", policy=FAST
    )
    consumer.run_once(block_ms=0)
    outbox = MemoryOutbox()
    outbox.add(changed(1), changed(13), changed(2))
    Relay(outbox, stream, []).drain()
    drain(consumer, rounds=40, pause=0.01)

    assert handled == [1, 2]  # the batch failed, then each went alone: only 13 failed
    assert attempts == [13, 13, 13, 13]  # in the batch, then alone up to max_attempts
    [(dead, reason)] = stream.dead_letters("cache")
    assert decode(dead.event_type, dead.payload) == changed(13)
    assert reason == "RuntimeError: poison"
    assert stream.stats("cache").pending == 0
    assert ("cache", dead.message_id) not in processed.records


def test_an_outage_outlasting_every_attempt_dead_letters_nothing(
    stream: InProcessStream,
) -> None:
    """A database failover longer than the retries: the message waits it out, then is
    handled once; a failure that is the message's own still dead-letters."""

    class Outage(Exception):
        pass

    down, handled = [True], []

    def handler(events: Sequence[Event]) -> None:
        if down[0]:
            raise Outage("connection refused")
        handled.extend(events)

    policy = replace(FAST, outage=lambda failure: isinstance(failure, Outage))
    consumer = GroupConsumer(
        "stats", {ProductChanged: [handler]}, stream, MemoryProcessed(), name="a", policy=policy
    )
    consumer.run_once(block_ms=0)
    stream.append([OutboxEntry(1, *encode(changed(1)))])
    drain(consumer, rounds=40, pause=0.01)  # far more than max_attempts deliveries
    assert (stream.dead_letters("stats"), handled) == ([], [])
    down[0] = False
    drain(consumer, rounds=10, pause=0.02)
    assert (stream.dead_letters("stats"), handled) == ([], [changed(1)])
    # After an outage, a message's own fault still gets all its attempts.
    stream.append([OutboxEntry(3, *encode(changed(3)))])
    down[0] = True
    drain(consumer, rounds=20, pause=0.01)
    flaky = [True, True]  # then two failures of its own: fewer than max_attempts (3)

    def own_fault(events: Sequence[Event]) -> None:
        if flaky:
            flaky.pop()
            raise RuntimeError("its own fault")
        handled.extend(events)

    consumer._handlers[ProductChanged] = [own_fault]  # type: ignore[attr-defined]
    down[0] = False
    drain(consumer, rounds=20, pause=0.02)
    assert (stream.dead_letters("stats"), handled[-1]) == ([], changed(3))
    stream.append([OutboxEntry(2, "NoSuchEvent", "{}")])
    drain(consumer, rounds=40, pause=0.01)
    assert len(stream.dead_letters("stats")) == 1


def test_an_unreadable_message_is_dead_lettered(stream: InProcessStream) -> None:
    consumer = GroupConsumer("cache", {}, stream, MemoryProcessed(), name="a", policy=FAST)
    consumer.run_once(block_ms=0)
    stream.append([OutboxEntry(1, "NoSuchEvent", "{}")])
    drain(consumer, rounds=40, pause=0.01)
    [(_dead, reason)] = stream.dead_letters("cache")
    assert "unknown event type" in reason


def test_messages_held_by_a_dead_consumer_are_taken_over(stream: InProcessStream) -> None:
    processed, seen = MemoryProcessed(), []
    dead = GroupConsumer("cache", {}, stream, processed, name="dead", policy=FAST)
    dead.run_once(block_ms=0)
    outbox = MemoryOutbox()
    outbox.add(changed(1), changed(2))
    Relay(outbox, stream, []).drain()
    # The first consumer reads both and dies before acknowledging them.
    assert len(stream.read_new("cache", "dead", 10, 0)) == 2

    handlers = {ProductChanged: [seen.extend]}
    patient = GroupConsumer("cache", handlers, stream, processed, name="alive", policy=PATIENT)
    patient.run_once(block_ms=0)
    assert seen == []  # not before claim_idle_ms: the holder might still be working
    alive = GroupConsumer("cache", handlers, stream, processed, name="alive", policy=FAST)
    time.sleep(FAST.claim_idle_ms / 1000 + 0.02)
    alive.run_once(block_ms=0)
    assert seen == [changed(1), changed(2)]
    assert stream.stats("cache").pending == 0


class ProcessDied(BaseException):
    """What a consumer's process does on a message that exhausts its memory or crashes the
    interpreter: nothing is caught, nothing acknowledged, the consumer is gone."""


def test_a_message_that_kills_its_consumers_is_dead_lettered_and_spares_the_others(
    stream: InProcessStream,
) -> None:
    processed, seen, deaths = MemoryProcessed(), [], []

    def handle(batch: Sequence[Event]) -> None:
        if changed(2) in batch:
            deaths.append(len(batch))
            raise ProcessDied
        seen.extend(batch)

    def consumer(name: str) -> GroupConsumer:
        return GroupConsumer(
            "cache", {ProductChanged: [handle]}, stream, processed, name=name, policy=FAST
        )

    consumer("first").run_once(block_ms=0)
    outbox = MemoryOutbox()
    outbox.add(changed(1), changed(2), changed(3))
    Relay(outbox, stream, []).drain()
    with pytest.raises(ProcessDied):
        consumer("first").run_once(block_ms=0)  # the three in one batch: all left pending
    for n in range(20):
        time.sleep(FAST.claim_idle_ms / 1000 + 0.02)
        try:
            for _ in range(3):
                consumer(f"next-{n}").run_once(block_ms=0)
        except ProcessDied:
            pass
        if stream.stats("cache").pending == 0:
            break
    # Dies with it twice more (taken over alone), then goes unhandled to the dead letters.
    assert deaths == [3, 1, 1]
    assert sorted(seen, key=lambda e: e.product_id) == [changed(1), changed(3)]
    [(dead, reason)] = stream.dead_letters("cache")
    assert decode(dead.event_type, dead.payload) == changed(2)
    assert "stopped while holding it 3 times" in reason
    assert stream.stats("cache").pending == 0


class Unreachable(ConnectionError):
    """The database behind the processed-message log, out of reach."""


class FlakyProcessed(MemoryProcessed):
    def __init__(self) -> None:
        super().__init__()
        self.down = False

    def seen(self, consumer: str, message_ids: Sequence[str]) -> set[str]:
        if self.down:
            raise Unreachable("database unreachable")
        return super().seen(consumer, message_ids)


def test_a_long_outage_around_the_handlers_dead_letters_nothing(stream: InProcessStream) -> None:
    """The processed-message log out of reach for many claim delays, with live consumers
    polling: they retry their own messages; none is taken over, counted or dead-lettered."""
    policy = replace(FAST, outage=lambda exc: isinstance(exc, Unreachable))
    processed, seen = FlakyProcessed(), []
    consumers = [
        GroupConsumer(
            "cache", {ProductChanged: [seen.extend]}, stream, processed, name=n, policy=policy
        )
        for n in ("a", "b")
    ]
    for consumer in consumers:
        consumer.run_once(block_ms=0)
    outbox = MemoryOutbox()
    outbox.add(changed(1), changed(2), changed(3))
    processed.down = True
    Relay(outbox, stream, []).drain()
    deadline = time.monotonic() + 8 * policy.claim_idle_ms / 1000
    while time.monotonic() < deadline:
        for consumer in consumers:
            with contextlib.suppress(Unreachable):  # raised when a message is due
                consumer.run_once(block_ms=0)
        time.sleep(0.01)
    processed.down = False
    for _ in range(40):
        for consumer in consumers:
            consumer.run_once(block_ms=0)
        if stream.stats("cache").pending == 0:
            break
        time.sleep(0.01)
    assert stream.dead_letters("cache") == []
    assert sorted(e.product_id for e in seen) == [1, 2, 3]


class Stuck(BaseException):
    """A handler that never returns, as far as the stream can tell: nothing acknowledged,
    while its process goes on beating."""


class StreamClock:
    """The in-process stream's monotonic clock, moved on by hand: idle times and heartbeats
    pass without sleeping."""

    def __init__(self) -> None:
        self.now = time.monotonic()

    def monotonic(self) -> float:
        return self.now

    def time(self) -> float:
        return time.time()

    def advance(self, seconds: float) -> None:
        self.now += seconds


def test_taking_over_from_a_live_but_slow_consumer_is_not_counted(
    stream: InProcessStream, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A consumer whose process still beats (stuck in a slow handler) loses its message to
    another after the claim delay, but that never counts towards dead-lettering it."""
    clock = StreamClock()
    monkeypatch.setattr(memory_stream, "time", clock)
    processed, seen, stuck = MemoryProcessed(), [], [True]

    def handle(batch: Sequence[Event]) -> None:
        if stuck[0]:
            raise Stuck
        seen.extend(batch)

    def consumer(name: str) -> GroupConsumer:
        return GroupConsumer(
            "cache", {ProductChanged: [handle]}, stream, processed, name=name, policy=FAST
        )

    consumer("c0").run_once(block_ms=0)
    outbox = MemoryOutbox()
    outbox.add(changed(1))
    Relay(outbox, stream, []).drain()
    with pytest.raises(Stuck):
        consumer("c0").run_once(block_ms=0)
    for n in range(FAST.max_takeovers + 3):
        # c<n> holds it, stuck, while its process beats; c<n+1> takes it over, stuck too.
        holder = Heartbeat(stream, f"c{n}", FAST)
        holder.beat()
        clock.advance(FAST.claim_idle_ms / 1000 + 0.02)
        holder.beat()
        with pytest.raises(Stuck):
            consumer(f"c{n + 1}").run_once(block_ms=0)
    stuck[0] = False
    clock.advance(FAST.claim_idle_ms / 1000 + 0.02)
    consumer("last").run_once(block_ms=0)
    assert (seen, stream.dead_letters("cache")) == ([changed(1)], [])


def test_a_listener_sees_every_event_from_when_it_started(stream: InProcessStream) -> None:
    stream.append([OutboxEntry(1, *encode(changed(1)))])
    seen: list[Event] = []
    listener = Listener({ProductChanged: [seen.append]}, stream)
    listener.run_once(block_ms=0)
    stream.append([OutboxEntry(2, *encode(changed(2))), OutboxEntry(3, *encode(changed(3)))])
    listener.run_once(block_ms=0)
    assert seen == [changed(2), changed(3)]


def test_a_listener_handler_that_fails_keeps_no_other_from_hearing(
    stream: InProcessStream,
) -> None:
    """The cache's invalidation failing must not keep the search index from its refresh."""

    def failing(_event: Event) -> None:
        raise RuntimeError("redis refused")

    seen: list[Event] = []
    listener = Listener({ProductChanged: [failing, seen.append]}, stream)
    listener.run_once(block_ms=0)
    stream.append([OutboxEntry(1, "NoSuchEvent", "{}"), OutboxEntry(2, *encode(changed(2)))])
    listener.run_once(block_ms=0)
    assert seen == [changed(2)]


def test_the_stream_keeps_what_a_group_has_not_handled(stream: InProcessStream) -> None:
    outbox, processed = MemoryOutbox(), MemoryProcessed()
    outbox.add(*(changed(n) for n in range(1, 6)))
    Relay(outbox, stream, ["fast", "slow"]).drain()
    fast = GroupConsumer("fast", {}, stream, processed, name="a")
    fast.run_once(block_ms=0)
    assert stream.trim() == 0  # "slow" has handled nothing yet
    [first, *_rest] = stream.read_new("slow", "b", 2, 0)  # two delivered, not acknowledged
    assert stream.trim() == 0
    stream.ack("slow", [first.stream_id])
    assert stream.trim() == 1  # only what both groups are done with
    assert len(stream.read_new("slow", "b", 10, 0)) == 3  # the rest is still there


def test_requeued_dead_letters_are_handled_once_fixed(stream: InProcessStream) -> None:
    broken, seen = [True], []

    def handler(events: Sequence[Event]) -> None:
        if broken[0]:
            raise RuntimeError("down")
        seen.extend(events)

    policy = RetryPolicy(max_attempts=1)
    consumer = GroupConsumer(
        "cache", {ProductChanged: [handler]}, stream, MemoryProcessed(), name="a", policy=policy
    )
    consumer.run_once(block_ms=0)
    stream.append([OutboxEntry(1, *encode(changed(1)))])
    consumer.run_once(block_ms=0)
    assert len(stream.dead_letters("cache")) == 1
    broken[0] = False
    assert stream.requeue_dead("cache") == 1
    drain(consumer)
    assert seen == [changed(1)]
    assert stream.dead_letters("cache") == []


def test_the_stream_keeps_recent_messages_for_listeners_that_lag(stream: InProcessStream) -> None:
    """Listeners (each web process tails the stream, without a group) are not counted by
    trimming: what every group has handled stays a few minutes for them."""
    now = time.time()
    stream.ensure_group("only")
    stream.append([OutboxEntry(1, *encode(changed(1)), now - 3600)])
    stream.append([OutboxEntry(2, *encode(changed(2)), now)])
    listener_at = stream.last_id()
    consumer = GroupConsumer("only", {}, stream, MemoryProcessed(), name="a")
    while consumer.run_once(block_ms=0):
        pass
    assert stream.trim() == 1  # the hour-old one
    assert stream.tail("0-0", 10, 0)[0].message_id == "2"
    assert listener_at == "2-0"


def test_a_relay_that_cannot_send_again_leaves_it_to_the_next_round(
    stream: InProcessStream,
) -> None:
    """The database refuses the first time: the stream must not stay "recovering" for the
    rest of the process's life, with the last hour never sent again."""

    class RefusingOnce(MemoryOutbox):
        refused = False

        def relay_again(self, since: datetime) -> int:
            if not self.refused:
                self.refused = True
                raise ConnectionError("database restarting")
            return super().relay_again(since)

    outbox = RefusingOnce()
    outbox.add(changed(1))
    outbox.relayed = {1}  # relayed before the restart
    relay = Relay(outbox, stream, ["g"], check_every=0)
    with pytest.raises(ConnectionError):
        relay.relay_once()
    assert stream.epoch() is None
    assert relay.drain() == 1  # sent again
    assert stream.epoch() not in (None, "recovering")


def test_a_dead_letter_put_back_for_one_group_is_passed_by_the_others(
    stream: InProcessStream,
) -> None:
    """Every group had dead-lettered a message none could read; putting it back for one
    made each of the others dead-letter it a second time (bus-requeue, QA)."""
    broken, seen = [True], []

    def handler(events: Sequence[Event]) -> None:
        if broken[0]:
            raise RuntimeError("down")
        seen.extend(events)

    policy = RetryPolicy(max_attempts=1)
    fixed, other = (
        GroupConsumer(
            name, {ProductChanged: [handler]}, stream, MemoryProcessed(), name="a", policy=policy
        )
        for name in ("cache", "stats")
    )
    for group in (fixed, other):
        group.run_once(block_ms=0)
    stream.append([OutboxEntry(1, *encode(changed(1)))])
    for group in (fixed, other):
        group.run_once(block_ms=0)
    assert (len(stream.dead_letters("cache")), len(stream.dead_letters("stats"))) == (1, 1)
    broken[0] = False
    assert stream.requeue_dead("cache") == 1
    drain(fixed)
    drain(other)
    assert seen == [changed(1)]  # once, by "cache"
    assert stream.dead_letters("cache") == []
    assert len(stream.dead_letters("stats")) == 1  # its own, for its own requeue
    assert stream.stats("stats").pending == 0
    assert stream.requeue_dead("stats") == 1
    drain(other)
    assert seen == [changed(1), changed(1)]
    assert stream.dead_letters("stats") == []
