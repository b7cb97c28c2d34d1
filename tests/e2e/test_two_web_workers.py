"""Two web workers behind one Redis (production mode): a shopper's state survives being
served by either, a product edit made elsewhere shows on both, and a worker killed is replaced
while the other serves. Shoppers speak the Reflex event protocol; which worker served an event
is read from each worker's metrics file."""

from __future__ import annotations

import asyncio
import glob
import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
import redis
import socketio
from prometheus_client.mmap_dict import MmapedDict
from sqlalchemy import create_engine, text

from storefront.bootstrap import build_shop
from storefront.services.product_edits import set_variant_price
from tests.conftest import settings_for
from tests.e2e.conftest import ROOT, shop_env
from tests.redis_process import PrivateRedis
from tests.shop_server import production_shop

# A shop of its own (two workers) built from the project folder: after the session shop.
pytestmark = [pytest.mark.e2e, pytest.mark.own_shop]
T = TypeVar("T")
RECONNECTS = 16


def in_thread(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to completion off the main thread (Playwright's sync API may hold
    the main thread's event loop)."""
    result: list[T] = []
    worker = threading.Thread(target=lambda: result.append(asyncio.run(coroutine)))
    worker.start()
    worker.join(120)
    assert result, "the shopper did not finish"
    return result[0]


def names() -> dict[str, str]:
    from reflex.state import State

    from state.checkout import CheckoutState
    from state.product import ProductState

    return {
        "hydrate": f"{State.get_full_name()}.hydrate_and_load",
        "set_country": f"{CheckoutState.get_full_name()}.set_country",
        "set_method": f"{CheckoutState.get_full_name()}.set_shipping_method",
        "checkout": CheckoutState.get_full_name(),
        "product_load": f"{ProductState.get_full_name()}.load",
        "product": ProductState.get_full_name(),
    }


async def visit(
    url: str, token: str, page: str, event: tuple[str, dict[str, Any]] | None
) -> dict[str, Any]:
    """Connect as a browser tab on `page` (hydrate), optionally send one event, and return
    every state var the server sent, merged."""
    client = socketio.AsyncClient(reconnection=False)
    merged: dict[str, Any] = {}
    updates: asyncio.Queue[None] = asyncio.Queue()

    async def on_update(data: Any) -> None:
        for path, values in (data.get("delta") or {}).items():
            merged.setdefault(path, {}).update(values)
        updates.put_nowait(None)

    client.on("event", on_update, namespace="/_event")
    router = {"pathname": page, "asPath": page}
    hydrate = {"name": names()["hydrate"], "payload": {}, "router_data": router}
    await client.connect(
        f"{url}?token={token}",
        socketio_path="/_event",
        namespaces=["/_event"],
        transports=["websocket"],
        auth={"event": hydrate},
        wait_timeout=30,
    )
    await quiet(updates)
    if event is not None:
        name, payload = event
        await client.emit(
            "event", {"name": name, "payload": payload, "router_data": router}, namespace="/_event"
        )
        await asyncio.wait_for(updates.get(), 30)
        await quiet(updates)
    await client.disconnect()
    return merged


async def tabs(
    url: str, page: str, event: tuple[str, dict[str, Any]], count: int
) -> list[dict[str, Any]]:
    """`visit` from `count` new tabs, four at a time (each its own token, so spread over the
    workers as browsers are; more at once on two cores could leave a gap in a tab's answers
    longer than `quiet` waits), each tab's state vars."""
    gate = asyncio.Semaphore(4)

    async def one() -> dict[str, Any]:
        async with gate:
            return await visit(url, str(uuid.uuid4()), page, event)

    return list(await asyncio.gather(*(one() for _ in range(count))))


async def quiet(updates: asyncio.Queue[None], seconds: float = 0.7) -> None:
    while True:
        try:
            await asyncio.wait_for(updates.get(), seconds)
        except TimeoutError:
            return


def var(states: dict[str, Any], state: str, name: str) -> Any:
    """A state var as the server sent it (Reflex suffixes the names in its updates)."""
    return states.get(state, {}).get(f"{name}_rx_state_")


def served_by(metrics_dir: Path, handler_suffix: str) -> set[str]:
    """The pids of the workers that timed an event of this handler."""
    pids = set()
    for path in glob.glob(str(metrics_dir / "histogram_*.db")):
        for key, value, *_ in MmapedDict.read_all_values_from_file(path):
            _metric, sample, labels, *_rest = json.loads(key)
            if (
                sample == "boutique_event_seconds_sum"
                and labels.get("handler", "").endswith(handler_suffix)
                and value
            ):
                pids.add(Path(path).stem.rpartition("_")[2])
    return pids


def single_variant_product(database_url: str) -> tuple[str, int, str]:
    engine = create_engine(database_url)
    with engine.connect() as connection:
        row = connection.execute(
            text(
                "select p.slug, p.id, min(v.sku) from product p "
                "join variant v on v.product_id = p.id where p.status = 'active' "
                "group by p.id having count(*) = 1 order by p.id limit 1"
            )
        ).one()
    engine.dispose()
    return str(row[0]), int(row[1]), str(row[2])


@pytest.fixture(scope="module")
def two_workers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    tmp = tmp_path_factory.mktemp("two-workers")
    server = PrivateRedis(tmp / "redis")  # of its own: no other test's keys, no flush
    server.start()
    redis_url = server.url
    env = shop_env(tmp) | {
        "REDIS_URL": redis_url,
        "GRANIAN_WORKERS": "2",
        "REFLEX_OPLOCK_ENABLED": "true",
        "PROMETHEUS_MULTIPROC_DIR": str(tmp / "metrics"),
    }
    (tmp / "metrics").mkdir()
    cli = [sys.executable, "-m", "storefront.cli"]
    subprocess.run([*cli, "migrate"], cwd=ROOT, env=env, check=True, capture_output=True)
    subprocess.run(
        [*cli, "seed", "--demo-orders", "--count", "300"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    try:
        with production_shop(env, tmp / "shop.log") as url:
            yield url, env
    finally:
        server.stop()


def test_state_survives_either_worker_and_an_edit_shows_on_both(
    two_workers: tuple[str, dict[str, str]], tmp_path: Path
) -> None:
    url, env = two_workers
    metrics = Path(env["PROMETHEUS_MULTIPROC_DIR"])
    event_names = names()
    token = str(uuid.uuid4())

    in_thread(visit(url, token, "/checkout", (event_names["set_country"], {"value": "DE"})))
    countries = [
        var(in_thread(visit(url, token, "/checkout", None)), event_names["checkout"], "country")
        for _ in range(RECONNECTS)
    ]
    assert countries == ["DE"] * RECONNECTS
    workers = {str(pid) for pid in web_workers(str(metrics))}  # not the ones killed later
    assert len(served_by(metrics, "hydrate_and_load") & workers) == 2, "one worker served all"

    slug, product_id, sku = single_variant_product(env["DATABASE_URL"])
    editor = build_shop(settings_for(env["DATABASE_URL"], tmp_path, redis_url=env["REDIS_URL"]))
    load = (event_names["product_load"], {})
    for _ in range(2):  # both workers hold the page in their caches
        in_thread(tabs(url, f"/product/{slug}", load, RECONNECTS // 2))
        if len(served_by(metrics, "product_state.load") & workers) == 2:
            break
    assert len(served_by(metrics, "product_state.load") & workers) == 2, "one worker served all"
    editor.run(set_variant_price, product_id, sku, 4_321)
    states = in_thread(tabs(url, f"/product/{slug}", load, RECONNECTS))
    prices = [
        [v["price_minor"] for v in var(state, event_names["product"], "variants")]
        for state in states
    ]
    assert prices == [[4_321]] * RECONNECTS


def web_workers(metrics_dir: str) -> set[int]:
    """The pids of this shop's web workers: the processes started with its metrics folder
    whose parent (Granian's supervisor) was too, and that have no such children (with
    REFLEX_LOG_JSON, `reflex run` adds a process above the supervisor)."""
    marker = f"PROMETHEUS_MULTIPROC_DIR={metrics_dir}".encode()
    ours: dict[int, int] = {}  # pid -> parent pid
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and marker in (proc / "environ").read_bytes().split(b"\0"):
                # /proc/PID/stat: "pid (name) state ppid ...", the name in parentheses.
                parent = (proc / "stat").read_text().rpartition(")")[2].split()[1]
                ours[int(proc.name)] = int(parent)
        except OSError:  # gone meanwhile, or not ours to read
            continue
    parents = set(ours.values())
    return {pid for pid, parent in ours.items() if parent in ours and pid not in parents}


def test_a_web_worker_killed_is_replaced_while_the_other_serves(
    two_workers: tuple[str, dict[str, str]],
) -> None:
    url, env = two_workers
    metrics = env["PROMETHEUS_MULTIPROC_DIR"]
    before = web_workers(metrics)
    assert len(before) == 2, before
    token = str(uuid.uuid4())
    in_thread(visit(url, token, "/checkout", (names()["set_method"], {"value": "express"})))
    (victim,) = served_by(Path(metrics), "set_shipping_method")  # this test's event only
    # Reflex keeps a tab's state in the worker's memory while it holds the tab's lock (at
    # most 5 s) and writes it to Redis when it lets go: wait for that.
    locks = redis.Redis.from_url(env["REDIS_URL"])
    try:
        deadline = time.monotonic() + 30
        while locks.keys(f"*{token}*_lock"):
            assert time.monotonic() < deadline, "the worker kept the tab's lock"
            time.sleep(0.2)
    finally:
        locks.close()

    os.kill(int(victim), signal.SIGKILL)
    deadline = time.monotonic() + 60
    while True:
        after = web_workers(metrics)
        if len(after) == 2 and int(victim) not in after:
            break
        assert after, "the whole server stopped with the worker"
        assert time.monotonic() < deadline, f"no worker replaced the killed one: {after}"
        time.sleep(0.5)
    (replacement,) = after - before
    # The tab's state is in Redis: the worker serving it has it, the replacement too (the
    # tab comes back until the replacement has served it once).
    deadline = time.monotonic() + 90
    while str(replacement) not in served_by(Path(metrics), "hydrate_and_load"):
        state = in_thread(visit(url, token, "/checkout", None))
        assert var(state, names()["checkout"], "shipping_method") == "express"
        assert time.monotonic() < deadline, "the replacement never served the tab"
    assert web_workers(metrics) == after
