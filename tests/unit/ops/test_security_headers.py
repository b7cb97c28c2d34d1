"""Every answer says: not in another site's frame, declared types only, origin-only referrers;
an https shop adds HSTS. A header the route set itself is kept."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from storefront.api.security_headers import SecurityHeaders
from storefront.bootstrap import Shop, set_shop


def client_of(shop: Shop, public_url: str) -> TestClient:
    set_shop(replace(shop, settings=shop.settings.model_copy(update={"public_url": public_url})))

    async def page(_request: Request) -> PlainTextResponse:
        return PlainTextResponse("<html>", headers={"referrer-policy": "no-referrer"})

    return TestClient(SecurityHeaders(Starlette(routes=[Route("/", page)])))


@pytest.fixture(autouse=True)
def no_shop_after() -> Iterator[None]:
    yield
    set_shop(None)


def test_every_answer_refuses_framing_and_keeps_a_routes_own_header(fake_shop: Shop) -> None:
    headers = client_of(fake_shop, "http://localhost:3000").get("/").headers
    assert headers["x-frame-options"] == "DENY"
    assert headers["content-security-policy"] == (
        "frame-ancestors 'none'; base-uri 'self'; object-src 'none'"
    )
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"  # the route's own
    assert "strict-transport-security" not in headers  # plain http: no HSTS


def test_an_https_shop_adds_hsts(fake_shop: Shop) -> None:
    headers = client_of(fake_shop, "https://shop.example").get("/").headers
    assert headers["strict-transport-security"].startswith("max-age=")
