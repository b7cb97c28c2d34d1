"""Product and category pages name their canonical URL in a `Link: <...>; rel="canonical"`
header (services/canonical.py): crawlers read it from the answer itself, before any of the
page's code runs, so filtered, sorted and variant URLs are indexed as the page they show."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from storefront.bootstrap import get_shop
from storefront.services.canonical import canonical_url


class CanonicalLink:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        url = None
        if scope["type"] == "http" and scope.get("method") in ("GET", "HEAD"):
            query = scope.get("query_string", b"").decode("latin-1")
            url = canonical_url(get_shop().settings.public_url, scope.get("path", ""), query)
        try:
            link = f'<{url}>; rel="canonical"'.encode("ascii") if url else None
        except UnicodeEncodeError:  # a public URL with a non-ASCII host: no header, no error
            link = None
        if link is None:
            await self.app(scope, receive, send)
            return

        async def with_link(message: Message) -> None:
            if message["type"] == "http.response.start" and message.get("status") == 200:
                message["headers"] = [*message.get("headers", []), (b"link", link)]
            await send(message)

        await self.app(scope, receive, with_link)
