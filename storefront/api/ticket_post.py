"""What every admin download posted with a ticket checks first (services/admin/
download_tickets.py): a form posted from this shop's own page, by a staff member signed in
and allowed the download's permission. The ticket itself is then the download's to take."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from models.types import utc_now
from storefront.api.session_cookie import form_from_this_shop
from storefront.bootstrap import get_shop
from storefront.bootstrap_admin import Admin
from storefront.services.accounts.service import SESSION_COOKIE
from storefront.services.admin.access import AccessDenied, Permission, Staff

NO_STORE = {"Cache-Control": "no-store"}


@dataclass(frozen=True, slots=True)
class PostedTicket:
    admin: Admin
    staff: Staff
    ticket: str


async def posted_ticket(
    request: Request, permission: Permission, refused: str
) -> PostedTicket | Response:
    """The admin, the staff member and the ticket posted; else the refusal to answer
    (`refused`: what a session without `permission` is told)."""
    shop = get_shop()
    admin = shop.admin
    if admin is None:
        return said("The admin needs a database.", 503)
    if not form_from_this_shop(request, shop.settings):
        return said("Refused: this form comes from another site.", 403)
    session = request.cookies.get(SESSION_COOKIE, "")
    try:
        staff = await run_in_threadpool(admin.team.staff, session, utc_now(), permission)
    except AccessDenied:
        return said(refused, 403)  # before the body is read: it is not read for anyone else
    form = await request.form(max_files=0, max_fields=4)
    return PostedTicket(admin, staff, str(form.get("ticket", "")))


def said(text: str, status: int) -> Response:
    """A refusal, read out to the merchant by the page's hidden frame (state/admin/downloads.py)."""
    return PlainTextResponse(text, status_code=status, headers=NO_STORE)
