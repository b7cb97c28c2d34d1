"""/readyz on a real database whose schema is not this release's: `outdated` and 503, the
reason (which revision, run migrate) in the log; ready once migrated."""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest
from starlette.requests import Request

from storefront.adapters.migrations import upgrade_database
from storefront.api import health
from storefront.bootstrap import Shop, set_shop


@pytest.fixture
def empty_postgres(postgres_server: str) -> Iterator[str]:
    name = f"boutique_t_{uuid.uuid4().hex[:10]}_empty"
    with psycopg.connect(postgres_server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield f"{postgres_server.rpartition('/')[0]}/{name}"
    with psycopg.connect(postgres_server, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


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
        url = str(request.getfixturevalue("empty_postgres"))
    shop = make_shop(url)
    with caplog.at_level(logging.WARNING, logger="storefront.api.health"):
        assert await database_state(shop) == (503, "outdated")
    assert caplog.messages == [
        "readyz: database schema outdated: no schema (never migrated); "
        "run `python -m storefront.cli migrate`"
    ]
    upgrade_database(shop.settings.sqlalchemy_url)
    assert (await database_state(shop))[1] == "ok"
