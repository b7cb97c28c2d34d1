"""The admin's order use cases with their permission checks and audit entries: list, view,
ship, cancel, refund. Refund amounts are checked against what is left to refund, and staff
stop at the staff limit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from models.money import MoneyParseError, parse_major_amount
from storefront.services.admin.access import (
    GRANTS,
    Permission,
    Staff,
    check_refund_limit,
    over_staff_limit,
    require,
)
from storefront.services.admin.audit import AuditLog, AuditRecord
from storefront.services.admin.order_views import OrderDetail, OrderFilter, OrderPage
from storefront.services.admin.orders import AdminOrders
from storefront.services.errors import Refusal
from storefront.services.orders.refunds import RefundDone, RefundError, Refunds

MAX_REASON = 200


@dataclass(frozen=True, slots=True)
class RefundLimit:
    """A staff member's refund limit on one order: the most of it, its refunds together, and
    what is left of that after the refunds made or pending."""

    limit_minor: int
    left_minor: int


class OrderDesk:
    def __init__(
        self,
        orders: AdminOrders,
        refunds: Refunds | None,
        audit: AuditLog,
        *,
        staff_refund_limit_minor: int,
        release_cancel: Callable[[int, datetime, int | None, str], None] | None = None,
        cancel_paid: Callable[[int, datetime, int | None, str], object] | None = None,
    ) -> None:
        """`release_cancel` is CustomerCancel.release and `cancel_paid` its cancel_for_shop
        (order, now, actor's id and email)."""
        self._orders = orders
        self._refunds = refunds
        self._audit = audit
        self._limit = staff_refund_limit_minor
        self._release_cancel = release_cancel
        self._cancel_paid = cancel_paid

    def page(self, actor: Staff, order_filter: OrderFilter, page: int) -> OrderPage:
        """A page of the orders the filter keeps; a From date after the To date is refused
        (it would list nothing, as if there were no orders in those days)."""
        require(actor, Permission.VIEW)
        if order_filter.dates_crossed():
            raise Refusal("admin.orders.error.dates", {"to": "admin.orders.error.to_before_from"})
        return self._orders.list_orders(order_filter, page)

    def detail(self, actor: Staff, order_id: int) -> OrderDetail | None:
        require(actor, Permission.VIEW)
        return self._orders.detail(order_id)

    def fulfil(
        self,
        actor: Staff,
        order_id: int,
        carrier: str,
        tracking_number: str,
        now: datetime,
        *,
        shown_refundable_minor: int | None = None,
    ) -> OrderDetail:
        """Ship a paid or partially refunded order (the shopper is mailed the tracking number);
        refused if a refund settled since the page showed `shown_refundable_minor` left."""
        require(actor, Permission.ORDERS)

        def audit(before: OrderDetail, after: OrderDetail) -> list[AuditRecord]:
            return _entries(actor, "order.fulfil", before, after)

        return self._orders.fulfil(
            order_id,
            carrier,
            tracking_number,
            now,
            audit,
            shown_refundable_minor=shown_refundable_minor,
        )

    def resend_shipped_mail(self, actor: Staff, order_id: int) -> bool:
        """Mail the shipping notice again; True once sent. Audited: each one reaches the
        shopper, and no other trace of it was kept (QA)."""
        require(actor, Permission.ORDERS)
        self._orders.resend_shipped_mail(order_id)
        order = self._orders.detail(order_id)
        self._record(actor, "order.mail_resent", order, order)
        return True

    def cancel(self, actor: Staff, order_id: int, now: datetime) -> OrderDetail:
        """Cancel an unpaid order and give its stock back (one paid meanwhile is refused)."""
        require(actor, Permission.ORDERS)
        before = self._orders.detail(order_id)
        after = self._orders.cancel(order_id, now)
        self._record(actor, "order.cancel", before, after)
        return after

    def cancel_paid(self, actor: Staff, order_id: int, now: datetime) -> OrderDetail:
        """Cancel a paid, unshipped order: refunded in full, then canceled with its stock
        and discount use given back (CustomerCancel.cancel_for_shop, which audits it); the
        refund's permission and the staff limit apply to its total."""
        require(actor, Permission.ORDERS)
        order = self._orders.existing(order_id)
        if self._cancel_paid is None:
            raise Refusal("admin.order.error.provider")
        # Whatever the order's state as read here: it may be paid by the time it is claimed.
        check_refund_limit(actor, order.amounts.total_minor, self._limit)
        self._cancel_paid(order_id, now, actor.account_id, actor.email)
        return self._orders.existing(order_id)

    def paid_cancel_offer(self, actor: Staff, order: OrderDetail) -> str:
        """How the order's page offers Cancel and refund to `actor`: "offered";
        "needs_admin", its total over their refund limit (refused once confirmed, it had
        been offered; QA); "" when the order may not be (or its cancel is under way and
        theirs is not to press again)."""
        if not order.shop_cancelable or Permission.REFUND not in GRANTS[actor.role]:
            return ""
        if actor.is_admin or order.amounts.total_minor <= self._limit:
            return "offered"
        return "" if order.shop_canceling else "needs_admin"

    def release_cancel(self, actor: Staff, order_id: int, now: datetime) -> OrderDetail:
        """Give up the shopper's cancel request on a paid order stuck with it (it may then
        ship, or be refunded here): audited in the release's transaction, and refused while
        a refund under the cancel went through or may still."""
        require(actor, Permission.ORDERS)
        if self._release_cancel is None:
            raise Refusal("admin.order.error.provider")
        self._release_cancel(order_id, now, actor.account_id, actor.email)
        return self._orders.existing(order_id)

    def refund_limit(self, actor: Staff, order: OrderDetail) -> RefundLimit | None:
        """What the actor may still refund of this order under the staff limit, to show
        beside the refund form; None for admins, who have no limit."""
        require(actor, Permission.REFUND)
        if actor.is_admin:
            return None
        already = order.refunded_minor + order.pending_refund_minor
        return RefundLimit(self._limit, max(self._limit - already, 0))

    def check_refund(self, actor: Staff, order_id: int, amount_text: str, request_key: str) -> int:
        """The amount asked, in minor units, once it passes the checks the refund makes
        (what is left to refund, the staff limit): run before asking for confirmation, so
        that an amount the refund would refuse is refused before it is confirmed."""
        require(actor, Permission.REFUND)
        amount = self._checked_amount(
            actor, self._orders.existing(order_id), amount_text, request_key
        )
        if amount <= 0:  # a repeat is let through unchecked, but the question needs an amount
            raise Refusal("admin.refund.error.amount", {"amount": "admin.refund.error.amount"})
        return amount

    def refund(
        self,
        actor: Staff,
        order_id: int,
        amount_text: str,
        reason: str,
        request_key: str,
        *,
        now: datetime | None = None,
    ) -> RefundDone:
        """Give back part or all of what was paid; the same request key refunds once."""
        require(actor, Permission.REFUND)
        order = self._orders.existing(order_id)
        if self._refunds is None:
            raise Refusal("admin.order.error.provider")
        amount = self._checked_amount(actor, order, amount_text, request_key)
        # The limit again where the refund is recorded: two refunds sent at once from two
        # tabs were both under it above.
        ceiling = None if actor.is_admin else self._limit
        try:
            done = self._refunds.refund(
                order_id,
                amount,
                request_key,
                reason.strip()[:MAX_REASON],
                ceiling_minor=ceiling,
                now=now,
            )
        except RefundError as refused:
            if refused.code == "refund.error.over_ceiling":
                raise over_staff_limit(self._limit) from None
            raise
        if done.settled_now:
            # Not `not repeat`: a retry after a provider timeout is the call that settles it.
            after = self._orders.detail(order_id)
            self._record(actor, "order.refund", order, after, amount=done.amount_minor)
        return done

    def _checked_amount(
        self, actor: Staff, order: OrderDetail, amount_text: str, request_key: str
    ) -> int:
        return checked_refund_amount(actor, order, amount_text, request_key, self._limit)

    def _record(
        self,
        actor: Staff,
        action: str,
        before: OrderDetail | None,
        after: OrderDetail | None,
        **extra: object,
    ) -> None:
        """After a cancel or a refund: their moves go through the payment provider (its
        answer, or its webhook, may move the order), so there is no one transaction to join;
        the entry says what the admin asked and how the order stood right after."""
        self._audit.record(_entries(actor, action, before, after, **extra))


def checked_refund_amount(
    actor: Staff, order: OrderDetail, amount_text: str, request_key: str, staff_limit_minor: int
) -> int:
    """The refund amount typed, in minor units, once it passes what a refund of the order
    must (no cancel under way, at most what is left, within a staff member's limit on the
    order's refunds together); a repeat of a request already recorded passes unchecked."""
    if order.customer_canceling:  # its cancel refunds it in full (Refunds refuses too)
        raise Refusal("refund.error.cancel_claimed")
    if order.shop_canceling:
        raise Refusal("admin.refund.error.shop_canceling")
    try:
        amount = parse_major_amount(amount_text, order.amounts.currency)
    except MoneyParseError:
        amount = 0
    if any(r.request_key == request_key for r in order.refunds):
        # A repeat (double click, retry after a timeout) was checked when first made, and
        # its own pending amount must not count against it: Refunds answers it as before.
        return amount
    if amount > order.refundable_minor:  # said with what is left (QA: as for "abc")
        code, left = "admin.refund.error.over_left", {"left": order.refundable_minor}
        raise Refusal(code, {"amount": code}, amounts=left)
    if amount <= 0:
        raise Refusal("admin.refund.error.amount", {"amount": "admin.refund.error.amount"})
    # Staff's limit is per order: several small refunds cannot add up past it.
    already = order.refunded_minor + order.pending_refund_minor
    check_refund_limit(actor, already + amount, staff_limit_minor)
    return amount


def _entries(
    actor: Staff,
    action: str,
    before: OrderDetail | None,
    after: OrderDetail | None,
    **extra: object,
) -> list[AuditRecord]:
    order = after or before
    if order is None:
        return []
    subject = f"order:{order.reference}"
    return [AuditRecord.of(actor, action, subject, _snapshot(before), _snapshot(after) | extra)]


def _snapshot(order: OrderDetail | None) -> dict[str, object]:
    if order is None:
        return {}
    return {
        "status": order.status.value,
        "refunded_minor": order.refunded_minor,
        "carrier": order.carrier,
        "tracking_number": order.tracking_number,
    }
