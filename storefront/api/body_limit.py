"""Caps the size of request bodies on the routes that read one, before anything reads it.

Reflex's upload route spools the whole request body to temporary files before the event
handler (and its role check) runs; without a cap, anyone could fill the disk. The webhook
and session routes read theirs into memory before they can tell it is not for them, and the
admin's download forms theirs before the staff check. A body
over its route's cap is refused (413) by its Content-Length, or, sent in chunks without a
length, once it passes the cap (uploads must say theirs). Other routes (pages, the event
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
        if length.isdecimal():  # the server reads no further than the length said
            await self.app(scope, receive, send)
            return
        # Sent in chunks: read up to the cap before the route runs, so that a body past it is
        # answered 413 like one whose length says so. Cut off under the route instead, it
        # failed there (Starlette's ClientDisconnect): a 500 and a traceback (operator QA).
        # The caps that take chunks are small (an upload must say its length).
        read = await _read_within(receive, cap)
        if read is None:
            await PlainTextResponse("Request too large.", status_code=413)(scope, receive, send)
            return
        pending = iter(read)

        async def replayed() -> Message:
            return next(pending, None) or await receive()

        await self.app(scope, replayed, send)


async def _read_within(receive: Receive, cap: int) -> list[Message] | None:
    """The request's messages up to the end of its body (or a disconnect); None past the cap."""
    messages: list[Message] = []
    size = 0
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request":
            return messages
        size += len(message.get("body", b""))
        if size > cap:
            return None
        if not message.get("more_body", False):
            return messages
