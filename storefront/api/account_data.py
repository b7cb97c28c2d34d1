"""A shopper's download of their account's data (services/accounts/personal_data.py), as a
JSON file. The session cookie is checked against the database; the answer is never cached."""

from __future__ import annotations

import json

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from models.types import utc_now
from storefront.api.request_locale import plain_answer
from storefront.bootstrap import Shop, get_shop
from storefront.services.accounts.personal_data import personal_data
from storefront.services.accounts.service import SESSION_COOKIE

NO_STORE = {"Cache-Control": "no-store"}


async def account_data(request: Request) -> Response:
    shop = get_shop()
    data = await run_in_threadpool(_data_of, shop, request.cookies.get(SESSION_COOKIE, ""))
    if data is None:
        return plain_answer(request, "account.download_signed_out", 401, NO_STORE)
    return Response(
        json.dumps(data, ensure_ascii=False, indent=2),
        media_type="application/json; charset=utf-8",
        headers=NO_STORE | {"Content-Disposition": 'attachment; filename="my-boutique-data.json"'},
    )


def _data_of(shop: Shop, session_token: str) -> dict[str, object] | None:
    accounts, book, wishlist = shop.accounts, shop.address_book, shop.wishlist
    commerce = shop.commerce
    if accounts is None or book is None or wishlist is None or commerce is None:
        return None
    now = utc_now()
    account_id = accounts.session(session_token, now) if session_token else None
    if account_id is None:
        return None
    return personal_data(
        account_id,
        now,
        accounts=accounts,
        book=book,
        wishlist=wishlist,
        orders=commerce.orders,
        browsing=shop.search_store,
        restock=shop.restock,
        reviews=shop.reviews,
        withdrawals=commerce.withdrawals,
    )
