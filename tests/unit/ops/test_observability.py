"""Log lines and metric labels an operator relies on."""

from __future__ import annotations

import json
import logging
import os

import pytest

from storefront.api.observability import route_label
from storefront.logs import EVENT_ID, REQUEST_ID, JsonFormatter, configure_logging
from storefront.metrics import handler_label


def test_a_json_log_line_carries_the_request_and_event_ids() -> None:
    record = logging.LogRecord("shop", logging.WARNING, __file__, 1, "paid %s", ("BQ-1",), None)
    request_token, event_token = REQUEST_ID.set("req-1"), EVENT_ID.set("cart_state.add:9")
    try:
        line = json.loads(JsonFormatter().format(record))
    finally:
        REQUEST_ID.reset(request_token)
        EVENT_ID.reset(event_token)
    assert line["message"] == "paid BQ-1"
    assert line["level"] == "warning"
    assert line["request_id"] == "req-1"
    assert line["event_id"] == "cart_state.add:9"
    assert line["time"].endswith("+00:00")
    assert line["pid"] == os.getpid()  # several web workers share one journal (QA)


def test_labels_stay_few_whatever_the_paths() -> None:
    assert route_label("/product/red-mug") == "/product"
    assert route_label("/") == "/"
    assert route_label("/wp-admin/setup.php") == "other"
    name = "reflex___state____state.state___cart____cart_state.add"
    assert handler_label(name) == "cart_state.add"


@pytest.mark.parametrize(
    "path",
    [
        "/admin/orders/12",
        "/_event/",
        "/_upload",
        "/sitemap.xml",
        "/sitemap-pages.xml",
        "/robots.txt",
        "/ping",
        "/_health",
        "/session_watch.js",
        "/boutique.css",
    ],
)
def test_the_admin_and_reflex_routes_have_their_own_label(path: str) -> None:
    first = path.lstrip("/").split("/", 1)[0]
    assert route_label(path) == f"/{first}"


def test_the_numbered_product_sitemaps_share_one_label() -> None:
    labels = {route_label(f"/sitemap-products-{n}.xml") for n in (1, 2, 99999)}
    assert labels == {"/sitemap-products"}


def test_probes_still_share_one_label() -> None:
    assert {route_label(p) for p in ("/.env", "/wp-login.php", "/admin.php", "/_events")} == {
        "other"
    }


def test_alembics_plugin_set_up_lines_are_left_out_and_its_warnings_kept() -> None:
    """Every web worker's schema check at start logged seven "setup plugin alembic...." lines
    at info into the shop's JSON log (QA)."""
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    try:
        configure_logging("json", "INFO")
        plugins = logging.getLogger("alembic.runtime.plugins")
        assert not plugins.isEnabledFor(logging.INFO)
        assert plugins.isEnabledFor(logging.WARNING)
        assert logging.getLogger("alembic.runtime.migration").isEnabledFor(logging.INFO)
    finally:
        for handler in [h for h in root.handlers if h not in handlers]:
            root.removeHandler(handler)
        root.setLevel(level)
        logging.getLogger("alembic.runtime.plugins").setLevel(logging.NOTSET)
