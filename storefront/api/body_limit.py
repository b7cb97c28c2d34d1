"""Caps the size of request bodies on the routes that read one, before anything reads it.

Reflex's upload route spools the whole request body to temporary files before the event
handler (and its role check) runs; without a cap, anyone could fill the disk. The webhook
and session routes read theirs into memory before they can tell it is not for them, and the
admin's download forms theirs before the staff check. A body
over its route's cap is refused by its Content-Length, or cut off once it passes the cap
(sent in chunks, without a length: uploads must say theirs). Other routes (pages, the event
socket) are left alone.
"""

from __future__ import annotations

from collections.abc import Mapping

from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# The largest file the admin takes (a 20 MB catalog) plus the multipart envelope.
MAX_UPLOAD_BYTES = 21 * 1024 * 1024
# Stripe's events are a few kilobytes; the session forms, a grant and a path; the admin's
# downloads, a ticket (Starlette spools a form's file part to disk before the role check).
LIMITS: Mapping[str, int] = {
    "/_upload": MAX_UPLOAD_BYTES,
    "/api/stripe/webhook": 512 * 1024,
    "/api/session": 16 * 1024,
    "/api/admin/": 16 * 1024,
}
# Refused without a Content-Length: Reflex spools an upload to disk as it arrives.
LENGTH_REQUIRED = ("/_upload",)


class BodyLimit:
    def __init__(self, app: ASGIApp, limits: Mapping[str, int] = LIMITS) -> None:
        self.app = app
        self.limits = limits

    def _cap(self, path: str) -> int | None:
        return next((cap for prefix, cap in self.limits.items() if path.startswith(prefix)), None)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        cap = self._cap(scope.get("path", "")) if scope["type"] == "http" else None
        if cap is None:
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers", []))
        length = headers.get(b"content-length", b"").decode("latin-1")
        path = scope.get("path", "")
        if not length.isdecimal() and path.startswith(LENGTH_REQUIRED):
            await PlainTextResponse("Length required.", status_code=411)(scope, receive, send)
            return
        if length.isdecimal() and int(length) > cap:
            await PlainTextResponse("Request too large.", status_code=413)(scope, receive, send)
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > cap:
                    return {"type": "http.disconnect"}
            return message

        await self.app(scope, counted, send)
