"""Requests that say they come from another site are refused before anything runs: above all
the event socket, which drives every handler with the visitor's cookies."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route, WebSocketRoute
from starlette.testclient import TestClient
from starlette.websockets import WebSocket, WebSocketDisconnect

from storefront.api.origin_check import OriginCheck
from storefront.api.origins import of_this_shop
from storefront.bootstrap import Shop, set_shop

OWN = "http://testserver"


@pytest.fixture
def client(fake_shop: Shop) -> Iterator[TestClient]:
    shop = replace(
        fake_shop,
        settings=fake_shop.settings.model_copy(update={"public_url": "https://shop.example"}),
    )
    set_shop(shop)

    async def export(_request: Request) -> PlainTextResponse:
        return PlainTextResponse("sku,stock")

    async def events(socket: WebSocket) -> None:
        await socket.accept()
        await socket.send_text("connected")
        await socket.close()

    inner = Starlette(
        routes=[Route("/api/admin/catalog.csv", export), WebSocketRoute("/_event", events)]
    )
    yield TestClient(OriginCheck(inner))
    set_shop(None)


def test_the_event_socket_opens_only_for_the_shops_pages(client: TestClient) -> None:
    for allowed in ({}, {"origin": "https://shop.example"}, {"origin": OWN}):
        with client.websocket_connect("/_event", headers=allowed) as socket:
            assert socket.receive_text() == "connected"
    for foreign in ("https://blog.shop.example", "https://evil.example", "null"):
        with (
            pytest.raises(WebSocketDisconnect) as refused,
            client.websocket_connect("/_event", headers={"origin": foreign}),
        ):
            pass
        assert refused.value.code == 1008


def test_another_sites_fetch_is_refused(client: TestClient) -> None:
    assert client.get("/api/admin/catalog.csv").status_code == 200  # a link followed
    answer = client.get("/api/admin/catalog.csv", headers={"origin": "https://shop.example"})
    assert answer.status_code == 200
    refused = client.get("/api/admin/catalog.csv", headers={"origin": "https://evil.example"})
    assert refused.status_code == 403


def test_this_machines_names_are_one_on_the_same_port(fake_shop: Shop) -> None:
    settings = fake_shop.settings.model_copy(update={"public_url": "http://localhost:3000"})
    own = "http://127.0.0.1:8000"
    assert of_this_shop("http://127.0.0.1:3000", own, settings)
    assert of_this_shop("http://[::1]:3000", own, settings)
    assert of_this_shop("http://localhost:8000", own, settings)  # the server itself
    assert not of_this_shop("http://localhost:3001", own, settings)
    assert not of_this_shop("https://localhost.evil.example:3000", own, settings)


def test_behind_a_tls_proxy_the_same_host_over_https_is_this_server(fake_shop: Shop) -> None:
    """The proxy ends TLS: the request reached http://www.shop.example, the browser says
    https://www.shop.example (an alias of BOUTIQUE_PUBLIC_URL's host)."""
    settings = fake_shop.settings.model_copy(update={"public_url": "https://shop.example"})
    own = "http://www.shop.example"
    assert of_this_shop("https://www.shop.example", own, settings)
    assert of_this_shop("https://shop.example", own, settings)
    assert not of_this_shop("https://evil.example", own, settings)
    assert not of_this_shop("https://www.shop.example", "https://other.example", settings)
