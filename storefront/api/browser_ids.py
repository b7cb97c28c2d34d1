"""A page's HTML answer gives a browser that has none its guest cart token and visitor id
(services/browser_ids.py), as cookies the page's state reads like those it sets itself
(rx.Cookie: a year, Lax, readable by the page, Secure over https). The page's connection then
brings them in its Cookie header, where a tab whose state the server lost finds them."""

from __future__ import annotations

from http.cookies import SimpleCookie

from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from storefront.bootstrap import get_shop
from storefront.services.browser_ids import (
    CART_COOKIE,
    COOKIE_MAX_AGE,
    VISITOR_COOKIE,
    new_cart_token,
    new_visitor_id,
)

_MINTED = ((CART_COOKIE, new_cart_token), (VISITOR_COOKIE, new_visitor_id))


def set_cookie_headers(cookie_header: str, https: bool) -> list[tuple[bytes, bytes]]:
    """The Set-Cookie headers giving the ids this Cookie header lacks."""
    present = cookie_parser(cookie_header)
    headers = []
    for name, mint in _MINTED:
        if present.get(name):
            continue
        cookie: SimpleCookie = SimpleCookie()
        cookie[name] = mint()
        morsel = cookie[name]
        morsel["path"], morsel["max-age"], morsel["samesite"] = "/", COOKIE_MAX_AGE, "Lax"
        if https:
            morsel["secure"] = True
        headers.append((b"set-cookie", morsel.OutputString().encode("latin-1")))
    return headers


def _private(headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    """An answer setting a browser's ids is that browser's alone: no shared cache keeps it
    (`private, no-cache`), and one kept nowhere (`no-store`: an invoice) stays so."""
    caching = b", ".join(v for n, v in headers if n.lower() == b"cache-control")
    if b"no-store" in caching.lower():
        return headers
    kept = [(n, v) for n, v in headers if n.lower() != b"cache-control"]
    return [*kept, (b"cache-control", b"private, no-cache")]


class BrowserIds:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        cookie_header = next(
            (value.decode("latin-1") for name, value in scope["headers"] if name == b"cookie"), ""
        )

        async def with_ids(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                html = any(
                    name.lower() == b"content-type" and value.startswith(b"text/html")
                    for name, value in headers
                )
                https = get_shop().settings.public_url.startswith("https://")
                minted = set_cookie_headers(cookie_header, https) if html else []
                if minted:
                    message["headers"] = [*_private(headers), *minted]
            await send(message)

        await self.app(scope, receive, with_ids)
