"""/metrics during an outage: `boutique_bus_up` 0 at every scrape, but the reason logged once
when it starts and a line once it ends, as /readyz does (every scrape, a few seconds apart,
logged a warning; QA). The database out of reach is a real closed port on 127.0.0.1."""

from __future__ import annotations

import logging
from collections.abc import Callable

import pytest

from storefront import metrics
from storefront.adapters.db import make_engine
from storefront.adapters.sql_outbox import SqlOutbox
from storefront.bootstrap import Shop
from storefront.metrics import render
from tests.ports import free_port


@pytest.fixture(autouse=True)
def _no_outage_yet(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(metrics, "_bus_failing", False)


def test_an_outage_is_logged_once_when_it_starts_and_once_when_it_ends(
    sqlite_url: str, make_shop: Callable[..., Shop], caplog: pytest.LogCaptureFixture
) -> None:
    shop = make_shop(sqlite_url)
    reachable = shop.engine, shop.outbox
    gone = make_engine(f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/x")
    try:
        with caplog.at_level(logging.INFO, logger=metrics.__name__):
            assert "boutique_bus_up 1.0" in render(shop)[0].decode()
            shop.engine, shop.outbox = gone, SqlOutbox(gone)
            for _ in range(3):
                assert "boutique_bus_up 0.0" in render(shop)[0].decode()
            shop.engine, shop.outbox = reachable
            for _ in range(2):
                assert "boutique_bus_up 1.0" in render(shop)[0].decode()
    finally:
        shop.engine, shop.outbox = reachable
        gone.dispose()
    said = [(r.levelname, r.getMessage()) for r in caplog.records]
    assert [level for level, _ in said] == ["WARNING", "INFO"], said
    assert said[0][1].startswith("bus metrics unavailable: (psycopg.OperationalError)")
    assert "Connection refused" in said[0][1]
    assert said[1][1] == "bus metrics available again"
