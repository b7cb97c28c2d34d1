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
from starlette.responses import Response

from models.types import utc_now
from storefront.api.ticket_post import NO_STORE, posted_ticket, said
from storefront.services.admin.access import AccessDenied, Permission
from storefront.services.errors import Refusal

STAFF_ONLY = "Staff with the customers permission only."


async def customer_data(request: Request) -> Response:
    posted = await posted_ticket(request, Permission.CUSTOMERS, STAFF_ONLY)
    if isinstance(posted, Response):
        return posted
    try:
        account_id, data = await run_in_threadpool(
            posted.admin.customers.personal_data, posted.staff, posted.ticket, utc_now()
        )
    except AccessDenied:
        return said(STAFF_ONLY, 403)
    except Refusal as refused:
        gone = refused.code == "admin.customer.error.closed"
        return said(
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
