"""Events leave with their change (outbox), cross Redis Streams and reach each consumer
group once, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
import redis

from models.events import CatalogRestructured, Event, OrderPaid, ProductChanged
from storefront.adapters.redis_stream import RedisStream
from storefront.bootstrap import Shop
from storefront.services.bus.consumer import GroupConsumer, RetryPolicy
from storefront.services.catalog_writer import BULK_EVENT_THRESHOLD, save_drafts
from storefront.services.errors import InvalidProduct
from storefront.services.orders.sales import SALES_CONSUMER
from storefront.services.product_edits import edit_product
from storefront.subscriptions import SALES_STATS, consumer_groups
from tests.integration.bus_fixtures import (
    commit_events,
    outbox_events,
    paid,
    sales_totals,
    stream_key,
)
from tests.integration.catalog_fixtures import seed_small_catalog
from tests.unit.conftest import CHAIRS, draft

FAST = RetryPolicy(max_attempts=3, first_backoff_ms=20, max_backoff_ms=50, claim_idle_ms=200)
# For "not taken over yet": no slow machine lets a minute pass between two lines.
PATIENT = replace(FAST, claim_idle_ms=60_000)


@pytest.fixture
def shop(database_url: str, redis_server: str, make_shop: Callable[..., Shop]) -> Iterator[Shop]:
    with stream_key(redis_server) as key:
        shop = make_shop(database_url, redis_url=redis_server, bus_stream=key)
        seed_small_catalog(shop)
        relay(shop)  # the seed's own events
        yield shop


def consumer(
    shop: Shop, group: str, name: str = "test", policy: RetryPolicy = FAST
) -> GroupConsumer:
    assert shop.processed is not None
    return GroupConsumer(
        group, consumer_groups(shop)[group], shop.stream, shop.processed, name=name, policy=policy
    )


def relay(shop: Shop) -> int:
    bus_relay = shop.relay(list(consumer_groups(shop)))
    assert bus_relay is not None
    return bus_relay.drain()


def test_an_edit_writes_its_event_in_its_transaction_and_a_refused_one_writes_none(
    shop: Shop,
) -> None:
    before = len(outbox_events(shop))
    shop.run(edit_product, 3, lambda r: replace(r, title="Renamed chair"))
    events = outbox_events(shop)
    assert len(events) == before + 1
    assert isinstance(events[-1], ProductChanged)
    assert events[-1].product_id == 3

    with pytest.raises(InvalidProduct):
        shop.run(edit_product, 3, lambda r: replace(r, title=""))
    assert len(outbox_events(shop)) == before + 1


def test_a_bulk_save_announces_one_restructuring_naming_every_changed_product(
    shop: Shop,
) -> None:
    """Web processes push the change live to pages showing these products (lifespan.py)."""
    drafts = [draft(1_000 + n, price=9_900) for n in range(BULK_EVENT_THRESHOLD + 1)]
    shop.run(save_drafts, drafts, categories=[CHAIRS])
    event = outbox_events(shop)[-1]
    assert isinstance(event, CatalogRestructured)
    with shop.uow() as uow:
        keys = uow.catalog.product_keys()
    assert sorted(event.product_ids) == sorted(keys[d.external_id][0] for d in drafts)


def test_stock_held_and_given_back_is_announced(shop: Shop) -> None:
    assert shop.inventory is not None
    before = len(outbox_events(shop))
    now = datetime(2026, 11, 30, tzinfo=UTC)
    assert shop.inventory.reserve("order:1", [("SKU-4-0", 2)], now)
    shop.inventory.release("order:1", now)
    assert not shop.inventory.reserve("order:2", [("SKU-4-0", 99)], now)  # refused: nothing
    stock_events = outbox_events(shop)[before:]
    assert [e.product_id for e in stock_events if isinstance(e, ProductChanged)] == [4, 4]


def test_events_go_through_redis_to_a_group_once_even_when_relayed_twice(shop: Shop) -> None:
    sales = consumer(shop, SALES_STATS)
    sales.run_once(block_ms=0)
    commit_events(shop, [paid(order_id) for order_id in range(1, 51)])
    assert shop.outbox is not None
    assert shop.outbox.backlog() == 50

    relay(shop)
    assert shop.outbox.backlog() == 0
    while sales.run_once(block_ms=0):
        pass
    assert sales_totals(shop) == (50, 50, 5_000)

    # A relay that died before marking sends the same outbox rows again; another OrderPaid
    # for an order already counted (a repeated webhook) is ignored too.
    assert shop.engine is not None
    with shop.engine.begin() as connection:
        connection.exec_driver_sql("update outbox_message set relayed_at = null")
    commit_events(shop, [paid(7)])
    relay(shop)
    while sales.run_once(block_ms=0):
        pass
    assert sales_totals(shop) == (50, 50, 5_000)
    stats = shop.stream.stats(SALES_STATS)
    assert (stats.lag, stats.pending, stats.dead) == (0, 0, 0)


def test_a_poison_message_is_dead_lettered_on_redis_and_the_rest_flow(shop: Shop) -> None:
    assert shop.processed is not None
    handled: list[int] = []

    def handler(events: Sequence[Event]) -> None:
        if any(isinstance(e, OrderPaid) and e.order_id == 13 for e in events):
            raise ValueError("cannot handle order 13")
        handled.extend(e.order_id for e in events if isinstance(e, OrderPaid))

    group = GroupConsumer(
        "poison-test", {OrderPaid: [handler]}, shop.stream, shop.processed, name="a", policy=FAST
    )
    group.run_once(block_ms=0)
    commit_events(shop, [paid(order_id) for order_id in range(10, 17)])
    relay(shop)
    for _ in range(60):
        group.run_once(block_ms=20)
        if shop.stream.stats("poison-test").dead:
            break
    assert handled == [10, 11, 12, 14, 15, 16]
    assert isinstance(shop.stream, RedisStream)
    [(dead, reason)] = shop.stream.dead_letters("poison-test")
    assert dead.deliveries == FAST.max_attempts
    assert reason == "ValueError: cannot handle order 13"
    assert shop.stream.stats("poison-test").pending == 0
    # One that can never be handled is deleted by its id (bus-drop), named; others' stay.
    assert shop.stream.drop_dead("poison-test", ["nope"]) == []
    [(dropped, why)] = shop.stream.drop_dead("poison-test", [dead.message_id])
    assert (dropped.message_id, why) == (dead.message_id, reason)
    assert shop.stream.stats("poison-test").dead == 0


def test_a_dead_consumers_messages_are_taken_over_on_redis(
    shop: Shop, caplog: pytest.LogCaptureFixture
) -> None:
    quitter = consumer(shop, SALES_STATS, name="quitter")
    quitter.run_once(block_ms=0)
    commit_events(shop, [paid(order_id) for order_id in range(1, 6)])
    relay(shop)
    assert len(shop.stream.read_new(SALES_STATS, "quitter", 10, 0)) == 5  # then it dies

    consumer(shop, SALES_STATS, name="heir", policy=PATIENT).run_once(block_ms=0)
    assert sales_totals(shop) == (0, 0, 0)  # not before claim_idle_ms: it may be working
    heir = consumer(shop, SALES_STATS, name="heir")
    for _ in range(40):
        heir.run_once(block_ms=20)
        if sales_totals(shop)[0] == 5:
            break
    assert sales_totals(shop) == (5, 5, 500)
    assert shop.stream.stats(SALES_STATS).pending == 0
    # Said, and counted: an operator learns a consumer died holding messages (QA).
    assert heir.counters.take()[3] == 5
    told = [r.getMessage() for r in caplog.records if "took over" in r.getMessage()]
    assert len(told) == 5
    assert all("from consumer quitter" in line for line in told)


def test_old_relayed_events_and_processed_records_are_pruned(shop: Shop) -> None:
    assert shop.outbox is not None
    assert shop.processed is not None
    commit_events(shop, [paid(1), paid(2)])
    relay(shop)
    shop.processed.record(SALES_STATS, ["1", "2"])
    shop.processed.record(SALES_CONSUMER, ["order:1"])  # each order's sale, counted once
    commit_events(shop, [paid(3)])  # not relayed yet: kept whatever its age
    later = datetime.now(UTC) + timedelta(days=1)
    relayed = len(outbox_events(shop)) - 1
    assert shop.outbox.prune(later) == relayed
    assert shop.outbox.backlog() == 1
    assert shop.processed.prune(later, keep=(SALES_CONSUMER,)) == 2
    assert shop.processed.seen(SALES_STATS, ["1", "2"]) == set()
    assert shop.processed.seen(SALES_CONSUMER, ["order:1"]) == {"order:1"}  # kept for good


def test_redis_keeps_every_message_until_every_group_has_handled_it(shop: Shop) -> None:
    commit_events(shop, [paid(order_id) for order_id in range(1, 6)])
    relay(shop)
    before = shop.stream.stats(SALES_STATS).length
    sales = consumer(shop, SALES_STATS)
    while sales.run_once(block_ms=0):
        pass
    assert shop.stream.trim() == 0  # the other groups have read nothing yet
    for group in consumer_groups(shop):
        other = consumer(shop, group)
        while other.run_once(block_ms=0):
            pass
    assert shop.stream.trim() == 0  # handled by every group, but kept for listeners a while
    later = RedisStream(
        shop.settings.redis_url or "", key=shop.settings.bus_stream, listeners_behind_ms=0
    )
    assert later.trim() == before
    assert shop.stream.stats(SALES_STATS).length == 0
    assert sales_totals(shop) == (5, 5, 500)


def test_dead_letters_go_back_once_their_cause_is_fixed(shop: Shop) -> None:
    assert shop.processed is not None
    broken = True
    handled: list[int] = []

    def handler(events: Sequence[Event]) -> None:
        if broken:
            raise RuntimeError("downstream is down")
        handled.extend(e.order_id for e in events if isinstance(e, OrderPaid))

    policy = RetryPolicy(max_attempts=1, first_backoff_ms=10, claim_idle_ms=200)
    group = GroupConsumer(
        "requeue-test", {OrderPaid: [handler]}, shop.stream, shop.processed, name="a", policy=policy
    )
    group.run_once(block_ms=0)
    commit_events(shop, [paid(21), paid(22)])
    relay(shop)
    group.run_once(block_ms=0)
    assert shop.stream.stats("requeue-test").dead == 2
    assert handled == []

    broken = False
    assert shop.stream.requeue_dead("requeue-test") == 2
    while group.run_once(block_ms=0):
        pass
    assert sorted(handled) == [21, 22]
    assert shop.stream.stats("requeue-test").dead == 0
    # Put back for this group only: every other group passes them by (those that had
    # handled them would skip them by message id; one that had dead-lettered them too would
    # have done so again, a second copy).
    assert [d.for_group for d in shop.stream.tail("0-0", 10, 0)][-2:] == ["requeue-test"] * 2
    sales = consumer(shop, SALES_STATS)
    while sales.run_once(block_ms=0):
        pass
    assert sales_totals(shop) == (2, 2, 200)
    assert shop.stream.stats(SALES_STATS).pending == 0


def test_without_redis_a_restart_loses_no_event_and_applies_none_twice(
    database_url: str, make_shop: Callable[..., Shop]
) -> None:
    """The in-process stream dies with its process: events it held (relayed, not handled
    yet) are relayed again by the next process; those handled before are not applied twice."""
    before = make_shop(database_url)  # no Redis: the embedded bus
    seed_small_catalog(before)
    sales = consumer(before, SALES_STATS)
    commit_events(before, [paid(order_id) for order_id in range(1, 5)])
    relay(before)
    while sales.run_once(block_ms=0):
        pass
    assert sales_totals(before)[0] == 4
    commit_events(before, [paid(order_id) for order_id in range(5, 11)])
    relay(before)  # relayed, then the process stops before handling them

    after = make_shop(database_url)  # the restart: a new, empty in-process stream
    relay(after)
    restarted = consumer(after, SALES_STATS)
    while restarted.run_once(block_ms=0):
        pass
    assert sales_totals(after) == (10, 10, 1_000)


def test_consumers_of_processes_gone_leave_their_group_and_the_others_stay(shop: Shop) -> None:
    """A name is new at each process start: the group listed every process that ever ran
    (QA). One holding nothing, silent and no longer beating goes; one holding a message, or
    beating, stays."""
    assert isinstance(shop.stream, RedisStream)
    consumer(shop, SALES_STATS, name="holding").run_once(block_ms=0)  # the group, made
    commit_events(shop, [paid(1), paid(2), paid(3)])
    relay(shop)
    for name in ("gone", "beating"):  # each handles one (Redis makes a consumer as it reads)
        [delivery] = shop.stream.read_new(SALES_STATS, name, 1, 0)
        shop.stream.ack(SALES_STATS, [delivery.stream_id])
    assert len(shop.stream.read_new(SALES_STATS, "holding", 1, 0)) == 1  # held, unacked
    shop.stream.mark_alive("beating", 60_000)
    client = redis.Redis.from_url(shop.settings.effective_cache_redis_url or "")
    key = shop.settings.bus_stream
    assert shop.stream.forget_gone_consumers(SALES_STATS, 60_000) == 0  # not silent long
    assert shop.stream.forget_gone_consumers(SALES_STATS, 0) == 1
    names = {c["name"].decode() for c in client.xinfo_consumers(key, SALES_STATS)}
    assert names == {"holding", "beating"}
