"""A Reflex event handler's crash goes to the shop's log, one JSON line with the event's id,
and the shopper sees the toast Reflex's own handler would show."""

from __future__ import annotations

import asyncio
import contextvars
import io
import json
import logging
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import pytest
import redis
import reflex as rx
from reflex.app import default_backend_exception_handler
from reflex_base.event.processor.base_state_processor import BaseStateEventProcessor
from reflex_base.utils.log import _to_records

from components.failure_notices import reflex_error_toast
from storefront.event_failures import log_backend_exception
from storefront.logs import EVENT_ID, JsonFormatter, log_frontend_exception
from storefront.metrics import time_reflex_events
from storefront.settings import get_settings

CART_ADD = "reflex___state____state.storefront___state____cart_state.add"


@pytest.fixture
def json_lines() -> Iterator[io.StringIO]:
    """What the shop's loggers write with BOUTIQUE_LOG_FORMAT=json."""
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(JsonFormatter())
    shop_log = logging.getLogger("storefront")
    shop_log.addHandler(handler)
    try:
        yield out
    finally:
        shop_log.removeHandler(handler)


async def failing_event(self: Any, *, entry: Any, registered_handler: Any) -> None:
    raise ValueError("no such variant")


def run_failing_event(monkeypatch: pytest.MonkeyPatch) -> Exception:
    """A cart event that raises, through the event timer, in a context of its own (Reflex
    runs each event in a task, and its exception handler in another)."""
    monkeypatch.setattr(BaseStateEventProcessor, "_execute_event", failing_event)
    time_reflex_events()
    entry = SimpleNamespace(event=SimpleNamespace(name=CART_ADD))
    run = BaseStateEventProcessor._execute_event(None, entry=entry, registered_handler=None)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="no such variant") as raised:
        contextvars.copy_context().run(asyncio.run, run)
    return raised.value


def test_a_failed_event_is_one_json_line_with_the_event_id(
    monkeypatch: pytest.MonkeyPatch, json_lines: io.StringIO
) -> None:
    exception = run_failing_event(monkeypatch)
    assert EVENT_ID.get() == ""  # the handler's context, as in Reflex: not the event's

    log_backend_exception(exception)

    [line] = json_lines.getvalue().splitlines()
    entry = json.loads(line)
    assert entry["level"] == "error"
    assert entry["logger"] == "storefront.logs"
    assert entry["message"] == "event handler failed: ValueError: no such variant"
    assert entry["event_id"].startswith("cart_state.add:")
    assert len(entry["event_id"]) == len("cart_state.add:") + 12
    assert "in failing_event" in entry["error"]
    assert entry["error"].endswith("ValueError: no such variant")
    assert EVENT_ID.get() == ""


def test_in_production_the_shopper_is_told_in_the_shops_language_on_a_phones_width(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Reflex's production toast was English in a French shop ("Contact the website
    administrator."), and 500 px wide on a 375 px phone."""
    monkeypatch.setattr("reflex.utils.exec.is_prod_mode", lambda: True)
    for language, title in (("fr", "Un problème est survenu."), ("en", "Something went wrong.")):
        monkeypatch.setenv("BOUTIQUE_LANGUAGE", language)
        get_settings.cache_clear()
        said = str(reflex_error_toast(KeyError("size")).args)
        assert title in said
        assert "size" not in said  # no detail of the error in production
        assert "min(500px, calc(100vw - 2em))" in said
    get_settings.cache_clear()


def test_the_shopper_sees_the_toast_reflex_shows(caplog: pytest.LogCaptureFixture) -> None:
    failure = KeyError("size")
    with caplog.at_level(logging.CRITICAL, logger="reflex"):
        expected = default_backend_exception_handler(failure)
    assert str(reflex_error_toast(failure).args) == str(expected.args)
    assert str(log_backend_exception(failure).args) == str(expected.args)


def test_an_event_failed_on_a_part_out_of_reach_reloads_the_page_once_it_is_back(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The Redis of the pages' state stopped: the event is gone, and a page loaded
    meanwhile stayed a spinner for good (QA). The page says so and waits for /readyz."""
    with caplog.at_level(logging.CRITICAL, logger="storefront"):
        said = log_backend_exception(redis.ConnectionError("Error 111 connecting"))
    assert said.handler.fn.__qualname__ == "_call_script"
    script = said.args[0][1]._js_expr
    assert "readyz" in script
    assert "location.reload()" in script
    assert "injoignable" in script
    assert "can't be reached" in script
    # Not what /readyz does not see: the page would reload into the same failure (review).
    for other in (
        KeyError("size"),
        redis.ResponseError("WRONGTYPE"),
        redis.exceptions.ReadOnlyError("READONLY You can't write against a read only replica"),
    ):
        assert "readyz" not in str(log_backend_exception(other).args)


def test_the_app_accepts_the_handlers() -> None:
    """Reflex checks an exception handler's signature when the app is set up (here without
    building a second app: a process has one)."""
    handlers = SimpleNamespace(
        backend_exception_handler=log_backend_exception,
        frontend_exception_handler=log_frontend_exception,
    )
    rx.App._validate_exception_handlers(handlers)  # type: ignore[arg-type]


def test_a_browser_error_is_logged_by_the_shop(json_lines: io.StringIO) -> None:
    log_frontend_exception(Exception("TypeError: x is undefined\nat Cart"))
    [line] = json_lines.getvalue().splitlines()
    assert json.loads(line)["message"] == "browser error: TypeError: x is undefined\nat Cart"


def test_with_reflex_log_json_the_shops_lines_pass_through_unchanged() -> None:
    """REFLEX_LOG_JSON=true: `reflex run` turns what its processes print into JSON records,
    keeping lines that already are records (a level and a message) as they are."""
    record = logging.LogRecord("storefront.x", logging.INFO, __file__, 1, "paid", (), None)
    line = JsonFormatter().format(record)
    assert _to_records([line.encode()], [], "warning", "stderr", final=True) == (
        line.encode() + b"\n"
    )
