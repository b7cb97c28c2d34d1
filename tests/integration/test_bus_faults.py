"""The bus under faults, with real worker processes, PostgreSQL and Redis (loopback only)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import redis
from sqlalchemy import text

from models.orders import OrderStatus
from models.types import utc_now
from storefront.adapters.redis_stream import RedisStream
from storefront.bootstrap import Shop
from storefront.services.bus.codec import decode
from storefront.services.bus.consumer import GroupConsumer
from storefront.services.bus.ports import Outbox
from storefront.services.bus.relay import Relay
from storefront.services.listing_query import ListingQuery
from storefront.services.product_edits import set_variant_price
from storefront.subscriptions import CATALOG_CACHE, ORDER_MAIL, SALES_STATS, consumer_groups
from tests.integration.bus_fixtures import (
    commit_events,
    outbox_events,
    paid,
    sales_totals,
    stream_key,
)
from tests.integration.catalog_fixtures import seed_small_catalog
from tests.integration.checkout_fixtures import VISA, form
from tests.integration.cli_runs import cli
from tests.integration.crashing_consumer import CRASHED
from tests.integration.db_locks import waiting_on_a_lock
from tests.localstripe import PUBLISHABLE_KEY, SECRET_KEY, WEBHOOK_SECRET
from tests.ports import free_port
from tests.processes import stop_group
from tests.redis_process import PrivateRedis

ROOT = Path(__file__).resolve().parents[2]


def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.02)


def start_worker(
    env: dict[str, str], log: Path, groups: str = SALES_STATS
) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "storefront.cli", "worker", "--groups", groups],
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
                text("select count(*) from processed_message where consumer = :group"),
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
    """The doomed worker runs alone and is killed while it holds read, unacknowledged
    messages; only then does the survivor start, so it must take them over."""
    shop = make_shop(
        bus_env["DATABASE_URL"],
        redis_url=bus_env["REDIS_URL"],
        bus_stream=bus_env["BOUTIQUE_BUS_STREAM"],
    )
    engine = shop.engine
    assert engine is not None
    # Sales of product 2 add to a row the test holds locked: the doomed worker handles the
    # batches of product 1, then stops in the first batch with a sale of product 2.
    with engine.begin() as connection:
        connection.execute(
            text("insert into product_sales_day values (2, '2026-11-30', 'EUR', 0, 0, 0)")
        )
    commit_events(shop, [paid(n, product_id=1 if n <= 500 else 2) for n in range(1, 1001)])
    log = tmp_path / "workers.log"
    blocker = engine.connect()
    blocker.execute(text("select * from product_sales_day where product_id = 2 for update"))
    doomed = start_worker(bus_env, log)
    survivor = None
    try:
        wait_for(
            lambda: shop.stream.stats(SALES_STATS).pending > 0 and waiting_on_a_lock(engine),
            60,
            f"the worker to hold messages it cannot finish (log: {log})",
        )
        os.killpg(doomed.pid, signal.SIGKILL)
        doomed.wait(timeout=10)
        blocker.rollback()  # the dead worker's transaction now ends, rolled back
        at_kill = handled(shop)
        assert 0 < at_kill <= 500
        assert shop.stream.stats(SALES_STATS).pending > 0
        survivor = start_worker(bus_env, log)
        wait_for(lambda: handled(shop) == 1000, 90, f"all 1000 handled (log: {log})")
        wait_for(lambda: shop.stream.stats(SALES_STATS).pending == 0, 30, "no pending left")
    finally:
        blocker.close()
        if survivor is not None:
            stop_group(survivor)
        if doomed.poll() is None:
            stop_group(doomed)
    assert sales_totals(shop) == (1000, 1000, 100_000)
    assert shop.outbox is not None
    assert shop.outbox.backlog() == 0


def test_a_message_that_kills_its_workers_is_dead_lettered_and_the_rest_are_handled(
    bus_env: dict[str, str], make_shop: Callable[..., Shop]
) -> None:
    """Each worker process exits on order 13's message, acknowledging nothing: the first
    with the whole batch in hand, the next two with that message alone; the fourth moves
    it to the dead letters unhandled and handles the rest."""
    shop = make_shop(
        bus_env["DATABASE_URL"],
        redis_url=bus_env["REDIS_URL"],
        bus_stream=bus_env["BOUTIQUE_BUS_STREAM"],
    )
    key, group = bus_env["BOUTIQUE_BUS_STREAM"], "crash-test"
    shop.stream.ensure_group(group)
    commit_events(shop, [paid(order_id) for order_id in range(10, 17)])
    relay = shop.relay([group])
    assert relay is not None
    relay.drain()
    exits = []
    for _ in range(6):
        worker = subprocess.run(
            [sys.executable, "-m", "tests.integration.crashing_consumer",
             bus_env["DATABASE_URL"], bus_env["REDIS_URL"], key, group, "13"],
            check=False, cwd=ROOT, env=bus_env, capture_output=True, timeout=60,
        )  # fmt: skip
        exits.append(worker.returncode)
        if worker.returncode != CRASHED:
            break
        time.sleep(0.35)  # the claim delay: its messages are now abandoned
    assert exits == [CRASHED, CRASHED, CRASHED, 0], worker.stderr.decode()[-2000:]
    client = redis.Redis.from_url(bus_env["REDIS_URL"])
    handled = [int(order) for order in client.lrange(f"{key}:handled", 0, -1)]
    assert sorted(handled) == [10, 11, 12, 14, 15, 16]
    assert isinstance(shop.stream, RedisStream)
    [(dead, reason)] = shop.stream.dead_letters(group)
    assert decode(dead.event_type, dead.payload) == paid(13)
    assert reason == "its consumers stopped while holding it 3 times"
    assert shop.stream.stats(group).pending == 0
    assert not client.exists(shop.stream.takeovers_key(group))  # counts go with their message


OUTAGE_SECONDS = 30.0


@pytest.fixture
def private_redis(tmp_path: Path) -> Iterator[PrivateRedis]:
    """A redis-server of the test's own, stopped however the test ends."""
    server = PrivateRedis(tmp_path / "redis")
    try:
        server.start()
        yield server
    finally:
        server.stop()


def test_a_redis_outage_keeps_browsing_up_and_delivers_every_event_afterwards(
    postgres_url: str,
    make_shop: Callable[..., Shop],
    tmp_path: Path,
    private_redis: PrivateRedis,
    localstripe_url: str,
) -> None:
    """Shoppers browse and pay through the checkout (localstripe) while Redis is down;
    once it is back, every sale is counted and each order has its one confirmation mail."""
    redis_server = private_redis
    env = {
        **os.environ,
        "DATABASE_URL": postgres_url,
        "REDIS_URL": redis_server.url,
        "BOUTIQUE_BUS_CLAIM_IDLE_SECONDS": "2",
    }
    shop = make_shop(
        postgres_url,
        redis_url=redis_server.url,
        stripe_secret_key=SECRET_KEY,
        stripe_publishable_key=PUBLISHABLE_KEY,
        stripe_webhook_secret=WEBHOOK_SECRET,
        stripe_api_base=localstripe_url,
    )
    seed_small_catalog(shop)
    assert shop.engine is not None
    with shop.engine.begin() as connection:  # enough stock for every order of the test
        connection.execute(text("update variant set stock = 1000 where sku = 'SKU-5-0'"))
    slug = product_slug(shop, 3)
    assert shop.catalog.product(slug) is not None  # warm the cache
    groups = f"{SALES_STATS},{CATALOG_CACHE},{ORDER_MAIL}"
    worker = start_worker(env, tmp_path / "worker.log", groups=groups)
    paid_orders = 0
    try:
        wait_for(lambda: backlog(shop) == 0, 60, "the worker to relay the seed's events")
        redis_server.stop()
        started = time.monotonic()
        price = 7_000
        while time.monotonic() - started < OUTAGE_SECONDS:
            # Shoppers browse: pages come from the database, never stale.
            price += 10
            shop.run(set_variant_price, 3, "SKU-3-0", price)
            page = shop.catalog.product(slug)
            assert page is not None
            assert page.product.variants[0].price_minor == price
            listing = shop.catalog.listing(ListingQuery(category_slug="chairs"))
            assert listing is not None
            assert listing.total == 30
            # Orders are placed and paid: their events wait in the outbox.
            for _ in range(2):
                paid_orders += 1
                pay_at_checkout(shop, f"outage-{paid_orders}", "SKU-5-0")
            time.sleep(0.5)
        assert backlog(shop) > 2 * paid_orders  # nothing relayed: OrderPaid, stock moves
        redis_server.start()
        wait_for(lambda: sales_totals(shop)[0] == paid_orders, 60, "every sale to be counted")
        wait_for(lambda: backlog(shop) == 0, 30, "the outbox to drain")
        wait_for(lambda: shop.stream.stats(SALES_STATS).pending == 0, 30, "no pending left")
    finally:
        stop_group(worker)
    assert sales_totals(shop) == (paid_orders, paid_orders, paid_orders * 10_000)
    assert mails_sent(shop) == paid_orders  # one each: at payment, none again from the bus
    page = shop.catalog.product(slug)
    assert page is not None
    assert page.product.variants[0].price_minor == price


def product_slug(shop: Shop, product_id: int) -> str:
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        return str(
            connection.execute(
                text("select slug from product where id = :id"), {"id": product_id}
            ).scalar_one()
        )


def backlog(shop: Shop) -> int:
    assert shop.outbox is not None
    return shop.outbox.backlog()


def test_a_redis_that_comes_back_empty_is_sent_the_last_hour_again(
    postgres_url: str, make_shop: Callable[..., Shop], private_redis: PrivateRedis
) -> None:
    """Sales relayed and not yet handled when Redis lost its data are sent again and counted;
    those counted before are not counted twice. Of three relays, one sends them again."""
    shop = make_shop(postgres_url, redis_url=private_redis.url)
    seed_small_catalog(shop)
    assert shop.outbox is not None
    assert shop.processed is not None
    groups = list(consumer_groups(shop))
    relay = Relay(shop.outbox, shop.stream, groups, check_every=0)
    sales = GroupConsumer(
        SALES_STATS, consumer_groups(shop)[SALES_STATS], shop.stream, shop.processed, name="s"
    )
    commit_events(shop, [paid(order_id) for order_id in range(1, 4)])
    relay.drain()
    while sales.run_once(block_ms=0):
        pass
    assert sales_totals(shop) == (3, 3, 300)
    commit_events(shop, [paid(order_id) for order_id in range(4, 9)])
    relay.drain()  # relayed; Redis then loses everything before the group reads them

    private_redis.lose_data()
    assert shop.stream.stats(SALES_STATS).length == 0
    # Three relays (web processes, workers) find it out at once: one sends them again.
    outbox = SlowToSendAgain(shop.outbox)
    relays = [Relay(outbox, shop.stream, groups, check_every=0) for _ in range(3)]
    with ThreadPoolExecutor(3) as pool:
        resent = sum(pool.map(Relay.drain, relays))
    assert outbox.calls == 1
    assert resent == len(outbox_events(shop))  # every event of the last hour, once
    while sales.run_once(block_ms=0):
        pass
    assert sales_totals(shop) == (8, 8, 800)
    # A relay starting on a Redis that kept its data sends nothing again.
    length = shop.stream.stats(SALES_STATS).length
    assert Relay(shop.outbox, shop.stream, groups).drain() == 0
    assert shop.stream.stats(SALES_STATS).length == length


class SlowToSendAgain:
    """The shop's outbox, taking its time to mark events for sending again."""

    def __init__(self, outbox: Outbox) -> None:
        self._outbox = outbox
        self.calls = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._outbox, name)

    def relay_again(self, since: datetime) -> int:
        self.calls += 1
        time.sleep(0.3)
        return self._outbox.relay_again(since)


def pay_at_checkout(shop: Shop, cart: str, sku: str) -> None:
    """A guest's cart of one unit, placed and paid by card through the shop's checkout."""
    assert shop.carts is not None
    assert shop.commerce is not None
    assert shop.commerce.checkout is not None
    shop.carts.add(cart, None, sku, 1)
    placed = shop.commerce.checkout.place_order((cart, None), form(), utc_now())
    assert shop.commerce.checkout.pay(placed.order_id, VISA).status is OrderStatus.PAID


def mails_sent(shop: Shop) -> int:
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        return int(connection.execute(text("select count(*) from mail_outbox")).scalar_one())


def test_bus_status_in_a_redis_outage_still_shows_the_outbox_backlog(
    tmp_path: Path, sqlite_url: str
) -> None:
    """It stopped on a traceback: the backlog kept in the outbox is what the operator wants
    to see then. Out of reach is 3, as for the other commands."""
    with sqlite3.connect(sqlite_url.removeprefix("sqlite:///")) as connection:
        connection.execute(
            "insert into outbox_message (event_type, payload, created_at)"
            " values ('ProductChanged', '{}', '2026-12-05 10:00:00')"
        )
    env = {"DATABASE_URL": sqlite_url, "REDIS_URL": f"redis://127.0.0.1:{free_port()}/0"}
    done = cli(tmp_path, "bus-status", **env)
    assert done.returncode == 3, done.stderr
    assert '"outbox_backlog": 1' in done.stdout
    assert '"groups": null' in done.stdout
    assert "bus-status: the bus's Redis (redis://127.0.0.1:" in done.stderr
    assert "Traceback" not in done.stderr
    done = cli(tmp_path, "bus-requeue", "catalog-cache", **env)
    assert done.returncode == 3
    assert "is out of reach" in done.stderr
    assert "nothing was moved" in done.stderr
    done = cli(tmp_path, "bus-drop", "catalog-cache", "1", **env)
    assert done.returncode == 3
    assert "nothing was deleted" in done.stderr
