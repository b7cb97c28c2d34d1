"""Headers every answer carries, pages included (one port serves them in production): no
other site may frame the shop (clickjacking of the admin's buttons), browsers keep to the
declared content types and send only the origin to other sites, and an https shop tells them
to come back over https only (HSTS). A header a route set itself is kept.

The policy also forbids a <base> tag pointing elsewhere (it would send every relative link
and script of the page to another site) and plugins (<object>/<embed>): neither is used by
the shop, and both are what injected markup reaches for first. Scripts are not restricted:
the pages Reflex builds run inline ones."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from storefront.bootstrap import get_shop

HSTS_SECONDS = 365 * 24 * 3600
_ALWAYS = (
    (b"x-frame-options", b"DENY"),
    (b"content-security-policy", b"frame-ancestors 'none'; base-uri 'self'; object-src 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
)


def security_headers(https: bool) -> tuple[tuple[bytes, bytes], ...]:
    hsts = ((b"strict-transport-security", f"max-age={HSTS_SECONDS}".encode()),)
    return _ALWAYS + hsts if https else _ALWAYS


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        wanted = security_headers(get_shop().settings.public_url.startswith("https://"))

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(name, value) for name, value in wanted if name not in present]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)
