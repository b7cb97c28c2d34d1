"""Gives unknown products and categories a real HTTP 404 status.

The single-page app would answer 200 for any /product/<slug>; this middleware asks the
(cached) catalog first, so crawlers and monitors see a true 404 while the browser still
gets the app, which shows the not-found page.
"""

from __future__ import annotations

import asyncio
import logging
import re

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from storefront.bootstrap import get_shop

log = logging.getLogger(__name__)
_PRODUCT = re.compile(r"^/product/([^/]+)/?$")
_CATEGORY = re.compile(r"^/category/([^/]+)/?$")


def _exists(path: str) -> bool:
    catalog = get_shop().catalog
    if match := _PRODUCT.match(path):
        return catalog.product(match.group(1)) is not None
    if match := _CATEGORY.match(path):
        return catalog.tree().by_slug(match.group(1)) is not None
    return True


class NotFoundStatus:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or scope.get("method") not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        if not (_PRODUCT.match(path) or _CATEGORY.match(path)):
            await self.app(scope, receive, send)
            return
        try:
            exists = await asyncio.to_thread(_exists, path)
        except Exception:  # the page itself reports the problem; never break it here
            log.exception("could not check whether %s exists", path)
            exists = True
        if exists:
            await self.app(scope, receive, send)
            return

        async def send_404(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "status": 404}
            await send(message)

        await self.app(scope, receive, send_404)
