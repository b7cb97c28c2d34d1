"""The worker process around the bus: its metrics, its stop, its handlers' log lines."""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Sequence
from dataclasses import replace

import pytest

from models.events import CatalogRestructured, Event, ProductChanged
from storefront.bootstrap import Shop
from storefront.cli.bus_commands import METRICS_SYNC_SECONDS, serve_until_stopped
from storefront.logs import JsonFormatter
from storefront.metrics import ProcessStats
from storefront.services.bus.codec import encode
from storefront.services.bus.ports import BusUnavailable, OutboxEntry
from storefront.subscriptions import RESTOCK_MAIL
from storefront.worker import BusRunner
from tests.unit.bus.test_consumer import MemoryOutbox, MemoryProcessed


@pytest.fixture
def bus_shop(fake_shop: Shop) -> Shop:
    """The fake shop with a processed-message log: what the bus needs of a database."""
    return replace(fake_shop, processed=MemoryProcessed())


def changed(product_id: int) -> ProductChanged:
    return ProductChanged(product_id, (f"p-{product_id}",), (1,))


class Runner:
    """Stands in for BusRunner.wait: calls `every` a few times, then returns (stopped)."""

    def __init__(self, rounds: int) -> None:
        self.rounds = rounds

    def wait(self, every: object, interval: float) -> None:
        assert interval == METRICS_SYNC_SECONDS == 1.0
        for _ in range(self.rounds):
            every()  # type: ignore[operator]


class Stats:
    def __init__(self, *works: bool) -> None:
        self.works = list(works)  # each copy's outcome, in turn
        self.synced = 0

    def sync(self) -> None:
        if not self.works.pop(0):
            raise FileNotFoundError("/run/boutique/metrics/counter_7.db")
        self.synced += 1


def test_the_worker_survives_failing_metrics_and_syncs_once_more_when_stopped(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Each run of failures is logged once: every second, it was a traceback a second."""
    stats = Stats(False, False, False, True, False, True)
    with caplog.at_level(logging.ERROR, logger="storefront.cli.bus_commands"):
        serve_until_stopped(Runner(rounds=5), stats)  # type: ignore[arg-type]
    assert stats.synced == 2  # the fourth round, then the last one on the way out
    assert [r.message for r in caplog.records] == ["copying counters into metrics failed"] * 2


def test_the_last_sync_carries_what_was_handled_before_the_stop(bus_shop: Shop) -> None:
    """A SIGTERM stops the runner (joining its threads), then the counts are copied."""
    runner = BusRunner(bus_shop, {"catalog-cache": {ProductChanged: [lambda _: None]}})
    [consumer] = runner.consumers
    consumer.counters.count(handled=3)
    stats = ProcessStats(bus_shop, runner)
    runner.stop()
    serve_until_stopped(runner, stats)
    assert consumer.counters.take() == (0, 0, 0, 0, [])  # taken into the metrics


def test_stopping_waits_for_all_threads_at_most_the_timeout_in_all(bus_shop: Shop) -> None:
    """Not the timeout for each in turn: that outlasted the unit's TimeoutStopSec."""
    runner = BusRunner(bus_shop, {}, relay=False)
    stuck = threading.Event()
    for _ in range(4):  # loops that ignore the stop, as one blocked in a slow handler would
        thread = threading.Thread(target=stuck.wait, args=(10,), daemon=True)
        thread.start()
        runner._threads.append(thread)
    started = time.monotonic()
    runner.stop(timeout=0.4)
    elapsed = time.monotonic() - started
    stuck.set()
    assert 0.4 <= elapsed < 1.2  # each in turn: 1.6 s


def logged_event_id() -> str:
    """The event id a log line written here would carry."""
    record = logging.LogRecord("handler", logging.INFO, __file__, 1, "handled", None, None)
    return str(json.loads(JsonFormatter().format(record)).get("event_id", ""))


def drain(runner: BusRunner) -> None:
    for consumer in runner.consumers:
        for _ in range(5):
            consumer.run_once(block_ms=0)


def test_bus_handlers_log_with_the_group_and_message_ids(bus_shop: Shop) -> None:
    seen: list[tuple[str, list[int]]] = []

    def handler(events: Sequence[Event]) -> None:
        seen.append((logged_event_id(), [e.product_id for e in events if hasattr(e, "product_id")]))
        if any(getattr(e, "product_id", 0) == 13 for e in events):
            raise RuntimeError("poison")

    runner = BusRunner(bus_shop, {"catalog-cache": {ProductChanged: [handler]}}, relay=False)
    drain(runner)  # creates the group
    bus_shop.stream.append(
        [
            OutboxEntry(41, *encode(changed(1))),
            OutboxEntry(42, *encode(CatalogRestructured("import"))),  # no handler: not listed
            OutboxEntry(43, *encode(changed(13))),
        ]
    )
    drain(runner)
    # The batch, then each message alone (the batch failed).
    assert seen[:3] == [
        ("catalog-cache:41,43", [1, 13]),
        ("catalog-cache:41", [1]),
        ("catalog-cache:43", [13]),
    ]
    assert logged_event_id() == ""


def test_a_large_batch_names_its_first_ids_and_counts_the_rest(bus_shop: Shop) -> None:
    seen: list[str] = []
    runner = BusRunner(
        bus_shop, {"sales": {ProductChanged: [lambda _: seen.append(logged_event_id())]}}
    )
    drain(runner)
    bus_shop.stream.append([OutboxEntry(n, *encode(changed(n))) for n in range(1, 9)])
    drain(runner)
    assert seen == ["sales:1,2,3,4,5+3"]


class Forgetting:
    def __init__(self) -> None:
        self.runs = 0

    def forget_old(self) -> int:
        self.runs += 1
        return 0


class FailingCatchUp:
    def __init__(self) -> None:
        self.runs = 0
        self.links = Forgetting()  # old alerts are forgotten all the same

    def catch_up(self) -> int:
        self.runs += 1
        raise OSError("mail server down")


class Expiring:
    def __init__(self) -> None:
        self.runs = 0

    def forget_expired(self, now: object) -> int:
        self.runs += 1
        return 0


def test_a_failing_restock_catch_up_still_lets_the_pruning_after_it_run(
    bus_shop: Shop, caplog: pytest.LogCaptureFixture
) -> None:
    restock, accounts = FailingCatchUp(), Expiring()
    shop = replace(bus_shop, outbox=MemoryOutbox(), restock=restock, accounts=accounts)  # type: ignore[arg-type]
    runner = BusRunner(shop, {RESTOCK_MAIL: {ProductChanged: [lambda _: None]}}, relay=False)
    with caplog.at_level(logging.ERROR, logger="storefront.worker"):
        runner._prune()
    assert (restock.runs, restock.links.runs, accounts.runs) == (1, 1, 1)
    assert [r.message for r in caplog.records] == [
        "back-in-stock catch-up failed; tried again at the next pruning"
    ]


def test_only_a_process_running_the_restock_mails_runs_their_catch_up(bus_shop: Shop) -> None:
    """A web process (no consumer groups) prunes too, but leaves the mails to the worker."""
    restock, accounts = FailingCatchUp(), Expiring()
    shop = replace(bus_shop, outbox=MemoryOutbox(), restock=restock, accounts=accounts)  # type: ignore[arg-type]
    BusRunner(shop, {}, relay=False)._prune()
    assert (restock.runs, accounts.runs) == (0, 1)


class CountingCatchUp:
    def __init__(self) -> None:
        self.runs = 0
        self.links = Forgetting()

    def catch_up(self) -> int:
        self.runs += 1
        return 0


def test_a_worker_that_does_not_relay_still_runs_the_restock_catch_up(
    bus_shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`worker --no-relay` has no pruning round (the relay's): the catch-up gets its own."""
    monkeypatch.setattr("storefront.worker.PRUNE_EVERY_SECONDS", 0.05)
    restock = CountingCatchUp()
    shop = replace(bus_shop, outbox=MemoryOutbox(), restock=restock)  # type: ignore[arg-type]
    runner = BusRunner(shop, {RESTOCK_MAIL: {ProductChanged: [lambda _: None]}}, relay=False)
    runner.start()
    try:
        deadline = time.monotonic() + 5
        while restock.runs < 2:
            assert time.monotonic() < deadline, "the catch-up never ran"
            time.sleep(0.01)
    finally:
        runner.stop()
    ran = restock.runs
    time.sleep(0.2)
    assert restock.runs == ran  # stopped with the rest


def test_a_worker_without_the_restock_mails_has_no_catch_up_round(
    bus_shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("storefront.worker.PRUNE_EVERY_SECONDS", 0.01)
    restock = CountingCatchUp()
    shop = replace(bus_shop, outbox=MemoryOutbox(), restock=restock)  # type: ignore[arg-type]
    runner = BusRunner(shop, {"catalog-cache": {ProductChanged: [lambda _: None]}}, relay=False)
    runner.start()
    time.sleep(0.2)
    runner.stop()
    assert restock.runs == 0


def test_an_outage_of_the_bus_is_logged_as_it_starts_and_as_it_ends(
    bus_shop: Shop, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It said when Redis went, never when it came back (QA)."""
    monkeypatch.setattr("storefront.worker.OUTAGE_BACKOFF_SECONDS", (0.0,))
    runner = BusRunner(replace(bus_shop, outbox=MemoryOutbox()), {}, relay=False)
    outcomes = ["down", "down", "up", "up", "down", "up"]

    def step() -> None:
        outcome = outcomes.pop(0)
        if not outcomes:
            runner._stop.set()
        if outcome == "down":
            raise BusUnavailable("connection refused")

    with caplog.at_level(logging.INFO, logger="storefront.worker"):
        runner._loop("relay", step)
    assert [(r.levelname, r.message) for r in caplog.records] == [
        ("WARNING", "bus relay: unreachable (connection refused); retrying"),
        ("INFO", "bus relay: reachable again"),
        ("WARNING", "bus relay: unreachable (connection refused); retrying"),
        ("INFO", "bus relay: reachable again"),
    ]
