"""A web process's start ends with the cache warmed, then the heap settled: what lives as
long as the process is frozen out of the garbage collector's full collections."""

from __future__ import annotations

import asyncio
import gc
import logging
import threading
import weakref

import pytest
from sqlalchemy.exc import InterfaceError

from storefront import lifespan
from storefront.bootstrap import Shop


class Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the collector frees it


def test_settling_collects_the_garbage_before_freezing_what_lives(
    caplog: pytest.LogCaptureFixture,
) -> None:
    garbage, alive = Node(), Node()
    gone, kept = weakref.ref(garbage), weakref.ref(alive)
    del garbage
    gc.disable()  # no collection but the one settling does
    try:
        with caplog.at_level(logging.INFO, logger="storefront.lifespan"):
            lifespan.settle_heap()
        assert gone() is None  # collected first, not frozen for good
        assert kept() is alive
        assert gc.get_freeze_count() > 0
        assert lifespan.STARTED in caplog.text  # what the benchmarks wait for
        del alive
        gc.collect()
        assert kept() is not None  # frozen: full collections no longer walk it
    finally:
        gc.unfreeze()
        gc.enable()
    gc.collect()
    assert kept() is None


@pytest.mark.parametrize("stopped", [False, True])
async def test_the_start_waits_for_the_search_index_then_warms_then_settles(
    fake_shop: Shop, monkeypatch: pytest.MonkeyPatch, stopped: bool
) -> None:
    steps: list[str] = []

    async def warm(shop: Shop, stopping: threading.Event) -> None:
        steps.append("warm")

    monkeypatch.setattr(lifespan, "warm_cache", warm)
    monkeypatch.setattr(lifespan, "settle_heap", lambda: steps.append("settle"))
    monkeypatch.setattr(fake_shop, "search_store", object())
    fake_shop.search_loaded = False
    stopping = threading.Event()
    start = asyncio.create_task(lifespan.finish_start(fake_shop, stopping))
    await asyncio.sleep(0.05)
    assert steps == []  # the warm-up needs the index's ranking
    fake_shop.search_loaded = True
    if stopped:
        stopping.set()
    await asyncio.wait_for(start, 3)
    assert steps == (["warm"] if stopped else ["warm", "settle"])


async def test_a_warm_up_the_database_interrupted_is_tried_again_and_other_failures_are_not(
    fake_shop: Shop, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """The database restarting during a web process's first minutes ended its warm-up for
    good, its pages then each read on their first view (QA)."""
    lost = InterfaceError("select", {}, Exception("the connection is closed"))
    failures: list[Exception] = [lost]
    calls: list[int] = []

    def warm(catalog: object, product_ids: list[int], **_: object) -> int:
        calls.append(len(product_ids))
        if len(calls) == 1:
            raise failures[0]
        return len(product_ids)

    monkeypatch.setattr(lifespan, "warm_catalog", warm)
    monkeypatch.setattr(lifespan, "WARM_RETRY_SECONDS", 0.0)
    monkeypatch.setattr(fake_shop, "search_store", object())

    class Ranked:
        def by_popularity(self) -> list[int]:
            return [3, 1, 2]

    monkeypatch.setattr(fake_shop, "search_index", Ranked)
    with caplog.at_level(logging.INFO, logger="storefront.lifespan"):
        await lifespan.warm_cache(fake_shop, threading.Event())
    assert calls == [3, 3]
    assert "warming the cache paused, the database out of reach" in caplog.text
    assert "cache warmed: 3 product pages" in caplog.text

    calls.clear()
    caplog.clear()
    failures[0] = RuntimeError("a bug")  # not an outage: given up at once, as before
    with caplog.at_level(logging.INFO, logger="storefront.lifespan"):
        await lifespan.warm_cache(fake_shop, threading.Event())
    assert calls == [3]
    assert "warming the cache failed" in caplog.text
    assert "cache warmed" not in caplog.text
