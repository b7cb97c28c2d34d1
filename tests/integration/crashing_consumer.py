"""A consumer process for the fault tests whose handler kills the process on one message
(as running out of memory or a crash in C would): `python -m
tests.integration.crashing_consumer DATABASE_URL REDIS_URL STREAM GROUP POISON_ORDER`.

It beats like a worker, handles what it can, then exits 0 once its group has nothing left
(or after 30 s); on the poison order's OrderPaid it exits at once with status 3,
acknowledging nothing. The orders it handled go on the Redis list `STREAM:handled`.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Sequence

import redis

from models.events import Event, OrderPaid
from storefront.adapters.db import make_engine
from storefront.adapters.redis_stream import RedisStream
from storefront.adapters.sql_outbox import SqlProcessedLog
from storefront.services.bus.consumer import GroupConsumer, Heartbeat, RetryPolicy

CRASHED = 3
POLICY = RetryPolicy(claim_idle_ms=300)


def main(database_url: str, redis_url: str, key: str, group: str, poison: int) -> int:
    client = redis.Redis.from_url(redis_url)

    def handle(events: Sequence[Event]) -> None:
        orders = [e.order_id for e in events if isinstance(e, OrderPaid)]
        if poison in orders:
            os._exit(CRASHED)
        client.rpush(f"{key}:handled", *orders)

    stream = RedisStream(redis_url, key=key)
    name = f"crashing-{os.getpid()}"
    consumer = GroupConsumer(
        group,
        {OrderPaid: [handle]},
        stream,
        SqlProcessedLog(make_engine(database_url)),
        name=name,
        policy=POLICY,
    )
    heartbeat = Heartbeat(RedisStream(redis_url, key=key), name, POLICY)

    def beat() -> None:
        while True:
            heartbeat.beat()
            time.sleep(heartbeat.every_s)

    threading.Thread(target=beat, daemon=True).start()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        consumer.run_once(block_ms=50)
        stats = stream.stats(group)
        if stats.lag == 0 and stats.pending == 0:
            return 0
    return 1


if __name__ == "__main__":
    database, redis_url, key, group, poison = sys.argv[1:]
    sys.exit(main(database, redis_url, key, group, int(poison)))
