"""A customer's data, downloaded by staff with the customers permission for a GDPR request:
the same document the shopper downloads (services/accounts/personal_data.py), each download
audited. The session cookie is checked against the database like every admin action."""

from __future__ import annotations

import json

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from models.types import utc_now
from storefront.bootstrap import get_shop
from storefront.services.accounts.service import SESSION_COOKIE
from storefront.services.admin.access import AccessDenied, Permission
from storefront.services.errors import Refusal

NO_STORE = {"Cache-Control": "no-store"}


async def customer_data(request: Request) -> Response:
    admin = get_shop().admin
    if admin is None:
        return PlainTextResponse("The admin needs a database.", status_code=503)
    account_id = int(request.path_params["account_id"])
    session = request.cookies.get(SESSION_COOKIE, "")
    try:
        staff = await run_in_threadpool(admin.team.staff, session, utc_now(), Permission.CUSTOMERS)
        data = await run_in_threadpool(admin.customers.personal_data, staff, account_id, utc_now())
    except AccessDenied:
        return PlainTextResponse(
            "Staff with the customers permission only.", status_code=403, headers=NO_STORE
        )
    except Refusal:
        return PlainTextResponse("No such customer.", status_code=404, headers=NO_STORE)
    return Response(
        json.dumps(data, ensure_ascii=False, indent=2),
        media_type="application/json; charset=utf-8",
        headers=NO_STORE
        | {"Content-Disposition": f'attachment; filename="customer-{account_id}-data.json"'},
    )
