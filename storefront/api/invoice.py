"""A paid order's invoice, its credit notes and the invoices cancelling them (reversal
invoices) as printable HTML pages, for whoever may see the
order: its account's signed-in shopper, or the holder of its access key
(services/orders/viewing.py, the order page's own rule), and staff by the admin's routes.
Anyone else, an order with no invoice (unpaid) and a note it does not have get a 404; the
answer is private and never stored by a cache."""

from __future__ import annotations

from collections.abc import Callable

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from models.types import utc_now
from storefront.api.request_locale import plain_answer
from storefront.bootstrap import Shop, get_shop
from storefront.services.accounts.service import SESSION_COOKIE
from storefront.services.admin.access import AccessDenied, Permission
from storefront.services.invoices.credit_notes import build_credit_note, render_credit_note
from storefront.services.invoices.document import Seller, build_invoice, seller_of
from storefront.services.invoices.page import render_invoice
from storefront.services.invoices.reversal_invoices import (
    build_reversal_invoice,
    render_reversal_invoice,
)
from storefront.services.orders.ports import OrderRecord
from storefront.services.orders.viewing import visible_order

PRIVATE = {"Cache-Control": "private, no-store", "X-Robots-Tag": "noindex"}


async def _answer(
    request: Request, missing: str, build: Callable[..., str | None], *args: str
) -> Response:
    """The page `build` makes from the shop and `args` (off the event loop: it reads the
    database), or a 404 saying the message `missing`; private either way."""
    page = await run_in_threadpool(build, get_shop(), *args)
    if page is None:
        return plain_answer(request, missing, 404, PRIVATE)
    return HTMLResponse(page, headers=PRIVATE)


def _reference(request: Request) -> str:
    return str(request.path_params["reference"])


def _visitor(request: Request) -> tuple[str, str]:
    """The order key the visitor came by, and their session cookie ("" when absent)."""
    return request.query_params.get("key", ""), request.cookies.get(SESSION_COOKIE, "")


async def order_invoice(request: Request) -> Response:
    key, session = _visitor(request)
    reference = _reference(request)
    return await _answer(request, "invoice.missing", invoice_page, reference, key, session)


def invoice_page(shop: Shop, reference: str, key: str, session_token: str) -> str | None:
    """The invoice page of the order this visitor may see, or None."""
    return _page(shop, _viewer_order(shop, reference, key, session_token))


async def order_credit_note(request: Request) -> Response:
    key, session = _visitor(request)
    number = str(request.path_params["number"])
    reference = _reference(request)
    page = credit_note_page
    return await _answer(request, "invoice.missing_note", page, reference, number, key, session)


def credit_note_page(
    shop: Shop, reference: str, number: str, key: str, session_token: str
) -> str | None:
    """The credit note page of the order this visitor may see, or None."""
    return _note_page(shop, _viewer_order(shop, reference, key, session_token), number)


async def admin_order_credit_note(request: Request) -> Response:
    """Any order's credit note, for a staff member (as its invoice)."""
    _, session = _visitor(request)
    number = str(request.path_params["number"])
    missing, page = "invoice.missing_note_staff", staff_credit_note_page
    return await _answer(request, missing, page, _reference(request), number, session)


def staff_credit_note_page(
    shop: Shop, reference: str, number: str, session_token: str
) -> str | None:
    """The order's credit note page when the session is a staff member's, else None."""
    return _note_page(shop, _staff_order(shop, reference, session_token), number)


async def order_reversal_invoice(request: Request) -> Response:
    key, session = _visitor(request)
    number = str(request.path_params["number"])
    reference = _reference(request)
    page = reversal_invoice_page
    return await _answer(request, "invoice.missing", page, reference, number, key, session)


def reversal_invoice_page(
    shop: Shop, reference: str, number: str, key: str, session_token: str
) -> str | None:
    """The reversal invoice page of the order this visitor may see, or None."""
    return _reversal_page(shop, _viewer_order(shop, reference, key, session_token), number)


async def admin_order_reversal_invoice(request: Request) -> Response:
    """Any order's reversal invoice, for a staff member (as its credit notes)."""
    _, session = _visitor(request)
    number = str(request.path_params["number"])
    missing, page = "invoice.missing_staff", staff_reversal_invoice_page
    return await _answer(request, missing, page, _reference(request), number, session)


def staff_reversal_invoice_page(
    shop: Shop, reference: str, number: str, session_token: str
) -> str | None:
    """The order's reversal invoice page when the session is a staff member's, else None."""
    return _reversal_page(shop, _staff_order(shop, reference, session_token), number)


def _viewer_order(shop: Shop, reference: str, key: str, session_token: str) -> OrderRecord | None:
    commerce, accounts = shop.commerce, shop.accounts
    if commerce is None:
        return None
    account_id = accounts.session(session_token, utc_now()) if accounts and session_token else None
    return visible_order(commerce.orders, reference, key[:128], account_id)


async def admin_order_invoice(request: Request) -> Response:
    """Any order's invoice, for a staff member (the session checked as the admin's downloads
    are: storefront/api/admin_export.py)."""
    _, session = _visitor(request)
    missing = "invoice.missing_staff"
    return await _answer(request, missing, staff_invoice_page, _reference(request), session)


def staff_invoice_page(shop: Shop, reference: str, session_token: str) -> str | None:
    """The order's invoice page when the session is a staff member's, else None."""
    return _page(shop, _staff_order(shop, reference, session_token))


def _staff_order(shop: Shop, reference: str, session_token: str) -> OrderRecord | None:
    admin, commerce = shop.admin, shop.commerce
    if admin is None or commerce is None or not session_token:
        return None
    try:
        admin.team.staff(session_token, utc_now(), Permission.VIEW)
    except AccessDenied:
        return None
    wanted = reference.strip().upper()[:16]
    return commerce.orders.by_reference(wanted) if wanted else None


def _seller(shop: Shop) -> Seller:
    settings = shop.settings
    return seller_of(
        settings.seller_name,
        settings.seller_address,
        settings.seller_vat_id,
        settings.seller_company_id,
    )


def _page(shop: Shop, order: OrderRecord | None) -> str | None:
    if order is None:
        return None
    invoice = build_invoice(order, _seller(shop), shop.settings.zone)
    return render_invoice(invoice) if invoice is not None else None


def _note_page(shop: Shop, order: OrderRecord | None, number: str) -> str | None:
    if order is None:
        return None
    note = build_credit_note(order, number.strip().upper()[:16], _seller(shop), shop.settings.zone)
    return render_credit_note(note) if note is not None else None


def _reversal_page(shop: Shop, order: OrderRecord | None, number: str) -> str | None:
    if order is None:
        return None
    wanted, zone = number.strip().upper()[:16], shop.settings.zone
    document = build_reversal_invoice(order, wanted, _seller(shop), zone)
    return render_reversal_invoice(document) if document is not None else None
