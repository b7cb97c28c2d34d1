"""A customer's data, downloaded by staff with the customers permission for a GDPR request:
the same document the shopper downloads (services/accounts/personal_data.py).

No link leads here: the customer's page asks for the download in an admin action, which
writes the audit entry and hands the page a single-use ticket, and the page posts it here
(services/admin/download_tickets.py). A POST from another site's page is refused, and the
session cookie must be the same staff member's, still allowed, as for every admin action."""

from __future__ import annotations

import json

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from models.types import utc_now
from storefront.api.session_cookie import form_from_this_shop
from storefront.bootstrap import get_shop
from storefront.services.accounts.service import SESSION_COOKIE
from storefront.services.admin.access import AccessDenied, Permission
from storefront.services.errors import Refusal

NO_STORE = {"Cache-Control": "no-store"}


async def customer_data(request: Request) -> Response:
    shop = get_shop()
    admin = shop.admin
    if admin is None:
        return PlainTextResponse("The admin needs a database.", status_code=503)
    if not form_from_this_shop(request, shop.settings):
        return _said("Refused: this form comes from another site.", 403)
    form = await request.form()
    ticket = str(form.get("ticket", ""))
    session = request.cookies.get(SESSION_COOKIE, "")
    try:
        staff = await run_in_threadpool(admin.team.staff, session, utc_now(), Permission.CUSTOMERS)
        account_id, data = await run_in_threadpool(
            admin.customers.personal_data, staff, ticket, utc_now()
        )
    except AccessDenied:
        return _said("Staff with the customers permission only.", 403)
    except Refusal as refused:
        gone = refused.code == "admin.customer.error.closed"
        return _said(
            "This customer's account is closed." if gone else _EXPIRED, 404 if gone else 410
        )
    return Response(
        json.dumps(data, ensure_ascii=False, indent=2),
        media_type="application/json; charset=utf-8",
        headers=NO_STORE
        | {"Content-Disposition": f'attachment; filename="customer-{account_id}-data.json"'},
    )


_EXPIRED = (
    "This download has expired or was used already: go back to the customer's page and ask "
    "for it again."
)


def _said(text: str, status: int) -> Response:
    return PlainTextResponse(text, status_code=status, headers=NO_STORE)
