"""A page's answer gives a browser without them its guest cart token and visitor id, as the
page's own cookies (a year, Lax, readable by the page, Secure over https), never shared by a
cache; other answers, and a browser that has them, get none."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route
from starlette.testclient import TestClient

from storefront.api.browser_ids import BrowserIds
from storefront.bootstrap import Shop, set_shop
from storefront.services.browser_ids import is_cart_token, is_visitor_id


def client_of(shop: Shop, public_url: str) -> TestClient:
    set_shop(replace(shop, settings=shop.settings.model_copy(update={"public_url": public_url})))

    async def page(_request: Request) -> Response:
        return HTMLResponse("<html>", headers={"cache-control": "public, max-age=60"})

    async def data(_request: Request) -> Response:
        return JSONResponse({})

    async def invoice(_request: Request) -> Response:
        return HTMLResponse("<html>", headers={"cache-control": "private, no-store"})

    routes = [
        Route("/", page, methods=["GET", "POST"]),
        Route("/data", data),
        Route("/invoice", invoice),
    ]
    return TestClient(BrowserIds(Starlette(routes=routes)))


@pytest.fixture(autouse=True)
def no_shop_after() -> Iterator[None]:
    yield
    set_shop(None)


def test_a_page_gives_a_new_browser_its_ids_kept_out_of_shared_caches(fake_shop: Shop) -> None:
    answer = client_of(fake_shop, "http://localhost:3000").get("/")
    cookies = answer.headers.get_list("set-cookie")
    assert len(cookies) == 2
    named = {c.split("=", 1)[0]: c for c in cookies}
    cart, visitor = named["boutique_cart"], named["boutique_visitor"]
    assert is_cart_token(cart.split(";")[0].split("=", 1)[1])
    assert is_visitor_id(visitor.split(";")[0].split("=", 1)[1])
    for cookie in cookies:
        assert "Path=/" in cookie
        assert "Max-Age=31536000" in cookie
        assert "SameSite=Lax" in cookie
        assert "HttpOnly" not in cookie  # the page's state reads them
        assert "Secure" not in cookie  # plain http
    assert answer.headers.get_list("cache-control") == ["private, no-cache"]


def test_a_browser_with_its_ids_other_answers_and_posts_get_none(fake_shop: Shop) -> None:
    client = client_of(fake_shop, "https://shop.example")
    first = client.get("/")
    assert all("Secure" in c for c in first.headers.get_list("set-cookie"))
    # Sent back, as a browser does: the next page sets nothing.
    sent = "; ".join(c.split(";")[0] for c in first.headers.get_list("set-cookie"))
    again = client.get("/", headers={"cookie": sent})
    assert again.headers.get_list("set-cookie") == []
    assert again.headers["cache-control"] == "public, max-age=60"  # the page's own
    fresh = client_of(fake_shop, "http://localhost:3000")
    assert fresh.get("/data").headers.get_list("set-cookie") == []
    assert fresh.post("/").headers.get_list("set-cookie") == []
    half = fresh.get("/", headers={"cookie": "boutique_visitor=" + "a" * 32})
    assert [c.split("=", 1)[0] for c in half.headers.get_list("set-cookie")] == ["boutique_cart"]


def test_an_answer_kept_nowhere_stays_so(fake_shop: Shop) -> None:
    """An invoice opened from its mail in a browser without the ids: they are set, and its
    `no-store` is not weakened to `no-cache` (review)."""
    answer = client_of(fake_shop, "http://localhost:3000").get("/invoice")
    assert len(answer.headers.get_list("set-cookie")) == 2
    assert answer.headers.get_list("cache-control") == ["private, no-store"]
