"""Pages and files of one shopper, the admin's and search results answer with
`X-Robots-Tag: noindex`: the paths robots.txt keeps crawlers from (services/sitemap.py's
PRIVATE_PREFIXES), told in the answer itself too.

robots.txt only asks crawlers not to fetch them; a URL linked from elsewhere can still be
indexed, and the page's own `<meta name="robots">` is written by its code in the browser
(the HTML sent for /order/<reference> is the single-page app's fallback, with no meta of the
page's). The header is read by crawlers that run no script, on any answer, a download's
too."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from storefront.services.sitemap import is_private

_NOINDEX = (b"x-robots-tag", b"noindex")


class RobotsHeader:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not is_private(scope.get("path", "")):
            await self.app(scope, receive, send)
            return

        async def with_header(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                if all(name.lower() != _NOINDEX[0] for name, _ in headers):
                    headers.append(_NOINDEX)
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_header)
