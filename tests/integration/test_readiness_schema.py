"""/readyz on a real database whose schema is not this release's: `outdated` and 503, the
reason (which revision, run migrate) in the log; ready once migrated."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import text
from starlette.requests import Request

from storefront.adapters.migrations import head_revisions, upgrade_database
from storefront.api import health
from storefront.bootstrap import Shop, set_shop


@pytest.fixture(autouse=True)
def each_probe_fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests migrate between two probes: no answer shared between them, and nothing
    logged yet in this process."""
    monkeypatch.setattr(health, "SHARED_SECONDS", -1.0)
    monkeypatch.setattr(health, "_schema_said", "ok")


async def database_state(shop: Shop) -> tuple[int, str]:
    set_shop(shop)
    try:
        response = await health.readyz(Request({"type": "http"}))
    finally:
        set_shop(None)
    return response.status_code, json.loads(response.body)["database"]


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
async def test_a_database_never_migrated_is_outdated_until_migrated(
    kind: str,
    tmp_path: Path,
    request: pytest.FixtureRequest,
    make_shop: Callable[..., Shop],
    caplog: pytest.LogCaptureFixture,
) -> None:
    if kind == "sqlite":
        url = f"sqlite:///{tmp_path / 'empty.db'}"
    else:
        url = str(request.getfixturevalue("empty_postgres_url"))
    shop = make_shop(url)
    with caplog.at_level(logging.INFO, logger="storefront.api.health"):
        for _ in range(3):  # logged once, not at every probe
            assert await database_state(shop) == (503, "outdated")
        upgrade_database(shop.settings.sqlalchemy_url)
        for _ in range(2):
            assert (await database_state(shop))[1] == "ok"
    # Once when found, once when over, as an outage is (no line told of the end; QA).
    assert [(r.levelname, r.message) for r in caplog.records] == [
        (
            "WARNING",
            "readyz: database schema outdated: no schema (never migrated); "
            "run `python -m storefront.cli migrate`",
        ),
        ("INFO", "readyz: database schema is this release's again"),
    ]


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
async def test_a_schema_of_a_newer_release_is_ready_but_said(
    kind: str,
    request: pytest.FixtureRequest,
    make_shop: Callable[..., Shop],
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A rolling deploy: the new release migrated first. The old processes keep serving (all
    of them answering 503 would leave the load balancer nobody), but say they are behind."""
    shop = make_shop(str(request.getfixturevalue(f"{kind}_url")))
    assert shop.engine is not None
    shop.search_loaded = True  # as once the index is loaded: only the database is in question
    with shop.engine.begin() as connection:
        connection.execute(text("update alembic_version set version_num = 'f00dfeed0099'"))
    with caplog.at_level(logging.WARNING, logger="storefront.api.health"):
        first = await readiness(shop)
        second = await readiness(shop)
    assert first == second == (200, {"status": "degraded", "database": "newer", "search": "ok"})
    assert caplog.messages == [
        "readyz: database schema newer than this release: the schema is at f00dfeed0099, a "
        f"newer release's (this one's is {', '.join(sorted(head_revisions()))}); "
        "deploy that release here"
    ]


async def readiness(shop: Shop) -> tuple[int, dict[str, str]]:
    set_shop(shop)
    try:
        response = await health.readyz(Request({"type": "http"}))
    finally:
        set_shop(None)
    return response.status_code, json.loads(response.body)
