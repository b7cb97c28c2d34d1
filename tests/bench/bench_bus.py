"""Outbox -> stream -> handler: throughput and delivery lag, with real `worker` processes.

    python -m tests.bench.bench_bus [--database-url URL] [--redis URL] [--workers 1]
        [--events 20000] [--rate 1000] [--seconds 10]

The workers relay and run two consumer groups (sales-stats: OrderPaid -> one database
upsert per batch, each order counted once; catalog-cache: ProductChanged -> cache version
bumps). Half the events are of each kind. Timings come from the database: a message's lag is
its processed-message record's time minus its outbox row's commit time.

- throughput: `--events` events committed as fast as this process can (500 a transaction);
  events/s = events / (last handled - first committed). Target (issue 5): >= 1,000/s.
- lag: events committed at a steady `--rate` (batches every 10 ms) for `--seconds`; lag
  p50/p95/p99 per group. Target: p95 <= 100 ms.

A first lot of 5,000 events warms up and lets PostgreSQL ANALYZE the new tables (autovacuum
would have, in a shop that has been running). Without --redis the workers cannot share a
stream (the in-process bus is one process's): --redis is required. Not a test.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import psycopg
import redis
from sqlalchemy import text

from models.events import Event, ProductChanged
from storefront.adapters.migrations import upgrade_database
from storefront.bootstrap import Shop, build_shop
from storefront.subscriptions import CATALOG_CACHE, SALES_STATS
from storefront.worker import BusRunner
from tests.bench.bench_catalog import percentile
from tests.conftest import settings_for
from tests.e2e.conftest import ROOT
from tests.integration.bus_fixtures import commit_events, paid
from tests.processes import stop_group

GROUPS = (SALES_STATS, CATALOG_CACHE)


def events(start: int, count: int) -> list[Event]:
    """Alternately a sale and a product change (50 products)."""
    return [
        paid(n, product_id=n % 50 + 1)
        if n % 2
        else ProductChanged(n % 50 + 1, (f"p-{n % 50}",), ())
        for n in range(start, start + count)
    ]


def timings(shop: Shop, first_id: int) -> dict[str, list[tuple[float, float]]]:
    """Per group, (committed, handled) epoch seconds of messages from outbox id `first_id`."""
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        rows = connection.execute(
            text(
                "select p.consumer, o.created_at, p.processed_at from processed_message p "
                "join outbox_message o on p.message_id = cast(o.id as varchar(64)) "
                "where o.id >= :first and p.consumer in ('sales-stats', 'catalog-cache')"
            ),
            {"first": first_id},
        ).all()
    found: dict[str, list[tuple[float, float]]] = {group: [] for group in GROUPS}
    for group, committed, handled in rows:
        found[group].append((as_utc(committed), as_utc(handled)))
    return found


def as_utc(moment: object) -> float:
    from datetime import UTC, datetime

    assert isinstance(moment, datetime | str)
    value = datetime.fromisoformat(moment) if isinstance(moment, str) else moment
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).timestamp()


def next_outbox_id(shop: Shop) -> int:
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        return int(
            connection.execute(
                text("select coalesce(max(id), 0) + 1 from outbox_message")
            ).scalar_one()
        )


def wait_handled(
    shop: Shop, first_id: int, count: int, timeout: float = 600
) -> dict[str, list[tuple[float, float]]]:
    deadline = time.monotonic() + timeout
    while True:
        found = timings(shop, first_id)
        if sum(len(v) for v in found.values()) >= count:
            return found
        if time.monotonic() > deadline:
            raise SystemExit(f"only {sum(len(v) for v in found.values())} of {count} handled")
        time.sleep(0.2)


def lot(shop: Shop, first_order: int, count: int) -> dict[str, list[tuple[float, float]]]:
    first_id = next_outbox_id(shop)
    commit_events(shop, events(first_order, count))
    shop.relay_nudge.set()
    return wait_handled(shop, first_id, count)  # each group handles its half


def steady(
    shop: Shop, first_order: int, rate: int, seconds: float
) -> tuple[int, dict[str, list[tuple[float, float]]]]:
    first_id = next_outbox_id(shop)
    batch = max(rate // 100, 1)
    produced, next_at = 0, time.perf_counter()
    end = next_at + seconds
    while time.perf_counter() < end:
        commit_events(shop, events(first_order + produced, batch))
        shop.relay_nudge.set()  # as a web process does after its commit
        produced += batch
        next_at += 0.01
        time.sleep(max(next_at - time.perf_counter(), 0))
    return produced, wait_handled(shop, first_id, produced)


def fresh_database(base: str | None, workdir: Path) -> str:
    if base is None:
        url = f"sqlite:///{workdir / 'bus.db'}"
    else:
        name = f"boutique_bus_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(base, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        url = f"{base.rpartition('/')[0]}/{name}"
    upgrade_database(url.replace("postgresql://", "postgresql+psycopg://", 1))
    return url


def run(args: argparse.Namespace) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="boutique-bus-"))
    url = fresh_database(args.database_url, workdir)
    stream = f"bench:events:{uuid.uuid4().hex[:8]}"
    shop = build_shop(settings_for(url, workdir, redis_url=args.redis, bus_stream=stream))
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "REDIS_URL": args.redis,
        "BOUTIQUE_BUS_STREAM": stream,
    }
    workers = [
        subprocess.Popen(
            [sys.executable, "-m", "storefront.cli", "worker", "--groups", ",".join(GROUPS)],
            cwd=ROOT, env=env, stdout=(workdir / f"worker{n}.log").open("wb"),
            stderr=subprocess.STDOUT, start_new_session=True,
        )
        for n in range(args.workers)
    ]  # fmt: skip
    # This process commits like a web process: its own relay sends what it committed at
    # once (the workers' relays would pick it up within RELAY_POLL_SECONDS otherwise).
    own_relay = BusRunner(shop, {})
    own_relay.start()
    kind = "PostgreSQL" if args.database_url else "SQLite"
    print(f"bus: {kind}, Redis Streams, {args.workers} worker process(es)")
    try:
        lot(shop, 1_000_000, 5_000)
        if args.database_url:
            with shop.engine.begin() as connection:  # type: ignore[union-attr]
                connection.exec_driver_sql("ANALYZE")
        found = lot(shop, 1, args.events)
        committed = min(c for pairs in found.values() for c, _ in pairs)
        handled = max(h for pairs in found.values() for _, h in pairs)
        rate = args.events / (handled - committed)
        print(f"throughput: {args.events} events -> {rate:,.0f} events/s")
        produced, found = steady(shop, 2_000_000, args.rate, args.seconds)
        print(
            f"steady: {produced} events in {args.seconds:.0f} s ({produced / args.seconds:,.0f}/s)"
        )
        for group, pairs in found.items():
            lags = [(h - c) * 1000 for c, h in pairs]
            p50, p95, p99 = (percentile(lags, q) for q in (0.5, 0.95, 0.99))
            print(f"  lag {group}: p50 {p50:.0f} ms, p95 {p95:.0f} ms, p99 {p99:.0f} ms")
    finally:
        own_relay.stop()
        for worker in workers:
            stop_group(worker)
        client = redis.Redis.from_url(args.redis)
        for key in client.scan_iter(match=f"{stream}*"):
            client.delete(key)
        if shop.engine is not None:
            shop.engine.dispose()
        if args.database_url:
            with psycopg.connect(args.database_url, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{url.rpartition("/")[2]}" WITH (FORCE)')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="a PostgreSQL server URL (default: SQLite)")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/7")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--rate", type=int, default=1_000)
    parser.add_argument("--seconds", type=float, default=10.0)
    run(parser.parse_args())


if __name__ == "__main__":
    main()
