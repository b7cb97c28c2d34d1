"""The answers for pages of one shopper, the admin and search results say `noindex` in an
X-Robots-Tag header (whatever their status or type); shop pages open to crawlers do not."""

from __future__ import annotations

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from storefront.api.robots_header import RobotsHeader
from storefront.services.sitemap import PRIVATE_PREFIXES, is_private


async def page(_request: Request) -> HTMLResponse:
    return HTMLResponse("<html>")


async def told(_request: Request) -> PlainTextResponse:
    return PlainTextResponse("x", headers={"X-Robots-Tag": "noindex, nofollow"})


CLIENT = TestClient(
    RobotsHeader(Starlette(routes=[Route("/api/own", told), Route("/{path:path}", page)]))
)


@pytest.mark.parametrize(
    "path",
    [
        "/order/NOSUCHORDER",
        "/order/ABCDEF2345",
        "/account",
        "/account/",
        "/account/sign-in",
        "/account/reset",
        "/admin",
        "/admin/orders/12",
        "/cart",
        "/checkout",
        "/search",
        "/api/orders/ABCDEF2345/invoice",
    ],
)
def test_a_private_page_says_noindex(path: str) -> None:
    answer = CLIENT.get(path)
    assert answer.headers["x-robots-tag"] == "noindex"
    assert is_private(path)


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/product/oak-chair",
        "/category/chairs",
        "/policies/terms",
        "/sitemap.xml",
        "/media/p/1.jpg",
        "/accounts-of-the-shop",  # a prefix of the word, not of the path
        "/orders",
    ],
)
def test_a_page_open_to_crawlers_has_no_such_header(path: str) -> None:
    assert "x-robots-tag" not in CLIENT.get(path).headers
    assert not is_private(path)


def test_a_missing_page_under_a_private_prefix_says_it_too() -> None:
    bare = TestClient(RobotsHeader(Starlette(routes=[])))
    answer = bare.get("/order/whatever")
    assert answer.status_code == 404
    assert answer.headers["x-robots-tag"] == "noindex"


def test_a_routes_own_header_is_kept_not_doubled() -> None:
    answer = CLIENT.get("/api/own")
    assert answer.headers.get_list("x-robots-tag") == ["noindex, nofollow"]


def test_every_prefix_robots_txt_disallows_is_private() -> None:
    assert all(is_private(prefix) for prefix in PRIVATE_PREFIXES)
