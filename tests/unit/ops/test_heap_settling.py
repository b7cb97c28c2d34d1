"""A web process's start ends with the cache warmed, then the heap settled: what lives as
long as the process is frozen out of the garbage collector's full collections."""

from __future__ import annotations

import asyncio
import gc
import threading

import pytest

from storefront import lifespan
from storefront.bootstrap import Shop


def test_settling_freezes_what_lives_and_later_cycles_are_still_collected() -> None:
    alive = [object() for _ in range(1000)]
    try:
        lifespan.settle_heap()
        assert gc.get_freeze_count() >= len(alive)
        cycle: list[object] = []
        cycle.append(cycle)
        del cycle
        assert gc.collect() >= 1
    finally:
        gc.unfreeze()


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
