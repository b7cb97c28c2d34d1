"""The readiness probe says what is down; why it is down goes to the log only."""

from __future__ import annotations

import asyncio
import json
import logging
import threading
import time

import pytest
import redis
from sqlalchemy import create_engine
from starlette.requests import Request

from storefront.adapters.probes import settings_refused, within
from storefront.api import health
from storefront.bootstrap import Shop, set_shop


@pytest.fixture(autouse=True)
def each_probe_fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests change the shop between two probes: no answer shared between them."""
    monkeypatch.setattr(health, "SHARED_SECONDS", -1.0)
    monkeypatch.setattr(health, "_failing", set())


async def test_an_unreachable_database_is_unavailable_without_the_error_text(
    fake_shop: Shop, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def refuse() -> None:
        raise OSError('connection to "db.internal" as user "shop" refused')

    monkeypatch.setattr(health, "_check_database", refuse)
    set_shop(fake_shop)
    try:
        with caplog.at_level(logging.WARNING, logger="storefront.api.health"):
            response = await health.readyz(Request({"type": "http"}))
    finally:
        set_shop(None)
    assert response.status_code == 503
    assert json.loads(response.body) == {
        "status": "unavailable",
        "database": "unavailable",
        "search": "loading",
    }
    assert caplog.messages == [
        'readyz: database unavailable: OSError: connection to "db.internal" as user "shop" refused'
    ]


async def test_a_check_that_timed_out_is_logged_as_such_not_as_the_database_s_error(
    fake_shop: Shop, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A worker busy loading its model at start answered late while PostgreSQL was fine,
    and the log said "database unavailable" (QA): the check's own timeout says so."""
    released = threading.Event()
    engine = create_engine("sqlite://")

    def timed_out() -> str:
        # The probe's real timeout, on a call that answers only once it has struck.
        return within(engine, "test-busy", released.wait, 0.01)  # type: ignore[return-value]

    monkeypatch.setattr(health, "_check_database", timed_out)
    try:
        with caplog.at_level(logging.WARNING, logger="storefront.api.health"):
            status, body = await readiness(fake_shop)
    finally:
        released.set()
    assert (status, body["database"]) == (503, "unavailable")
    assert caplog.messages == [
        "readyz: database check timed out (no answer within 0.01 s), with no error from it: "
        "this process may be busy (loading its model at start), or the server slow to answer"
    ]


async def test_an_outage_is_logged_when_it_starts_and_when_it_ends_not_at_every_probe(
    fake_shop: Shop, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    down = True

    def database() -> str:
        if down:
            raise OSError("connection refused")
        return "ok"

    monkeypatch.setattr(health, "_check_database", database)
    with caplog.at_level(logging.INFO, logger="storefront.api.health"):
        for _ in range(3):
            assert (await readiness(fake_shop))[1]["database"] == "unavailable"
        down = False
        for _ in range(2):
            assert (await readiness(fake_shop))[1]["database"] == "ok"
        down = True
        assert (await readiness(fake_shop))[1]["database"] == "unavailable"
    assert [(r.levelname, r.message) for r in caplog.records] == [
        ("WARNING", "readyz: database unavailable: OSError: connection refused"),
        ("INFO", "readyz: database answers again"),  # the end of it: no warning (QA)
        ("WARNING", "readyz: database unavailable: OSError: connection refused"),
    ]


async def readiness(shop: Shop) -> tuple[int, dict[str, str]]:
    set_shop(shop)
    try:
        response = await health.readyz(Request({"type": "http"}))
    finally:
        set_shop(None)
    return response.status_code, json.loads(response.body)


async def test_a_search_index_not_loaded_yet_is_unavailable(fake_shop: Shop) -> None:
    assert await readiness(fake_shop) == (
        503,
        {"status": "unavailable", "database": "ok", "search": "loading"},
    )
    fake_shop.search_loaded = True
    assert await readiness(fake_shop) == (200, {"status": "ok", "database": "ok", "search": "ok"})


async def test_an_unreachable_cache_and_bus_redis_is_degraded_but_ready(fake_shop: Shop) -> None:
    # Nothing listens on port 1: the separate cache/bus Redis is down.
    fake_shop.settings = fake_shop.settings.model_copy(
        update={"cache_redis_url": "redis://127.0.0.1:1/0"}
    )
    fake_shop.search_loaded = True
    assert await readiness(fake_shop) == (
        200,
        {"status": "degraded", "database": "ok", "cache_bus_redis": "unavailable", "search": "ok"},
    )


def test_only_answers_that_no_wait_will_change_are_refused_settings() -> None:
    """A Redis failing over answers MASTERDOWN or TRYAGAIN, a busy one BUSY: outages, which
    the units restart on (exit 3), unlike a typo's refusal (exit 2)."""
    refused = (
        redis.AuthenticationError("invalid password"),
        redis.exceptions.NoPermissionError("NOPERM this user has no permissions"),
        redis.ResponseError("DB index is out of range"),
        OSError('FATAL:  database "shop" does not exist'),
        OSError('FATAL:  password authentication failed for user "shop"'),
        # libpq's own refusals of the URL's options (QA: both waited as outages).
        OSError('connection is bad: invalid sslmode value: "bogus"'),
        OSError(
            'connection failed: connection to server at "127.0.0.1", port 5432 failed: '
            "server does not support SSL, but SSL was required"
        ),
        OSError('invalid connection option "sslmod"'),
    )
    passing = (
        redis.exceptions.MasterDownError("MASTERDOWN Link with MASTER is down"),
        redis.exceptions.TryAgainError("TRYAGAIN"),
        redis.ResponseError("BUSY Redis is busy running a script"),
        redis.ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused."),
        OSError("FATAL:  the database system is starting up"),
    )
    assert [settings_refused(exc) for exc in refused] == [True] * len(refused)
    assert [settings_refused(exc) for exc in passing] == [False] * len(passing)


async def test_probes_within_a_second_share_one_answer(
    fake_shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Shoppers' pages waiting for the shop ask every few seconds: one probe answers all
    who ask within SHARED_SECONDS, then the next probe looks again."""
    probes = []

    def count() -> str:
        probes.append(1)
        return "ok"

    monkeypatch.setattr(health, "_check_database", count)
    monkeypatch.setattr(health, "SHARED_SECONDS", 60.0)
    fake_shop.search_loaded = True
    first, second = await readiness(fake_shop), await readiness(fake_shop)
    assert first == second == (200, {"status": "ok", "database": "ok", "search": "ok"})
    assert len(probes) == 1
    monkeypatch.setattr(health, "SHARED_SECONDS", -1.0)
    fake_shop.search_loaded = False
    assert await readiness(fake_shop) == (
        503,
        {"status": "unavailable", "database": "ok", "search": "loading"},
    )
    assert len(probes) == 2


async def test_a_probe_still_running_answers_everyone_who_asks_meanwhile(
    fake_shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A silent database holds a probe for seconds: those asking meanwhile wait for its
    answer rather than start probes of their own beside it (review)."""
    probes = []

    def slow() -> str:
        probes.append(1)
        time.sleep(0.3)
        return "ok"

    monkeypatch.setattr(health, "_check_database", slow)  # SHARED_SECONDS -1: none after
    set_shop(fake_shop)
    try:
        answers = await asyncio.gather(
            *(health.readyz(Request({"type": "http"})) for _ in range(3))
        )
        assert [a.status_code for a in answers] == [503] * 3  # the index is loading
        assert len(probes) == 1
        await health.readyz(Request({"type": "http"}))
        assert len(probes) == 2
    finally:
        set_shop(None)
