"""/metrics, and the middleware that times HTTP requests and gives each a request id."""

from __future__ import annotations

import asyncio
import time
import uuid

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from storefront.bootstrap import get_shop
from storefront.logs import REQUEST_ID
from storefront.metrics import REQUEST_SECONDS, render
from storefront.settings import PROJECT_ROOT

# The first path segments worth a label; anything else (bots probing) is "other": ours,
# Reflex's (/_event: the socket's HTTP polling, /_upload, /ping, /_health), the sitemap's
# files and robots.txt, and the files of assets/, which it serves at the root (a fixed few:
# the label set stays bounded; the numbered product sitemaps share one label).
ROUTES = {
    "", "product", "category", "search", "cart", "checkout", "account", "order", "admin",
    "api", "media", "healthz", "readyz", "metrics", "assets", "_next", "favicon.ico", "404",
    "_event", "_upload", "ping", "_health", "sitemap.xml", "sitemap-pages.xml", "robots.txt",
} | {path.name for path in (PROJECT_ROOT / "assets").iterdir()}  # fmt: skip
METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}


async def metrics(_request: Request) -> Response:
    body, content_type = await asyncio.to_thread(render, get_shop())
    return Response(body, media_type=content_type)


def route_label(path: str) -> str:
    first = path.lstrip("/").split("/", 1)[0]
    if first.startswith("sitemap-products-"):
        return "/sitemap-products"
    return f"/{first}" if first in ROUTES else "other"


class RequestObservation:
    """Pure ASGI (no buffering, websockets pass straight through)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        given = headers.get(b"x-request-id", b"").decode("latin-1")[:64]
        request_id = given if given.isprintable() and given else uuid.uuid4().hex[:16]
        REQUEST_ID.set(request_id)
        status = 500
        start = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                message.setdefault("headers", [])
                message["headers"] = [
                    *message["headers"],
                    (b"x-request-id", request_id.encode("latin-1")),
                ]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            method = str(scope.get("method", ""))
            REQUEST_SECONDS.labels(
                route_label(str(scope.get("path", ""))),
                method if method in METHODS else "other",
                str(status),
            ).observe(time.perf_counter() - start)
