"""The bus under faults, with real worker processes, PostgreSQL and Redis (loopback only)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from storefront.bootstrap import Shop
from storefront.subscriptions import SALES_STATS
from tests.integration.bus_fixtures import commit_events, paid, sales_totals, stream_key
from tests.processes import stop_group

ROOT = Path(__file__).resolve().parents[2]


def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.02)


def start_worker(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "storefront.cli", "worker", "--groups", SALES_STATS],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def handled(shop: Shop) -> int:
    """OrderPaid messages the sales group has recorded as processed."""
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        return int(
            connection.execute(
                text(
                    "select count(*) from processed_message "
                    "where consumer = :group and message_id not like 'order:%'"
                ),
                {"group": SALES_STATS},
            ).scalar_one()
        )


@pytest.fixture
def bus_env(postgres_url: str, redis_server: str) -> Iterator[dict[str, str]]:
    with stream_key(redis_server) as key:
        yield {
            **os.environ,
            "DATABASE_URL": postgres_url,
            "REDIS_URL": redis_server,
            "BOUTIQUE_BUS_STREAM": key,
            "BOUTIQUE_BUS_CLAIM_IDLE_SECONDS": "2",
        }


def test_killing_a_worker_mid_stream_loses_nothing_and_applies_nothing_twice(
    bus_env: dict[str, str], make_shop: Callable[..., Shop], tmp_path: Path
) -> None:
    shop = make_shop(
        bus_env["DATABASE_URL"],
        redis_url=bus_env["REDIS_URL"],
        bus_stream=bus_env["BOUTIQUE_BUS_STREAM"],
    )
    commit_events(shop, [paid(order_id) for order_id in range(1, 1001)])
    log = tmp_path / "workers.log"
    doomed, survivor = start_worker(bus_env, log), start_worker(bus_env, log)
    try:
        wait_for(lambda: handled(shop) >= 200, 60, "the workers to start handling")
        os.killpg(doomed.pid, signal.SIGKILL)
        at_kill = handled(shop)
        assert at_kill < 1000, "the kill came too late to test anything"
        wait_for(lambda: handled(shop) == 1000, 90, f"all 1000 handled (log: {log})")
        wait_for(lambda: shop.stream.stats(SALES_STATS).pending == 0, 30, "no pending left")
    finally:
        stop_group(survivor)
        if doomed.poll() is None:
            stop_group(doomed)
    assert sales_totals(shop) == (1000, 1000, 100_000)
    assert shop.outbox is not None
    assert shop.outbox.backlog() == 0
