"""Gives unknown products and categories a real HTTP 404 status, and known ones (and the
home page) their own head in the HTML the server sends.

The single-page app would answer 200 for any /product/<slug>; this middleware asks the
(cached) catalog first, so crawlers and monitors see a true 404 while the browser still
gets the app, which shows the not-found page. The same read gives a page that exists its
title, description and Open Graph tags (page_heads.py), left in the scope for RoutePreload,
which writes them into the HTML: link previews and crawlers run no script.
"""

from __future__ import annotations

import asyncio
import logging

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from storefront.api.page_heads import CANONICAL_URL, FOUND, PAGE_HEAD, is_described, look_up
from storefront.bootstrap import get_shop

log = logging.getLogger(__name__)


class NotFoundStatus:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or scope.get("method") not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        if not is_described(path):
            await self.app(scope, receive, send)
            return
        try:
            url = scope.get(CANONICAL_URL)
            exists, head = await asyncio.to_thread(look_up, get_shop(), path, url)
        except Exception:  # the page itself reports the problem; never break it here
            log.exception("could not check whether %s exists", path)
            exists, head = FOUND
        if exists:
            if head is not None:
                scope[PAGE_HEAD] = head
            await self.app(scope, receive, send)
            return

        async def send_404(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "status": 404}
            await send(message)

        await self.app(scope, receive, send_404)
