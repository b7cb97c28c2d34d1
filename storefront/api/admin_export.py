"""The admin's downloads, for staff only: every product as CSV (generic or Shopify format),
and, for the books, the orders the list's filter shows and the refunds made in its days.
The session cookie is checked against the database like every admin action."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from datetime import tzinfo
from typing import BinaryIO, TextIO

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse

from models.types import utc_now
from storefront.bootstrap import get_shop
from storefront.bootstrap_admin import Admin
from storefront.services.accounts.service import SESSION_COOKIE
from storefront.services.admin.access import AccessDenied, Permission, Staff
from storefront.services.admin.order_desk import OrderDesk
from storefront.services.admin.order_views import OrderFilter
from storefront.services.catalog_csv import ExportFormat

FORMATS: tuple[ExportFormat, ...] = ("generic", "shopify")
CHUNK = 64 * 1024


async def catalog_csv(request: Request) -> Response:
    admin, staff = await _desk(request)
    if admin is None or staff is None:
        return _refused(admin)
    file_format = request.query_params.get("format", "generic")
    if file_format not in FORMATS:
        return PlainTextResponse("format: generic or shopify", status_code=400)
    return await _csv_file(
        lambda stream: admin.catalog.export(staff, stream, file_format),  # type: ignore[arg-type]
        f"catalog-{file_format}.csv",
    )


async def orders_csv(request: Request) -> Response:
    return await _for_the_books(request, "orders", lambda desk: desk.export)


async def refunds_csv(request: Request) -> Response:
    return await _for_the_books(request, "refunds", lambda desk: desk.export_refunds)


# A download for the books: a staff member, the list's filter, a stream and the shop's zone.
BooksExport = Callable[[Staff, OrderFilter, TextIO, tzinfo], int]


async def _for_the_books(
    request: Request, name: str, export_of: Callable[[OrderDesk], BooksExport]
) -> Response:
    admin, staff = await _desk(request)
    if admin is None or staff is None:
        return _refused(admin)
    zone = get_shop().settings.zone
    order_filter = OrderFilter.typed(dict(request.query_params), zone)
    export = export_of(admin.orders)
    return await _csv_file(
        lambda stream: export(staff, order_filter, stream, zone),
        f"{name}-{utc_now().astimezone(zone).date().isoformat()}.csv",
    )


async def _desk(request: Request) -> tuple[Admin | None, Staff | None]:
    """The admin and the staff member the request's session cookie names (None: not staff)."""
    admin = get_shop().admin
    return admin, (await _staff(admin, request) if admin is not None else None)


def _refused(admin: Admin | None) -> Response:
    if admin is None:
        return PlainTextResponse("The admin needs a database.", status_code=503)
    return PlainTextResponse("Staff only: sign in with a staff account.", status_code=403)


async def _staff(admin: Admin, request: Request) -> Staff | None:
    try:
        return await run_in_threadpool(
            admin.team.staff, request.cookies.get(SESSION_COOKIE, ""), utc_now(), Permission.VIEW
        )
    except AccessDenied:
        return None


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
