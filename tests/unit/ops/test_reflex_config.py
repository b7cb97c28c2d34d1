"""Reflex keeps its state where the shop's settings say Redis is, however the URL was given."""

from __future__ import annotations

import os
import runpy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from reflex.plugins import SitemapPlugin

from storefront.settings import get_settings

RXCONFIG = Path(__file__).resolve().parents[3] / "rxconfig.py"


@pytest.fixture
def fresh_settings(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    for name in ("REDIS_URL", "BOUTIQUE_REDIS_URL", "REFLEX_REDIS_URL"):
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
