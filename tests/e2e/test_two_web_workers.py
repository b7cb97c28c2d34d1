"""Two web workers behind one Redis (production mode): a shopper's state survives being
served by either, and a product edit made elsewhere shows on both. Shoppers speak the Reflex
event protocol; which worker served an event is read from each worker's metrics file."""

from __future__ import annotations

import asyncio
import glob
import json
import os
import subprocess
import sys
import threading
import uuid
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
import redis
import socketio
from prometheus_client.mmap_dict import MmapedDict
from sqlalchemy import create_engine, text

from storefront.bootstrap import build_shop
from storefront.services.catalog_writer import set_variant_price
from tests.bench.bench_events import production_shop
from tests.conftest import settings_for
from tests.e2e.conftest import ROOT, shop_env

pytestmark = pytest.mark.e2e
T = TypeVar("T")
RECONNECTS = 16
MAX_VISITS = 200


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
        "checkout": CheckoutState.get_full_name(),
        "product_load": f"{ProductState.get_full_name()}.load",
        "product": ProductState.get_full_name(),
    }


async def visit(
    url: str,
    token: str,
    page: str,
    want: tuple[str, str],
    event: tuple[str, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Connect as a browser tab on `page` (hydrate), optionally send one event, and return
    every state var the server sent, merged. `want` (state, var) is the var the hydration,
    then the event, must send: waiting for it tells that each was processed."""
    client = socketio.AsyncClient(reconnection=False)
    merged: dict[str, Any] = {}
    updates: asyncio.Queue[dict[str, Any]] = asyncio.Queue()

    async def on_update(data: Any) -> None:
        delta = data.get("delta") or {}
        for path, values in delta.items():
            merged.setdefault(path, {}).update(values)
        updates.put_nowait(delta)

    client.on("event", on_update, namespace="/_event")
    renamed: list[str] = []  # Reflex renames a token it still sees connected elsewhere
    client.on("new_token", renamed.append, namespace="/_event")
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
    await sent(updates, want)  # the hydration sends the whole state
    if event is not None:
        name, payload = event
        await client.emit(
            "event", {"name": name, "payload": payload, "router_data": router}, namespace="/_event"
        )
        await sent(updates, want)
    await client.disconnect()
    assert not renamed, "the server still held this token for an earlier connection"
    return merged


async def sent(updates: asyncio.Queue[dict[str, Any]], want: tuple[str, str]) -> None:
    """Wait (30 s at most) for the next update that carries the var `want`."""
    state, name = want
    async with asyncio.timeout(30):
        while f"{name}_rx_state_" not in (await updates.get()).get(state, {}):
            pass


def var(states: dict[str, Any], state: str, name: str) -> Any:
    """A state var as the server sent it (Reflex suffixes the names in its updates)."""
    return states.get(state, {}).get(f"{name}_rx_state_")


def event_seconds(metrics_dir: Path, handler_suffix: str) -> dict[str, float]:
    """Per worker pid, the seconds spent in events of this handler so far (a sum that grows
    with every event the worker serves)."""
    seconds: dict[str, float] = {}
    for path in glob.glob(str(metrics_dir / "histogram_*.db")):
        for key, value, *_ in MmapedDict.read_all_values_from_file(path):
            _metric, sample, labels, *_rest = json.loads(key)
            if (
                sample == "boutique_event_seconds_sum"
                and labels.get("handler", "").endswith(handler_suffix)
                and value
            ):
                pid = Path(path).stem.rpartition("_")[2]
                seconds[pid] = seconds.get(pid, 0.0) + value
    return seconds


def on_both_workers(metrics_dir: Path, handler_suffix: str, visit_once: Callable[[], T]) -> list[T]:
    """Visit RECONNECTS times, then on until both workers have served `handler_suffix` since
    the first visit (the kernel may hand a run of connections to one), MAX_VISITS at most."""
    before = event_seconds(metrics_dir, handler_suffix)
    results: list[T] = []

    def workers() -> int:
        now = event_seconds(metrics_dir, handler_suffix)
        return sum(1 for pid, value in now.items() if value > before.get(pid, 0.0))

    while len(results) < RECONNECTS or (workers() < 2 and len(results) < MAX_VISITS):
        results.append(visit_once())
    assert workers() == 2, f"one worker served all {len(results)} visits"
    return results


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
    base = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    redis_url = base.rpartition("/")[0] + "/14"  # a database of its own: flushed here
    try:
        redis.Redis.from_url(redis_url, socket_connect_timeout=1).flushdb()
    except redis.RedisError as exc:
        pytest.skip(f"Redis not reachable at {redis_url}: {exc}")
    tmp = tmp_path_factory.mktemp("two-workers")
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
        [*cli, "seed", "--count", "300"], cwd=ROOT, env=env, check=True, capture_output=True
    )
    with production_shop(env, tmp / "shop.log") as url:
        yield url, env


def test_state_survives_either_worker_and_an_edit_shows_on_both(
    two_workers: tuple[str, dict[str, str]], tmp_path: Path
) -> None:
    url, env = two_workers
    metrics = Path(env["PROMETHEUS_MULTIPROC_DIR"])
    event_names = names()
    token = str(uuid.uuid4())

    country = (event_names["checkout"], "country")
    in_thread(
        visit(url, token, "/checkout", country, (event_names["set_country"], {"value": "DE"}))
    )
    countries = on_both_workers(
        metrics,
        "hydrate_and_load",
        lambda: var(in_thread(visit(url, token, "/checkout", country)), *country),
    )
    assert countries == ["DE"] * len(countries)

    slug, product_id, sku = single_variant_product(env["DATABASE_URL"])
    editor = build_shop(settings_for(env["DATABASE_URL"], tmp_path, redis_url=env["REDIS_URL"]))
    variants = (event_names["product"], "variants")
    load = (event_names["product_load"], {})
    in_thread(visit(url, str(uuid.uuid4()), f"/product/{slug}", variants, load))
    editor.run(set_variant_price, product_id, sku, 4_321)

    def price_shown() -> list[int]:
        state = in_thread(visit(url, str(uuid.uuid4()), f"/product/{slug}", variants, load))
        return [v["price_minor"] for v in var(state, *variants)]

    prices = on_both_workers(metrics, "product_state.load", price_shown)
    assert prices == [[4_321]] * len(prices)
