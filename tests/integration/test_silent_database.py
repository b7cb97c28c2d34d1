"""A database that accepts connections but never answers (a hung server, a proxy that
stopped forwarding): `check-settings`, /readyz and /metrics say so within seconds instead of
waiting for ever. The database here is a real listener on the loopback that accepts and
never replies."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from starlette.requests import Request

from storefront.adapters.db import make_engine
from storefront.adapters.sql_outbox import SqlOutbox
from storefront.api import health
from storefront.bootstrap import Shop, set_shop
from storefront.metrics import render

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port on 127.0.0.1 that accepts connections and never sends a byte."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    server.settimeout(0.1)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield int(server.getsockname()[1])
    stop.set()
    thread.join(5)
    server.close()
    for connection in held:
        connection.close()


def test_check_settings_names_a_database_that_never_answers(
    silent_port: int, tmp_path: Path
) -> None:
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "storefront.cli", "check-settings"],
        cwd=ROOT,
        env={
            "PATH": "/usr/bin:/bin",
            "HOME": str(tmp_path),
            "DATABASE_URL": f"postgresql://postgres@127.0.0.1:{silent_port}/x",
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 3, done.stdout + done.stderr  # an outage: tried again
    assert done.stdout.splitlines()[1] == (
        f"  DATABASE_URL: cannot reach postgresql://***@127.0.0.1:{silent_port}/x: "
        "no answer within 5 s (something accepts connections there but does not speak to it)"
    )
    assert time.monotonic() - started < 20


async def test_readyz_answers_503_while_the_database_never_answers(
    silent_port: int, sqlite_url: str, make_shop: Callable[..., Shop]
) -> None:
    shop = make_shop(sqlite_url)
    shop.engine = make_engine(f"postgresql+psycopg://postgres@127.0.0.1:{silent_port}/x")
    set_shop(shop)
    try:
        for _ in range(3):  # the probe still waiting is waited on, not started again
            started = time.monotonic()
            response = await health.readyz(Request({"type": "http"}))
            assert time.monotonic() - started < 3.5
            assert response.status_code == 503
            assert json.loads(response.body)["database"] == "unavailable"
            probes = [t for t in threading.enumerate() if t.name == "probe-ping"]
            assert len(probes) <= 1
    finally:
        set_shop(None)
        shop.engine.dispose()


def test_metrics_answer_while_the_database_never_answers(
    silent_port: int, sqlite_url: str, make_shop: Callable[..., Shop]
) -> None:
    shop = make_shop(sqlite_url)
    silent = make_engine(f"postgresql+psycopg://postgres@127.0.0.1:{silent_port}/x")
    shop.engine, shop.outbox = silent, SqlOutbox(silent)
    try:
        started = time.monotonic()
        body, _ = render(shop)
        assert time.monotonic() - started < 3.5
        assert "boutique_bus_up 0.0" in body.decode()
    finally:
        silent.dispose()
