"""Prometheus metrics: Reflex event and HTTP request latency, the catalog cache, the bus,
the payment provider's failures (counted where they happen: adapters/stripe_gateway.py).

With PROMETHEUS_MULTIPROC_DIR set (scripts/serve sets it; set it for `worker` processes of
the same host too), every process writes its samples there and /metrics adds them up;
without it, /metrics shows the process that answers. Gauges that describe the shop rather
than a process (outbox backlog, stream lag, dead letters) are read at scrape time.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import uuid
from collections.abc import Iterator
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from storefront.adapters.probes import PROBE_TIMEOUT, within
from storefront.adapters.stripe_gateway import PROVIDER_ERRORS
from storefront.bootstrap import Shop
from storefront.logs import EVENT_ID, mark_failed_event
from storefront.subscriptions import consumer_groups
from storefront.worker import BusRunner

log = logging.getLogger(__name__)
LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)

EVENT_SECONDS = Histogram(
    "boutique_event_seconds", "Reflex event handling time", ["handler"], buckets=LATENCY_BUCKETS
)
REQUEST_SECONDS = Histogram(
    "boutique_request_seconds",
    "HTTP request time, by first path segment",
    ["route", "method", "status"],
    buckets=LATENCY_BUCKETS,
)
CACHE_LOOKUPS = Counter(
    "boutique_cache_lookups_total", "Catalog cache lookups", ["result"]
)  # hit | miss | error
BUS_MESSAGES = Counter(
    "boutique_bus_messages_total", "Messages by consumer group and outcome", ["group", "outcome"]
)  # handled | failed | dead_lettered
BUS_LAG = Histogram(
    "boutique_bus_lag_seconds",
    "Commit to handled, per consumer group",
    ["group"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60),
)


class ProcessStats:
    """Copies this process's plain counters (cache, bus consumers) into the metrics."""

    def __init__(self, shop: Shop, runner: BusRunner | None) -> None:
        self._shop = shop
        self._runner = runner
        self._cache_seen = {"hits": 0, "misses": 0, "errors": 0}
        self._lock = threading.Lock()

    def sync(self) -> None:
        with self._lock:
            now = self._shop.cache.stats.snapshot()
            for key, label in (("hits", "hit"), ("misses", "miss"), ("errors", "error")):
                delta = now[key] - self._cache_seen[key]
                if delta > 0:
                    CACHE_LOOKUPS.labels(label).inc(delta)
            self._cache_seen = now
            for consumer in self._runner.consumers if self._runner else []:
                handled, failed, dead, taken_over, lags = consumer.counters.take()
                group = consumer.group
                for outcome, count in (
                    ("handled", handled),
                    ("failed", failed),
                    ("dead_lettered", dead),
                    ("taken_over", taken_over),
                ):
                    if count:
                        BUS_MESSAGES.labels(group, outcome).inc(count)
                for lag in lags:
                    BUS_LAG.labels(group).observe(max(lag, 0.0))


# Whether the last scrape's bus figures failed: an outage is logged when it starts and when it
# ends, as /readyz logs it, not at every scrape (every few seconds). A new collector is made
# per scrape (render), so the state is the process's.
_bus_failing = False


class ShopGauges(Collector):
    """Read at scrape time: outbox backlog, and per group the stream lag, pending messages
    and dead letters; the cache hit ratio of the answering process since its start."""

    def __init__(self, shop: Shop) -> None:
        self._shop = shop

    def collect(self) -> Iterator[Metric]:
        global _bus_failing
        up = GaugeMetricFamily("boutique_bus_up", "1 when the outbox and the stream answer")
        try:
            yield from self._bus()
        except Exception as exc:  # a scrape must answer even while Redis is down
            if not _bus_failing:
                log.warning("bus metrics unavailable: %s", exc)
            _bus_failing = True
            up.add_metric([], 0)
        else:
            if _bus_failing:
                log.info("bus metrics available again")  # the end of the outage: no warning
            _bus_failing = False
            up.add_metric([], 1)
        yield up
        # One process since its start, not the shop now: for that, divide the rates of
        # boutique_cache_lookups_total (docs/operations.md).
        ratio = GaugeMetricFamily(
            "boutique_cache_hit_ratio",
            "Catalog cache hits / lookups of the answering process since it started",
        )
        stats = self._shop.cache.stats
        if stats.hits + stats.misses:  # none yet (a process just started): no ratio, not 0,
            ratio.add_metric([], stats.hit_ratio)  # which an alert on a low one took (QA)
        yield ratio

    def _bus(self) -> Iterator[Metric]:
        assert self._shop.outbox is not None
        backlog = GaugeMetricFamily("boutique_outbox_backlog", "Events not relayed yet")
        # Bounded: a database that stopped answering must not hold the scrape.
        count = self._shop.outbox.backlog
        engine = self._shop.engine
        backlog.add_metric(
            [], within(engine, "backlog", count, PROBE_TIMEOUT) if engine else count()
        )
        yield backlog
        families = {
            "lag": GaugeMetricFamily(
                "boutique_stream_lag", "Messages not delivered to the group", labels=["group"]
            ),
            "pending": GaugeMetricFamily(
                "boutique_stream_pending", "Delivered, unacknowledged", labels=["group"]
            ),
            "dead": GaugeMetricFamily(
                "boutique_dead_letters", "Messages in the dead-letter stream", labels=["group"]
            ),
        }
        for group in consumer_groups(self._shop):
            stats = self._shop.stream.stats(group)
            families["lag"].add_metric([group], stats.lag)
            families["pending"].add_metric([group], stats.pending)
            families["dead"].add_metric([group], stats.dead)
        yield from families.values()


def render(shop: Shop) -> tuple[bytes, str]:
    """The /metrics body and its content type."""
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    else:
        for collector in (
            EVENT_SECONDS,
            REQUEST_SECONDS,
            CACHE_LOOKUPS,
            BUS_MESSAGES,
            BUS_LAG,
            PROVIDER_ERRORS,
        ):
            registry.register(collector)
    if shop.outbox is not None:
        registry.register(ShopGauges(shop))
    return generate_latest(registry), CONTENT_TYPE_LATEST


def time_reflex_events() -> None:
    """Time every Reflex event into EVENT_SECONDS.

    Reflex 0.10 offers no hook around a handler (its middleware only preprocesses), so the
    processor's `_execute_event` is wrapped once, here and nowhere else. Should Reflex rename
    it, events go untimed and a warning says so; nothing else changes.
    """
    from reflex_base.event.processor.base_state_processor import BaseStateEventProcessor

    original = getattr(BaseStateEventProcessor, "_execute_event", None)
    if original is None or getattr(original, "_boutique_timed", False):
        if original is None:
            log.warning("Reflex's event processor changed: events are not timed")
        return

    async def timed(self: Any, *, entry: Any, registered_handler: Any) -> None:
        handler = handler_label(entry.event.name)
        EVENT_ID.set(f"{handler}:{uuid.uuid4().hex[:12]}")
        start = time.perf_counter()
        try:
            await original(self, entry=entry, registered_handler=registered_handler)
        except Exception as exc:
            mark_failed_event(exc)  # for the exception handler (storefront/logs.py)
            raise
        finally:
            EVENT_SECONDS.labels(handler).observe(time.perf_counter() - start)

    timed._boutique_timed = True  # type: ignore[attr-defined]
    BaseStateEventProcessor._execute_event = timed  # type: ignore[method-assign]


def handler_label(name: str) -> str:
    """'reflex___state____state.storefront___state____cart_state.add' -> 'cart_state.add'."""
    state, _, handler = name.rpartition(".")
    return f"{state.rpartition('____')[2] or state}.{handler}"
