"""The admin's CSV downloads, for staff only: every product (generic or Shopify format),
and, for the books, the orders the list's filter shows and the refunds made in its days.

No link leads here: the page asks for a download in an admin action, which writes the audit
entry and hands it a single-use ticket carrying the download's parameters, and the page posts
the ticket here (services/admin/exports.py). A POST from another site's page is refused, and
the session cookie must be the same staff member's, still allowed, as for every admin action."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from typing import BinaryIO, TextIO

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from models.types import utc_now
from storefront.api.ticket_post import posted_ticket, said
from storefront.services.admin.access import AccessDenied, Permission
from storefront.services.admin.exports import Export
from storefront.services.errors import Refusal

CHUNK = 64 * 1024
STAFF_ONLY = "Staff only: sign in with a staff account."
EXPIRED = "This download has expired or was used already: go back to the page and ask for it again."


async def catalog_csv(request: Request) -> Response:
    return await _download(request, "catalog")


async def orders_csv(request: Request) -> Response:
    return await _download(request, "orders")


async def refunds_csv(request: Request) -> Response:
    return await _download(request, "refunds")


async def _download(request: Request, export: Export) -> Response:
    posted = await posted_ticket(request, Permission.VIEW, STAFF_ONLY)
    if isinstance(posted, Response):
        return posted
    try:
        download = await run_in_threadpool(
            posted.admin.exports.download, posted.staff, export, posted.ticket, utc_now()
        )
    except AccessDenied:
        return said(STAFF_ONLY, 403)
    except Refusal:
        return said(EXPIRED, 410)
    return await _csv_file(download.write, download.filename)


async def _csv_file(write: Callable[[TextIO], object], filename: str) -> Response:
    # Spooled to a file rather than memory: 100,000 products make tens of megabytes.
    handle, path = tempfile.mkstemp(prefix="boutique-export-", suffix=".csv")
    try:
        with os.fdopen(handle, "w", newline="", encoding="utf-8") as stream:
            await run_in_threadpool(write, stream)
    except BaseException:
        os.unlink(path)
        raise
    # Streamed by us from the open file, its name deleted at once (so nothing is left
    # behind, whatever the client does). A FileResponse hands Granian the path to send,
    # which it read after a background task had deleted it (404 about one time in three).
    stream = open(path, "rb")  # noqa: SIM115  # closed by _chunks
    os.unlink(path)
    return StreamingResponse(
        _chunks(stream),
        media_type="text/csv; charset=utf-8",
        headers={
            "Cache-Control": "no-store",
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Content-Length": str(os.fstat(stream.fileno()).st_size),
        },
    )


def _chunks(stream: BinaryIO) -> Iterator[bytes]:
    with stream:
        while chunk := stream.read(CHUNK):
            yield chunk
