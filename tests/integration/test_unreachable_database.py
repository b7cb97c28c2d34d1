"""While the database is out of reach, the routes that read it answer 503 with Retry-After
and log one line, rather than 500 and a traceback at every request (operator QA). The
database here is one that cannot be reached: a PostgreSQL port nothing listens on, a
SQLite file in a folder that is not there."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from storefront.adapters.db import make_engine
from storefront.api import routes
from storefront.api.outage_answer import RETRY_AFTER_SECONDS, OutageAnswer
from storefront.api.routes import build_api
from storefront.bootstrap import Shop, set_shop
from storefront.services.accounts.service import SESSION_COOKIE
from tests.ports import free_port

PATHS = (
    "/sitemap.xml",
    "/sitemap-pages.xml",
    "/api/orders/B-0001/invoice?key=anything",
    "/api/account/data.json",
)


@pytest.fixture(params=["postgres", "sqlite"])
def client(
    request: pytest.FixtureRequest,
    make_shop: Callable[..., Shop],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[TestClient]:
    if request.param == "postgres":
        url = f"postgresql://postgres@127.0.0.1:{free_port()}/shop"  # nothing listens there
    else:
        url = f"sqlite:///{tmp_path / 'gone' / 'shop.db'}"  # its folder is not there
    shop = make_shop(url)
    monkeypatch.setattr(routes, "get_settings", lambda: shop.settings)
    set_shop(shop)
    yield TestClient(build_api(), raise_server_exceptions=True)
    set_shop(None)


def test_routes_reading_an_unreachable_database_answer_503_with_retry_after(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    client.cookies.set(SESSION_COOKIE, "some-token")  # the data download reads the account
    with caplog.at_level(logging.WARNING):
        for path in PATHS:
            answer = client.get(path)
            assert answer.status_code == 503, (path, answer.text)
            assert answer.headers["retry-after"] == str(RETRY_AFTER_SECONDS)
            assert answer.headers["cache-control"] == "no-store"
            assert answer.text == "The shop can't be reached for a moment."
    said = [r for r in caplog.records if r.name == "storefront.api.outage_answer"]
    assert len(said) == len(PATHS)
    assert all(r.levelno == logging.WARNING and r.exc_info is None for r in said)
    assert all("\n" not in r.getMessage() for r in said)
    assert said[0].getMessage().startswith("GET /sitemap.xml: 503, out of reach: OperationalError")
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_probes_that_need_no_database_still_answer(client: TestClient) -> None:
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code == 503


def test_other_failures_and_answers_already_begun_go_on_up(tmp_path: Path) -> None:
    """A bug stays a 500 with its traceback; an answer begun cannot take another status."""
    engine = make_engine(f"sqlite:///{tmp_path / 'gone' / 'shop.db'}")

    async def broken(_request: Request) -> Response:
        raise ValueError("a bug")

    def rows() -> Iterator[str]:
        yield "<urlset>"
        engine.connect()  # out of reach, once the answer has begun

    async def streamed(_request: Request) -> Response:
        return StreamingResponse(rows())

    app = Starlette(routes=[Route("/broken", broken), Route("/streamed", streamed)])
    client = TestClient(OutageAnswer(app))
    with pytest.raises(ValueError, match="a bug"):
        client.get("/broken")
    with pytest.raises(OperationalError):
        client.get("/streamed")
    engine.dispose()
