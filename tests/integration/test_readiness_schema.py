"""/readyz on a real database whose schema is not this release's: `outdated` and 503, the
reason (which revision, run migrate) in the log; ready once migrated."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path

import pytest
from starlette.requests import Request

from storefront.adapters.migrations import upgrade_database
from storefront.api import health
from storefront.bootstrap import Shop, set_shop


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
    with caplog.at_level(logging.WARNING, logger="storefront.api.health"):
        assert await database_state(shop) == (503, "outdated")
    assert caplog.messages == [
        "readyz: database schema outdated: no schema (never migrated); "
        "run `python -m storefront.cli migrate`"
    ]
    upgrade_database(shop.settings.sqlalchemy_url)
    assert (await database_state(shop))[1] == "ok"
