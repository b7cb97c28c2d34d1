"""Runs the bus in a process: the outbox relay, consumer groups and listeners, each in its
own thread (blocking reads would starve the web server's thread pool).

`python -m storefront.cli worker` runs it alone; web processes run it beside Reflex (see
lifespan.py). Any number of processes may run at once: relays share the outbox, consumers
share their groups.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
import threading
import time
from collections.abc import Callable, Mapping
from datetime import timedelta

from models.types import utc_now
from storefront.adapters.outages import is_outage
from storefront.bootstrap import Shop
from storefront.failure_streaks import FailureStreak
from storefront.services.bus.consumer import (
    GroupConsumer,
    GroupHandlers,
    Heartbeat,
    RetryPolicy,
)
from storefront.services.bus.listener import Handlers, Listener
from storefront.services.bus.ports import BusUnavailable
from storefront.services.orders.sales import SALES_CONSUMER
from storefront.subscriptions import RESTOCK_MAIL, consumer_groups

log = logging.getLogger(__name__)
RELAY_POLL_SECONDS = 0.2  # for events committed by other processes (this one nudges)
OUTAGE_BACKOFF_SECONDS = (0.5, 1.0, 2.0, 5.0)
TRIM_EVERY_SECONDS = 60.0  # the stream keeps only what some group has not handled yet
PRUNE_EVERY_SECONDS = 3600.0
KEEP_RELAYED = timedelta(days=7)  # for an operator looking back at what happened
KEEP_PROCESSED = timedelta(days=30)  # far beyond any redelivery
# Search log and shopper activity: beyond the analytics dashboard's longest range (12 months).
KEEP_SHOPPER_HISTORY = timedelta(days=400)
# A consumer holding nothing and silent this long is a process gone (restarted, killed): it
# leaves its group, which listed every process that ever ran (QA).
FORGET_CONSUMERS_AFTER_MS = 24 * 3600 * 1000


def consumer_name() -> str:
    """This process's name in the consumer groups, new at every start: a container restarted
    in place often keeps its hostname and pid, and its new process must not pass for the
    dead one (whose heartbeat then seemed alive, and whose takeovers went uncounted)."""
    return f"{socket.gethostname()}-{os.getpid()}-{secrets.token_hex(3)}"


class BusRunner:
    def __init__(
        self,
        shop: Shop,
        groups: Mapping[str, GroupHandlers],
        listeners: Handlers | None = None,
        *,
        relay: bool = True,
        policy: RetryPolicy | None = None,
        name: str | None = None,
    ) -> None:
        self._shop = shop
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        name = name or consumer_name()
        policy = policy or RetryPolicy(
            max_attempts=shop.settings.bus_max_attempts,
            claim_idle_ms=int(shop.settings.bus_claim_idle_seconds * 1000),
            outage=is_outage,
        )
        processed = shop.processed
        assert processed is not None, "the bus needs a database"
        self.consumers = [
            GroupConsumer(group, handlers, shop.stream, processed, name=name, policy=policy)
            for group, handlers in groups.items()
        ]
        self._heartbeat = Heartbeat(shop.stream, name, policy)
        self.listener = Listener(listeners, shop.stream) if listeners else None
        self._relay = shop.relay(list(consumer_groups(shop))) if relay else None
        # The back-in-stock catch-up runs where the restock mails are handled (the bus
        # worker; a web process too only when it runs the consumer groups).
        self._catch_up = RESTOCK_MAIL in groups
        self._prune_at = time.monotonic() + PRUNE_EVERY_SECONDS
        self._trim_at = time.monotonic() + TRIM_EVERY_SECONDS

    def start(self) -> None:
        self._stop.clear()
        loops: dict[str, Callable[[], object]] = {}
        if self._relay is not None:
            loops["relay"] = self._relay_round
        elif self._catch_up:  # no relay, so no pruning round to run the catch-up in
            loops["restock-catch-up"] = self._catch_up_round
        if self.consumers:
            loops["heartbeat"] = self._beat
        for consumer in self.consumers:
            loops[f"consumer:{consumer.group}"] = consumer.run_once
        if self.listener is not None:
            loops["listener"] = self.listener.run_once
        for label, step in loops.items():
            thread = threading.Thread(
                target=self._loop, args=(label, step), name=f"bus-{label}", daemon=True
            )
            thread.start()
            self._threads.append(thread)

    def stop(self, timeout: float = 5.0) -> None:
        """Stop every loop and wait for them, `timeout` seconds in all: one deadline, since
        a join of its own for each could outlast the service manager's stop timeout."""
        self._stop.set()
        self._shop.relay_nudge.set()
        deadline = time.monotonic() + timeout
        for thread in self._threads:
            thread.join(max(deadline - time.monotonic(), 0.0))
        self._threads = []

    def wait(self, every: Callable[[], object] | None = None, interval: float = 5.0) -> None:
        """Block until stopped (the worker's main thread), calling `every` meanwhile."""
        while not self._stop.wait(interval):
            if every is not None:
                every()

    def _beat(self) -> None:
        """Tell other processes this one's consumers are alive: a slow one's messages may be
        taken over, but such a takeover does not count towards dead-lettering them."""
        self._heartbeat.beat()
        self._stop.wait(self._heartbeat.every_s)

    def _relay_round(self) -> None:
        assert self._relay is not None
        # Trimmed first: a stream that fills Redis (appends refused) must still shrink.
        if time.monotonic() >= self._trim_at:
            self._trim_at = time.monotonic() + TRIM_EVERY_SECONDS
            self._shop.stream.trim()
        if time.monotonic() >= self._prune_at:
            self._prune_at = time.monotonic() + PRUNE_EVERY_SECONDS
            self._prune()
        self._shop.relay_nudge.clear()
        if not self._relay.relay_once():
            self._shop.relay_nudge.wait(RELAY_POLL_SECONDS)

    def _prune(self) -> None:
        """Relayed outbox rows, old processed records, old shopper history and expired account
        rows go (every process does it: the deletes are idempotent), and back-in-stock mails
        the bus handler missed are sent and old alerts forgotten (restock_links.py; processes
        running the restock-mail group only). The
        stream is trimmed apart (`trim`: of what every consumer group has handled; a group
        nobody runs keeps it growing)."""
        now = utc_now()
        outbox, processed = self._shop.outbox, self._shop.processed
        assert outbox is not None
        assert processed is not None
        gone = outbox.prune(now - KEEP_RELAYED)
        # Each order's sale stays recorded: a dead letter put back months later (bus-requeue)
        # must not count it twice.
        forgotten = processed.prune(now - KEEP_PROCESSED, keep=(SALES_CONSUMER,))
        if gone or forgotten:
            log.info("bus: pruned %d relayed events, %d processed records", gone, forgotten)
        history = self._shop.search_store
        aged = history.prune_history(now - KEEP_SHOPPER_HISTORY) if history else 0
        if aged:
            log.info("pruned %d search log and shopper activity rows", aged)
        self._restock_catch_up()
        accounts = self._shop.accounts
        expired = accounts.forget_expired(now) if accounts else 0
        if expired:
            log.info("pruned %d expired sessions, reset links and sign-in attempts", expired)
        for consumer in self.consumers:  # last: Redis out of reach stops only this
            left = self._shop.stream.forget_gone_consumers(
                consumer.group, FORGET_CONSUMERS_AFTER_MS
            )
            if left:
                log.info("bus %s: %d consumers of processes gone removed", consumer.group, left)

    def _catch_up_round(self) -> None:
        """The back-in-stock catch-up of a worker that does not relay (`--no-relay`): as
        often as the pruning would run it."""
        if not self._stop.wait(PRUNE_EVERY_SECONDS):
            self._restock_catch_up()

    def _restock_catch_up(self) -> None:
        restock = self._shop.restock
        if restock is None or not self._catch_up:
            return
        try:  # whatever fails here, the pruning after it still runs
            caught_up = restock.catch_up()
        except Exception:
            log.exception("back-in-stock catch-up failed; tried again at the next pruning")
            caught_up = 0
        if caught_up:
            log.info("sent %d back-in-stock mails the bus handler had missed", caught_up)
        try:
            forgotten = restock.links.forget_old()
        except Exception:
            log.exception("old back-in-stock alerts not forgotten; tried at the next pruning")
            return
        if forgotten:
            log.info("forgot %d back-in-stock alerts unconfirmed or mailed long ago", forgotten)

    def _loop(self, label: str, step: Callable[[], object]) -> None:
        failures = 0
        unreachable = False  # an outage is logged as it starts and as it ends
        streak = FailureStreak(log, f"bus {label}")  # and so is any other failure
        while not self._stop.is_set():
            try:
                step()
                failures = 0
                streak.worked()
                if unreachable:
                    unreachable = False
                    log.info("bus %s: reachable again", label)
            except BusUnavailable as exc:
                delay = OUTAGE_BACKOFF_SECONDS[min(failures, len(OUTAGE_BACKOFF_SECONDS) - 1)]
                if not unreachable:
                    unreachable = True
                    log.warning("bus %s: unreachable (%s); retrying", label, exc)
                failures += 1
                time.sleep(delay)
            except Exception as failure:  # e.g. the database restarting: log, wait, go on
                streak.failed(failure)
                failures += 1
                time.sleep(OUTAGE_BACKOFF_SECONDS[-1] if failures > 3 else 1.0)
