"""Caps the size of uploads (catalog files, product images) before anything stores them.

Reflex's upload route spools the whole request body to temporary files before the event
handler (and its role check) runs; without a cap, anyone could fill the disk. Requests to it
must say their length, at most MAX_UPLOAD_BYTES; a body longer than it said is cut off.
"""

from __future__ import annotations

from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# The largest file the admin takes (a 20 MB catalog) plus the multipart envelope.
MAX_UPLOAD_BYTES = 21 * 1024 * 1024
UPLOAD_PREFIX = "/_upload"


class UploadLimit:
    def __init__(self, app: ASGIApp, max_bytes: int = MAX_UPLOAD_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope.get("path", "").startswith(UPLOAD_PREFIX):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers", []))
        length = headers.get(b"content-length", b"").decode("latin-1")
        if not length.isdecimal():
            await PlainTextResponse("Length required.", status_code=411)(scope, receive, send)
            return
        if int(length) > self.max_bytes:
            await PlainTextResponse("Upload too large.", status_code=413)(scope, receive, send)
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    return {"type": "http.disconnect"}
            return message

        await self.app(scope, counted, send)
