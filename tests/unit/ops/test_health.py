"""The readiness probe says what is down; why it is down goes to the log only."""

from __future__ import annotations

import json
import logging

import pytest
from starlette.requests import Request

from storefront.api import health
from storefront.bootstrap import Shop, set_shop


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
