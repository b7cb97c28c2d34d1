"""Reflex keeps its state where the shop's settings say Redis is, however the URL was given."""

from __future__ import annotations

import os
import runpy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx2  # what starlette's TestClient is built on
import pytest
from reflex.plugins import SitemapPlugin
from starlette.applications import Starlette
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from storefront.settings import get_settings

RXCONFIG = Path(__file__).resolve().parents[3] / "rxconfig.py"


@pytest.fixture
def fresh_settings(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    for name in ("REDIS_URL", "BOUTIQUE_REDIS_URL", "REFLEX_REDIS_URL", "BOUTIQUE_API_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    get_settings.cache_clear()
    yield monkeypatch
    get_settings.cache_clear()


def reflex_config() -> Any:
    return runpy.run_path(str(RXCONFIG))["config"]


def test_the_boutique_redis_url_alias_puts_reflex_state_in_redis(
    fresh_settings: pytest.MonkeyPatch,
) -> None:
    fresh_settings.setenv("BOUTIQUE_REDIS_URL", "redis://state.internal:6379/2")
    config = reflex_config()
    assert config.redis_url == "redis://state.internal:6379/2"
    assert config.state_manager_mode == "redis"


def test_without_redis_reflex_state_stays_in_the_process(
    fresh_settings: pytest.MonkeyPatch,
) -> None:
    config = reflex_config()
    assert config.redis_url is None
    assert config.state_manager_mode == "memory"


def test_bad_settings_stop_reflex_with_the_settings_message(
    fresh_settings: pytest.MonkeyPatch,
) -> None:
    fresh_settings.setenv("REDIS_URL", "http://state.internal")
    with pytest.raises(SystemExit, match="Invalid Boutique settings"):
        reflex_config()


def test_reflex_writes_no_sitemap_of_its_own(fresh_settings: pytest.MonkeyPatch) -> None:
    """Its plugin is on by default and listed the admin: the shop serves its own."""
    config = reflex_config()
    assert not [plugin for plugin in config.plugins if isinstance(plugin, SitemapPlugin)]
    assert any(plugin.__class__.__name__ == "RadixThemesPlugin" for plugin in config.plugins)


@pytest.mark.parametrize(("timeout", "expiration"), [("30", 35_000), ("2", 10_000), ("0", 10_000)])
def test_a_sessions_lock_outlasts_the_webs_statement_timeout(
    fresh_settings: pytest.MonkeyPatch, timeout: str, expiration: int
) -> None:
    """Expiring first (10 s against 30 s), the lock lost a slow handler's work without a word
    (operator QA); the oplock's hold stays the 5 s it was measured with."""
    fresh_settings.setenv("BOUTIQUE_DB_STATEMENT_TIMEOUT_SECONDS", timeout)
    fresh_settings.delenv("REFLEX_OPLOCK_HOLD_TIME", raising=False)
    assert reflex_config().redis_lock_expiration == expiration
    assert os.environ["REFLEX_OPLOCK_HOLD_TIME"] == "5s"


def preflight(allowed: Any, origin: str) -> httpx2.Response:
    """A preflight asked of Starlette's CORS middleware as Reflex adds it (reflex/app.py)."""

    async def page(_request: Request) -> PlainTextResponse:
        return PlainTextResponse("page")

    app = CORSMiddleware(
        Starlette(routes=[Route("/api/session", page, methods=["POST"])]),
        allow_credentials=True,
        allow_methods=["*"],
        allow_headers=["*"],
        allow_origins=allowed,
    )
    headers = {"Origin": origin, "Access-Control-Request-Method": "POST"}
    return TestClient(app).options("/api/session", headers=headers)


def test_no_other_sites_page_may_read_the_shops_answers(
    fresh_settings: pytest.MonkeyPatch,
) -> None:
    """Reflex's "*" with credentials granted any origin's preflight, cookies included (QA);
    one port serves pages and API, so none is granted. The event socket's origin is checked
    by api/origin_check.py: the empty list turns python-engineio's own check off."""
    fresh_settings.setenv("BOUTIQUE_PUBLIC_URL", "https://shop.example")
    config = reflex_config()
    assert list(config.cors_allowed_origins) == []
    refused = preflight(config.cors_allowed_origins, "https://evil.example")
    assert refused.status_code == 400
    assert "access-control-allow-origin" not in refused.headers
    assert "access-control-allow-origin" not in preflight([], "https://shop.example").headers


def test_pages_on_another_port_in_dev_mode_may_read_the_api(
    fresh_settings: pytest.MonkeyPatch,
) -> None:
    """Dev mode: pages on the public address's port, API on BOUTIQUE_API_BASE_URL's."""
    fresh_settings.setenv("BOUTIQUE_PUBLIC_URL", "http://127.0.0.1:3000")
    fresh_settings.setenv("BOUTIQUE_API_BASE_URL", "http://localhost:8000")
    allowed = reflex_config().cors_allowed_origins
    assert list(allowed) == ["http://localhost:3000", "http://127.0.0.1:3000", "http://[::1]:3000"]
    granted = preflight(allowed, "http://localhost:3000")
    assert granted.headers["access-control-allow-origin"] == "http://localhost:3000"
    assert "access-control-allow-origin" not in preflight(allowed, "https://evil.example").headers
