"""Orders pages: the filtered list, and one order with its shipping, cancel and refund
actions. Amounts shown come from the server; the refund amount typed is checked there."""

from __future__ import annotations

import re
import secrets
from typing import Any
from urllib.parse import quote, urlencode

import reflex as rx

from models.money import format_major_amount
from models.orders import OrderStatus
from models.types import utc_now
from state.admin.downloads import post_download
from state.admin.guard import AdminState, Errors, admin, one_use_key
from state.admin.order_rows import OrderItemRow, order_row
from state.admin.order_view import OrderView, order_view
from state.admin.order_withdrawals import AdminOrderWithdrawalsState
from state.browser_input import search_text, whole
from state.shop import shop
from storefront.services.admin.access import Permission, Staff
from storefront.services.admin.exports import ROUTES, Export
from storefront.services.admin.order_views import CANCEL_RELEASED, OrderDetail, OrderFilter
from storefront.services.checkout.pricing import ShippingMethod
from storefront.services.invoices.credit_notes import ADMIN_CREDIT_NOTE_PATH
from storefront.services.invoices.document import ADMIN_INVOICE_PATH
from storefront.services.invoices.reversal_invoices import ADMIN_REVERSAL_INVOICE_PATH
from storefront.services.orders.carriers import CARRIERS

STATUSES = [s.value for s in OrderStatus]
REFUND_KEY = re.compile(r"[0-9a-f]{24}")
CARRIER_CHOICES = list(CARRIERS)
SHIPPING_METHODS = [m.value for m in ShippingMethod]


def _download(path: str, fields: dict[str, str]) -> str:
    query = urlencode({k: v for k, v in fields.items() if v})
    return f"{shop().settings.api_base_url}{path}" + (f"?{query}" if query else "")


class AdminOrdersState(AdminState):
    rows: list[OrderItemRow] = []  # noqa: RUF012
    loaded: bool = False  # a first answer came: until then "no order" would be a guess
    total: int = 0
    page: int = 1
    pages: int = 1
    # "To ship" only: how many of its orders' shoppers asked to cancel them (given up).
    cancel_released: int = 0
    filters: dict[str, str] = {}  # noqa: RUF012
    errors: Errors = {}  # noqa: RUF012

    def _filter(self) -> OrderFilter:
        return OrderFilter.typed(self.filters, shop().settings.zone)

    @rx.event
    async def download_orders(self) -> rx.event.EventSpec | None:
        """Every order the filter in use shows, as CSV: audited here, and the page posts the
        single-use ticket it gets (the filter in it) to the download's route."""
        return await self._export("orders")

    @rx.event
    async def download_refunds(self) -> rx.event.EventSpec | None:
        """The refunds made in the filter's days, as CSV (as `download_orders`)."""
        return await self._export("refunds")

    async def _export(self, export: Export) -> rx.event.EventSpec | None:
        staff = await self._staff(Permission.VIEW)
        if staff is None:
            return None
        exports = admin().exports
        issue = exports.orders_ticket if export == "orders" else exports.refunds_ticket
        ticket, _ = await self._attempt(issue, staff, self._filter(), utc_now())
        if ticket is None:
            return None
        return rx.call_script(post_download(ROUTES[export], {"ticket": ticket}))

    @rx.event
    async def load_page(self) -> None:
        staff = await self._staff(Permission.VIEW, opening=True)
        if staff is not None:
            await self._show(staff)

    async def _show(self, staff: Staff) -> None:
        found, self.errors = await self._attempt(
            admin().orders.page, staff, self._filter(), self.page
        )
        if found is not None:
            self.rows = [order_row(r) for r in found.rows]
            self.total, self.page, self.pages = found.total, found.page, found.pages
            self.cancel_released = found.cancel_released
            self.loaded = True
        elif self.errors:  # a filter refused (crossed dates): none of the last one's rows
            self.rows, self.total, self.page, self.pages = [], 0, 1, 1
            self.cancel_released = 0

    @rx.event
    async def apply_filters(self, form: dict[str, Any]) -> None:
        staff = await self._staff(Permission.VIEW)
        if staff is None:
            return
        keys = ("status", "from", "to", "customer")
        self.filters = {k: search_text(form.get(k, ""), 254) for k in keys}
        self.page = 1
        await self._show(staff)

    @rx.event
    async def show_cancel_released(self) -> None:
        """From "To ship"'s warning: list the orders it warns of."""
        await self.apply_filters({**self.filters, "status": CANCEL_RELEASED})

    @rx.event
    async def go(self, page: int) -> None:
        staff = await self._staff(Permission.VIEW)
        if staff is None:
            return
        self.page = max(whole(page, 1), 1)
        await self._show(staff)


class AdminOrderState(AdminState):
    order: OrderView = OrderView()
    missing: bool = False
    errors: Errors = {}  # noqa: RUF012
    # Names the refund form shown: sent back with it, so submitting that form twice refunds
    # once. A new key comes with the next form (after a refund, or a reload).
    refund_key: str = ""
    # The ship form's one-use key: a double click's second submit ships nothing and leaves
    # the first one's notice (shipped, mailed) in place.
    ship_key: str = ""
    resend_key: str = ""  # the "email the tracking number again" form's one-use key
    form_key: int = 0
    # The refund asked for and waiting for its confirmation, which names this amount (0:
    # none); what the form sent is kept to refund exactly what the confirmation said.
    refund_asked_minor: int = 0
    _refund_asked: dict[str, str] = {}  # noqa: RUF012
    # A staff member's refund limit on this order, shown beside the refund form: the limit
    # and what is left of it (-1: none, an admin).
    refund_limit_minor: int = -1
    refund_limit_left_minor: int = 0
    # The refund form's amount as drawn: what the order's withdrawals still owe while one is
    # owed, else all that is left to refund; for staff no more than what is left of their
    # limit, so that pressing Refund as it is never goes over it.
    refund_default_text: str = ""

    @rx.var
    def invoice_url(self) -> str:
        """The open order's invoice (storefront/api/invoice.py), "" while it has none."""
        if not self.order.invoice_number:
            return ""
        path = ADMIN_INVOICE_PATH.format(reference=quote(self.order.reference, safe=""))
        return _download(path, {})

    @rx.var
    def credit_note_links(self) -> list[dict[str, str]]:
        """The open order's credit notes (number, url), oldest first."""
        reference = quote(self.order.reference, safe="")
        return [
            {
                "number": number,
                "url": _download(
                    ADMIN_CREDIT_NOTE_PATH.format(
                        reference=reference, number=quote(number, safe="")
                    ),
                    {},
                ),
            }
            for number in self.order.credit_notes
        ]

    @rx.var
    def reversal_invoice_links(self) -> list[dict[str, str]]:
        """The invoices cancelling the open order's credit notes (number, note, url)."""
        ref, path = quote(self.order.reference, safe=""), ADMIN_REVERSAL_INVOICE_PATH
        return [
            v | {"url": _download(path.format(reference=ref, number=quote(v["number"])), {})}
            for v in self.order.reversal_invoices
        ]

    @rx.event
    async def load_page(self) -> None:
        staff = await self._staff(Permission.VIEW, opening=True)
        if staff is not None:
            await self._show(staff)

    async def _show(self, staff: Staff) -> None:
        found, _ = await self._attempt(admin().orders.detail, staff, self._path_id())
        await self._display(staff, found)
        self._forget_refund()
        self.refund_key = secrets.token_hex(12)
        self.ship_key, self.resend_key = one_use_key(), one_use_key()
        self.errors = {}
        # The forms start again from this order: an uncontrolled field keeps what it showed
        # until redrawn (the last order's refundable amount, say).
        self.form_key += 1

    async def _display(self, staff: Staff, found: OrderDetail | None) -> None:
        self.missing = found is None
        self.order = order_view(found) if found else OrderView()
        limit = await self._read(admin().orders.refund_limit, staff, found) if found else None
        self.refund_limit_minor = limit.limit_minor if limit else -1
        self.refund_limit_left_minor = limit.left_minor if limit else 0
        offer = await self._read(admin().orders.paid_cancel_offer, staff, found) if found else ""
        self.order.can_cancel_paid = offer == "offered"
        self.order.cancel_needs_admin = offer == "needs_admin"  # over this reader's limit (QA)
        most = self.order.refundable_minor
        # While a withdrawal is owed: what it still owes, not the goods kept too (QA).
        withdrawals = await self.get_state(AdminOrderWithdrawalsState)
        owed = await withdrawals._load(found)
        if owed is not None:
            most = min(most, owed)
        if limit:
            most = min(most, max(limit.left_minor, 0))
        # Nothing to offer (a limit used up, or refunds on their way cover what a withdrawal
        # owes): no amount to press Refund on; the limit and the withdrawal say why.
        shown = format_major_amount(most, self.order.currency)
        self.refund_default_text = shown if most > 0 else ""

    @rx.event
    async def fulfil(self, form: dict[str, Any]) -> None:
        staff = await self._staff_for_form(Permission.ORDERS, form, "ship_key")
        if staff is None:
            return
        carrier, tracking = (
            str(form.get("carrier", ""))[:40],
            str(form.get("tracking_number", ""))[:80],
        )
        shown = str(form.get("shown_refundable", ""))  # what the page said was left
        done, self.errors = await self._attempt(
            admin().orders.fulfil,
            staff,
            self._path_id(),
            carrier,
            tracking,
            utc_now(),
            # Read only if short: int() refuses more than 4,300 digits.
            shown_refundable_minor=int(shown) if shown.isdecimal() and len(shown) <= 18 else None,
        )
        await self._after(staff, done is not None, "admin.order.shipped")

    @rx.event
    async def cancel(self) -> None:
        staff = await self._staff(Permission.ORDERS)
        if staff is None:
            return
        done, _ = await self._attempt(admin().orders.cancel, staff, self._path_id(), utc_now())
        await self._after(staff, done is not None, "admin.order.canceled")

    @rx.event
    async def cancel_paid(self) -> None:
        """Cancel the paid order and refund it in full (confirmed on the page first)."""
        staff = await self._staff(Permission.ORDERS)
        if staff is None:
            return
        orders = admin().orders
        done, _ = await self._attempt(orders.cancel_paid, staff, self._path_id(), utc_now())
        # Stripe may hold the refund pending: claimed, it is canceled once that settles.
        pending = done is not None and done.status is not OrderStatus.CANCELED
        said = "admin.order.cancel_pending" if pending else "admin.order.canceled_refunded"
        await self._after(staff, done is not None, said)

    @rx.event
    async def release_cancel(self) -> None:
        """Give up the customer's stuck cancel request (confirmed on the page first)."""
        staff = await self._staff(Permission.ORDERS)
        if staff is None:
            return
        orders = admin().orders
        done, _ = await self._attempt(orders.release_cancel, staff, self._path_id(), utc_now())
        await self._after(staff, done is not None, "admin.order.cancel_release_done")

    @rx.event
    async def resend_mail(self, form: dict[str, Any]) -> None:
        # Keyed: a double click mails the shopper once.
        staff = await self._staff_for_form(Permission.ORDERS, form, "resend_key")
        if staff is None:
            return
        sent, _ = await self._attempt(admin().orders.resend_shipped_mail, staff, self._path_id())
        if sent is not None:
            await self._tell("admin.order.mail_sent")

    @rx.event
    async def ask_refund(self, form: dict[str, Any]) -> None:
        """Hold the refund the form asks for until confirmed, the confirmation naming its
        amount: the field comes filled with everything left, to be lowered for a part."""
        staff = await self._staff_for_form(Permission.REFUND, form)
        if staff is None:
            return
        amount, reason = str(form.get("amount", ""))[:20], str(form.get("reason", ""))[:200]
        # The key rendered into this form: a second submit of the same form (a double click)
        # carries it again and refunds once.
        key = str(form.get("key", ""))
        key = key if REFUND_KEY.fullmatch(key) else self.refund_key
        # As the refund checks it (again, on confirming): what is left, the staff limit. An
        # amount over the limit is refused here, naming it, not after it was confirmed.
        amount_minor, self.errors = await self._attempt(
            admin().orders.check_refund, staff, self._path_id(), amount, key
        )
        if amount_minor is None:
            return
        self._refund_asked = {"amount": amount, "reason": reason, "key": key}
        self.refund_asked_minor = amount_minor

    @rx.event
    async def dismiss_refund(self) -> None:
        if await self._staff(Permission.VIEW) is None:
            return
        self._forget_refund()

    @rx.event
    async def refund(self) -> None:
        """Make the refund asked for and confirmed."""
        staff = await self._staff(Permission.REFUND)
        asked = self._refund_asked
        self._forget_refund()
        if staff is None or not asked:
            return
        done, self.errors = await self._attempt(
            admin().orders.refund,
            staff,
            self._path_id(),
            asked["amount"],
            asked["reason"],
            asked["key"],
        )
        pending = done is not None and done.status == "pending"
        notice = "admin.order.refund_pending" if pending else "admin.order.refunded"
        await self._after(staff, done is not None, notice)
        if done is None and any(
            r.request_key == asked["key"] and r.status == "failed" for r in self.order.refunds
        ):
            # That request is over (refused, or it never reached the provider): the form
            # asks anew. One that only could not reach the provider keeps its key.
            self.refund_key = secrets.token_hex(12)

    def _forget_refund(self) -> None:
        self._refund_asked, self.refund_asked_minor = {}, 0

    async def _after(self, staff: Staff, ok: bool, notice_key: str) -> None:
        if not ok:
            # A refusal often means the order moved on (shipped, paid or refunded meanwhile):
            # it is shown as it is now, with the refusal, the field messages and the refund
            # key kept (the same form sent again still refunds once).
            await self._display(
                staff, await self._read(admin().orders.detail, staff, self._path_id())
            )
            return
        await self._show(staff)
        await self._tell(notice_key, reference=self.order.reference)
