"""The merchandiser's order desk: find orders, ship paid ones (partially refunded ones too),
cancel unpaid ones.

Every change is a conditional move of the one order state machine (services/orders/
status.py), so an admin racing a webhook (or another admin) changes the order at most once,
and whoever lost is told why from the order's status as it now is.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime, tzinfo
from typing import TextIO

from models.orders import OrderStatus as S
from storefront.services.accounts.ports import Mailer
from storefront.services.admin.audit import AuditRecord
from storefront.services.admin.order_export import write_orders
from storefront.services.admin.order_views import (
    OrderAdminStore,
    OrderDetail,
    OrderFilter,
    OrderPage,
)
from storefront.services.admin.refund_export import write_refunds
from storefront.services.admin.shipping_mail import shipped_mail
from storefront.services.errors import AlreadyDone, Refusal
from storefront.services.inventory import Inventory
from storefront.services.orders.carriers import CARRIERS
from storefront.services.orders.ports import OrderStore
from storefront.services.orders.status import CHARGED, SHIPPING, UNPAID
from storefront.services.orders.viewing import order_url
from storefront.services.orders.withdrawal_period import withdrawal_period
from storefront.services.paging import page_count
from storefront.services.payments import PaymentError

log = logging.getLogger(__name__)

PAGE_SIZE = 25
MAX_PAGE_SIZE = 100
# Letters, digits, spaces and dashes (runs of spaces are collapsed first), 3 to 40 of them,
# starting and ending with a letter or digit.
TRACKING = re.compile(r"[A-Z0-9](?:[A-Z0-9 -]{1,38})[A-Z0-9]")

# Why an order in this status cannot be shipped (the statuses of SHIPPING can, once).
_NOT_SHIPPABLE: dict[S, str] = {
    S.PENDING: "admin.order.error.not_paid",
    S.REQUIRES_ACTION: "admin.order.error.not_paid",
    S.FAILED: "admin.order.error.not_paid",
    S.CANCELED: "admin.order.error.canceled",
    S.FULFILLED: "admin.order.error.already_fulfilled",
    S.REFUNDED: "admin.order.error.refunded",
}


class AdminOrders:
    def __init__(
        self,
        store: OrderAdminStore,
        orders: OrderStore,
        inventory: Inventory,
        mailer: Mailer,
        *,
        public_url: str,
        abandon: Callable[[int, datetime], None] | None = None,
        withdrawal_days: int = 30,
        zone: tzinfo = UTC,
    ) -> None:
        """`abandon` is Checkout.abandon: unpaid orders with a PaymentIntent are canceled
        through it, which cancels the intent first (None: no payment provider configured).
        `withdrawal_days` and `zone` (the shop's settings) date the withdrawal period the
        shipping mail gives."""
        self._withdrawal_days, self._zone = withdrawal_days, zone
        self._store = store
        self._orders = orders
        self._inventory = inventory
        self._mailer = mailer
        self._public_url = public_url.rstrip("/")
        self._abandon = abandon

    def list_orders(
        self, order_filter: OrderFilter, page: int = 1, page_size: int = PAGE_SIZE
    ) -> OrderPage:
        """One page of the matching orders, newest first; a page out of range shows the
        nearest one."""
        size = min(max(1, page_size), MAX_PAGE_SIZE)
        total = self._store.count(order_filter)
        pages = page_count(total, size)
        page = min(max(1, page), pages)
        rows = self._store.rows(order_filter, (page - 1) * size, size) if total else []
        # Whoever packs from "To ship" is told of the orders whose customer asked to cancel
        # them, wherever they fall in its pages (QA: one was shipped).
        asked = replace(order_filter, cancel_released=True)
        flagged = self._store.count(asked) if order_filter.to_ship and total else 0
        return OrderPage(tuple(rows), total, page, pages, flagged)

    def export(self, order_filter: OrderFilter, stream: TextIO, zone: tzinfo) -> int:
        """Every matching order as CSV (order_export.py); return how many."""
        return write_orders(self._store, order_filter, stream, zone)

    def export_refunds(self, days: OrderFilter, stream: TextIO, zone: tzinfo) -> int:
        """The refunds made within the filter's days as CSV (refund_export.py)."""
        return write_refunds(self._store, days, stream, zone)

    def detail(self, order_id: int) -> OrderDetail | None:
        """The whole order, or None when there is none of this id."""
        return self._store.detail(order_id)

    def fulfil(
        self,
        order_id: int,
        carrier: str,
        tracking_number: str,
        now: datetime,
        audit: Callable[[OrderDetail, OrderDetail], Sequence[AuditRecord]] | None = None,
        *,
        shown_refundable_minor: int | None = None,
    ) -> OrderDetail:
        """Mark a paid or partially refunded order shipped and mail the shopper its tracking
        number (once). `audit` makes the audit entries of (order before, order shipped):
        they are written with the move, or not at all. `shown_refundable_minor`, what the
        merchant's page said was left: a refund settled since they opened it is refused
        too, so that they see what is left before they ship it."""
        carrier, tracking_number, fields = check_shipment(carrier, tracking_number)
        order = self.existing(order_id)
        _check_shippable(order)
        if shown_refundable_minor is not None and shown_refundable_minor != order.refundable_minor:
            raise Refusal("admin.order.error.refunded_meanwhile")
        if fields:  # the first field at fault names the refusal; each field says its own
            raise Refusal(next(iter(fields.values())), fields)
        # Paid when part of its stock had sold out: that stock is taken now, or it does not
        # leave (a parcel from stock the shop still counts as free would oversell later).
        if order.stock_short and not self._orders.take_missing_stock(order_id):
            raise Refusal("admin.order.error.stock_short")
        # What the conditional move leaves: it happens only from the order as read here
        # (unshipped, this status, this much refunded: a refund or a shipment meanwhile and
        # the move does not happen), so the entry's before and after are the order's as
        # committed.
        shipped = replace(
            order,
            status=SHIPPING[order.status],
            carrier=carrier,
            tracking_number=tracking_number,
            fulfilled_at=now,
        )
        entries = audit(order, shipped) if audit else ()
        if not self._store.fulfil(
            order_id,
            carrier,
            tracking_number,
            now,
            entries,
            from_status=order.status,
            refunded_minor=order.refunded_minor,
        ):
            # Someone moved it first (another admin, a refund): say what it is now.
            _check_shippable(self.existing(order_id))
            # Still shippable: a partial refund came in meanwhile. The merchant sees what is
            # left before shipping it, rather than have it shipped on what they read before.
            raise Refusal("admin.order.error.refunded_meanwhile")
        try:
            self._send_shipped(order_id, carrier, tracking_number)
        except Exception:  # the parcel left all the same; resend_shipped_mail sends it again
            log.exception("mailing the shipping notice of order %s failed", order_id)
        return self.existing(order_id)

    def resend_shipped_mail(self, order_id: int) -> None:
        """Mail the shipping notice of a fulfilled order again (a mail server was down)."""
        order = self.existing(order_id)
        if order.fulfilled_at is None:
            raise Refusal("admin.order.error.not_fulfilled")
        self._send_shipped(order_id, order.carrier, order.tracking_number)

    def cancel(self, order_id: int, now: datetime) -> OrderDetail:
        """Cancel an unpaid order and give its held stock back; paid orders are refunded
        instead."""
        order = self.existing(order_id)
        if order.status in CHARGED:
            raise Refusal("admin.order.error.refund_instead")
        if order.status is S.CANCELED:
            # A double click's second confirmation, another tab: it is canceled, once.
            raise AlreadyDone("admin.order.error.already_canceled")
        if order.status not in UNPAID:
            raise Refusal("admin.order.error.not_cancelable")
        if order.payment_intent_id:
            # The shopper could still pay a live intent: cancel it at the provider first,
            # and let its answer (canceled, or paid meanwhile) move the order.
            if self._abandon is None:
                raise Refusal("admin.order.error.provider")
            try:
                self._abandon(order_id, now)
            except PaymentError:
                raise Refusal("admin.order.error.provider") from None
        elif self._orders.move(order_id, S.CANCELED).applied:
            # As checkout does: the move gives back the discount use, then the stock hold.
            record = self._orders.get(order_id)
            if record is not None:
                self._inventory.release(record.holder, now)
        current = self.existing(order_id)
        if current.status is S.CANCELED:
            return current
        raise Refusal(
            "admin.order.error.paid_meanwhile"
            if current.status in CHARGED
            else "admin.order.error.provider"
        )

    def existing(self, order_id: int) -> OrderDetail:
        """The whole order; refused (not found) when there is none of this id: what every
        admin use case on one order starts from."""
        order = self._store.detail(order_id)
        if order is None:
            raise Refusal("admin.order.error.not_found")
        return order

    def _send_shipped(self, order_id: int, carrier: str, tracking: str) -> None:
        order = self._orders.get(order_id)
        if order is None:
            raise Refusal("admin.order.error.not_found")
        url = order_url(self._public_url, order)
        period = withdrawal_period(order, self._withdrawal_days, self._zone)
        self._mailer.send(order.email, *shipped_mail(order, carrier, tracking, url, period))


def _check_shippable(order: OrderDetail) -> None:
    if order.fulfilled_at is not None:
        # A double click's second submit, another tab, another person: it left once.
        raise AlreadyDone("admin.order.error.already_fulfilled")
    if order.canceled_by_customer:
        raise Refusal("admin.order.error.customer_canceled")
    if order.canceled_by_shop:  # canceled, or its refund on its way
        raise Refusal("admin.order.error.shop_canceling")
    if not order.shippable:
        raise Refusal(_NOT_SHIPPABLE.get(order.status, "admin.order.error.not_paid"))


def check_shipment(carrier: str, tracking_number: str) -> tuple[str, str, dict[str, str]]:
    """The carrier and tracking number normalised, and a message key per field at fault."""
    carrier = carrier.strip().lower()
    tracking = " ".join(tracking_number.split()).upper()
    fields: dict[str, str] = {}
    if carrier not in CARRIERS:
        fields["carrier"] = "admin.order.error.carrier"
    if not TRACKING.fullmatch(tracking):
        fields["tracking_number"] = "admin.order.error.tracking_number"
    return carrier, tracking, fields
