"""Requests that say they come from another site's page are refused before anything runs.

Above all the event socket: it drives every event handler, the admin's included, with the
cookies of the browser that opens it, and Reflex accepts it from any origin. A page on a
sibling subdomain (same site, so the browser sends Lax cookies) could otherwise act as the
staff member visiting it, or read the admin's CSV export. Browsers send Origin with every
websocket handshake, every cross-origin fetch and every form post; a request without one (a
link followed, a page loaded, a server such as Stripe) is not concerned.
"""

from __future__ import annotations

import logging

from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from storefront.api.origins import of_this_shop, origin
from storefront.bootstrap import get_shop

log = logging.getLogger(__name__)
_SCHEMES = {"ws": "http", "wss": "https"}


class OriginCheck:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers", []))
        claimed = headers.get(b"origin", b"").decode("latin-1")
        if not claimed:  # most requests: links followed, pages loaded, servers
            await self.app(scope, receive, send)
            return
        scheme = str(scope.get("scheme", "http"))
        own = origin(f"{_SCHEMES.get(scheme, scheme)}://{headers.get(b'host', b'').decode()}")
        settings = get_shop().settings
        if of_this_shop(claimed, own, settings):
            await self.app(scope, receive, send)
            return
        log.warning(
            "%s from %r refused: neither this server (%s) nor BOUTIQUE_PUBLIC_URL (%s)",
            scope.get("path", ""),
            claimed[:200],
            own,
            origin(settings.public_url),
        )
        if scope["type"] == "websocket":  # closed before it is accepted: a 403 to the browser
            await send({"type": "websocket.close", "code": 1008})
            return
        await PlainTextResponse("Refused: this request comes from another site.", 403)(
            scope, receive, send
        )
