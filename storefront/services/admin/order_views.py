"""What the admin sees of orders, how it filters them, and what it needs from storage."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Protocol

from models.orders import OrderStatus
from storefront.services.admin.refund_entries import RefundEntry
from storefront.services.checkout.pricing import Totals
from storefront.services.orders.ports import Address, OrderItem, OrderRecord
from storefront.services.orders.refunds import refund_made_at_provider
from storefront.services.orders.status import CANCELABLE_PAID, SHIPPING, refundable
from storefront.services.shop_days import day_start

if TYPE_CHECKING:
    from storefront.services.admin.audit import AuditRecord


# The filter's choice of the orders waiting to be shipped, whatever their status.
TO_SHIP = "to_ship"
# And of the orders whose shopper sent a withdrawal statement (services/orders/withdrawal.py).
WITHDRAWN = "withdrawn"
# And of those whose withdrawal is still to refund (services/orders/withdrawal_refunds.py).
WITHDRAWAL_OWED = "withdrawal_owed"
# And of the canceled orders paid once whose refund failed since: owed again (status.refundable).
REFUND_OWED = "refund_owed"
# And of the unshipped orders whose shopper's cancel was given up (its refund refused, or the
# request released): still paid and shippable, but the customer asked not to have them.
CANCEL_RELEASED = "cancel_released"


def _day(text: str) -> date | None:
    """A date typed in the filter, between 2000 and 2100 (else no bound)."""
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        return None
    return day if date(2000, 1, 1) <= day <= date(2100, 12, 31) else None


@dataclass(frozen=True, slots=True)
class OrderFilter:
    # Empty: every status.
    statuses: frozenset[OrderStatus] = frozenset()
    created_from: date | None = None  # inclusive, the shop's day
    created_to: date | None = None  # inclusive, the shop's day
    # Matched case-insensitively in the email or the name shipped to, or an exact reference.
    customer: str = ""
    # Only the orders waiting to be shipped: paid or partially refunded, not shipped yet.
    to_ship: bool = False
    # Only the orders with a withdrawal statement.
    withdrawn: bool = False
    # Only the orders with a withdrawal still to refund: refunds since do not cover it.
    withdrawal_owed: bool = False
    # Only the canceled orders whose refund failed since (a closed card): owed to the customer.
    refund_owed: bool = False
    # Only the unshipped orders whose shopper's cancel was given up (CANCEL_RELEASED).
    cancel_released: bool = False
    zone: tzinfo = UTC  # the shop's, where its days start at midnight

    def created_range(self) -> tuple[datetime | None, datetime | None]:
        """[start, end) in UTC: whole days, so `created_to` counts until its midnight."""
        start = day_start(self.created_from, self.zone) if self.created_from else None
        end = day_start(self.created_to + timedelta(days=1), self.zone) if self.created_to else None
        return start, end

    @classmethod
    def typed(cls, fields: Mapping[str, str], zone: tzinfo = UTC) -> OrderFilter:
        """The list's filter as its form (or the download's query) gives it: `status` (a
        status, or "to_ship"), `from` and `to` (YYYY-MM-DD, the shop's days), `customer`.
        What cannot be read filters nothing."""
        status = fields.get("status", "")
        statuses = {s.value for s in OrderStatus}
        return cls(
            statuses=frozenset({OrderStatus(status)}) if status in statuses else frozenset(),
            to_ship=status == TO_SHIP,
            withdrawn=status == WITHDRAWN,
            withdrawal_owed=status == WITHDRAWAL_OWED,
            refund_owed=status == REFUND_OWED,
            cancel_released=status == CANCEL_RELEASED,
            created_from=_day(fields.get("from", "")),
            created_to=_day(fields.get("to", "")),
            customer=fields.get("customer", "")[:254],
            zone=zone,
        )

    def described(self) -> dict[str, str]:
        """The filter as text: in an export's audit entry, and in its download ticket, from
        which `of_described` reads it back as it was."""
        described = {
            "statuses": ",".join(sorted(s.value for s in self.statuses)),
            "to_ship": "yes" if self.to_ship else "",
            "from": self.created_from.isoformat() if self.created_from else "",
            "to": self.created_to.isoformat() if self.created_to else "",
            "customer": self.customer,
        }
        # Named only when chosen: tickets issued before them read the same.
        for name in ("withdrawn", "withdrawal_owed", "refund_owed", "cancel_released"):
            if getattr(self, name):
                described[name] = "yes"
        return described

    @classmethod
    def of_described(cls, fields: Mapping[str, str], zone: tzinfo = UTC) -> OrderFilter:
        """The filter `described` gave (what cannot be read filters nothing)."""
        known = {s.value for s in OrderStatus}
        statuses = fields.get("statuses", "").split(",")
        return cls(
            statuses=frozenset(OrderStatus(s) for s in statuses if s in known),
            to_ship=fields.get("to_ship", "") == "yes",
            withdrawn=fields.get("withdrawn", "") == "yes",
            withdrawal_owed=fields.get("withdrawal_owed", "") == "yes",
            refund_owed=fields.get("refund_owed", "") == "yes",
            cancel_released=fields.get("cancel_released", "") == "yes",
            created_from=_day(fields.get("from", "")),
            created_to=_day(fields.get("to", "")),
            customer=fields.get("customer", "")[:254],
            zone=zone,
        )

    def dates_crossed(self) -> bool:
        """Whether `created_from` comes after `created_to`: then no order can match."""
        return (
            self.created_from is not None
            and self.created_to is not None
            and self.created_from > self.created_to
        )

    def customer_text(self) -> str:
        """The customer search as the store matches it: trimmed, lower-case, bounded."""
        return " ".join(self.customer.split()).lower()[:254]


@dataclass(frozen=True, slots=True)
class OrderRow:
    """One order in the admin's list."""

    id: int
    reference: str
    status: OrderStatus
    email: str
    customer_name: str
    total_minor: int
    currency: str
    refunded_minor: int
    created_at: datetime
    paid_at: datetime | None
    item_count: int  # units, all lines together
    fulfilled_at: datetime | None = None  # when it shipped, whatever refunds came after
    withdrawn: bool = False  # its shopper sent a withdrawal statement
    withdrawal_owed: bool = False  # and its refund is still owed
    refund_owed: bool = False  # canceled, and a refund of it failed since: owed again
    # Unshipped, and its shopper's cancel was given up (refund refused, or released): the
    # customer asked not to have it, so it is not packed before they are contacted.
    cancel_released: bool = False


@dataclass(frozen=True, slots=True)
class OrderPage:
    rows: tuple[OrderRow, ...]
    total: int  # orders matching the filter, all pages together
    page: int  # 1-based, within 1..pages
    pages: int  # at least 1, even when nothing matches
    # Of the orders "To ship" lists, those whose shopper's cancel was given up, all pages
    # together (0 for any other filter): the list warns about them above its rows.
    cancel_released: int = 0


@dataclass(frozen=True, slots=True)
class RefundView:
    id: int
    amount_minor: int
    status: str  # pending | succeeded | failed
    reason: str
    created_at: datetime
    request_key: str = ""  # the caller's idempotency key
    failed_at: datetime | None = None  # when this shop heard that it failed
    # It went through, then failed (a closed card): the customer got nothing back.
    reversed: bool = False
    method: str = ""  # made outside the provider: how (offline_refunds.OFFLINE_METHODS)
    succeeded_at: datetime | None = None  # when it went through (none recorded before 0058)

    @property
    def made_at_provider(self) -> bool:
        """Made in the payment provider's dashboard, not from this shop."""
        return refund_made_at_provider(self.request_key)


@dataclass(frozen=True, slots=True)
class OrderDetail:
    """Everything the admin knows of one order."""

    id: int
    reference: str
    status: OrderStatus
    email: str
    locale: str
    account_id: int | None
    created_at: datetime
    paid_at: datetime | None
    address: Address
    shipping_method: str
    discount_code: str | None
    amounts: Totals  # subtotal, discount, shipping, VAT included, total
    lines: tuple[OrderItem, ...]
    payment_intent_id: str | None
    payment_error: str
    stock_short: bool  # paid, but its stock had sold out: restock or refund before shipping
    refunded_minor: int
    refunds: tuple[RefundView, ...]  # oldest first
    carrier: str
    tracking_number: str
    fulfilled_at: datetime | None
    # The shopper canceled it themselves (services/orders/customer_cancel.py): for a paid
    # one, asked first and refunded in full before it moved to canceled.
    canceled_by_customer: bool = False
    # The shop canceled it, paid, from this admin (CustomerCancel.cancel_for_shop): claimed
    # the same way, refunded in full, then canceled with its stock back.
    canceled_by_shop: bool = False
    # A cancel of it was given up (its refund refused, or the shopper's released here): the
    # order stands, and the merchant must settle it (with the customer, if theirs).
    cancel_released_at: datetime | None = None
    shop_cancel_released: bool = False  # that cancel was the shop's own (no shopper to tell)
    invoice_number: str | None = None  # given when it was paid (migration 0032 on)
    credit_notes: tuple[str, ...] = ()  # numbers of its invoice's credit notes, oldest first
    # (number, the credit note it cancels) of each invoice cancelling a note whose refund
    # failed after it went through, in the order of their notes.
    reversal_invoices: tuple[tuple[str, str], ...] = ()

    @property
    def customer_canceling(self) -> bool:
        """The shopper asked to cancel it and its refund is not through yet: not shipped,
        not refunded here; the merchant may release the request when it is stuck."""
        return self.canceled_by_customer and self.status is not OrderStatus.CANCELED

    @property
    def shop_canceling(self) -> bool:
        """The shop canceled it and its refund is not through yet (pending at the provider,
        or the provider unreachable: asking again tries the refund again)."""
        return self.canceled_by_shop and self.status is not OrderStatus.CANCELED

    @property
    def shop_cancelable(self) -> bool:
        """The shop may cancel it and refund what is left of it: paid (or partly refunded)
        and unshipped, something left to refund and nothing on its way back, no cancel of
        the customer's standing or given up; or its own cancel is under way (asked again,
        the refund is tried again)."""
        if self.shop_canceling:
            return True
        return (
            self.status in CANCELABLE_PAID
            and self.fulfilled_at is None
            and self.refunded_minor < self.amounts.total_minor
            and self.pending_refund_minor == 0
            and not self.canceled_by_customer
            and self.cancel_released_at is None
        )

    @property
    def shippable(self) -> bool:
        """Not shipped yet, and in a status it may be shipped from."""
        canceling = self.canceled_by_customer or self.canceled_by_shop
        return self.fulfilled_at is None and self.status in SHIPPING and not canceling

    @property
    def pending_refund_minor(self) -> int:
        return sum(r.amount_minor for r in self.refunds if r.status == "pending")

    @property
    def reversal_owed_minor(self) -> int:
        """What refunds that failed after they went through took back (a closed card) and
        the refunds asked since (again through the provider, or paid outside it and
        recorded) have not made up: still owed to the customer another way."""
        taken_back = [r for r in self.refunds if r.reversed]
        if not taken_back:
            return 0
        heard = min(r.failed_at or r.created_at for r in taken_back)
        again = sum(
            r.amount_minor for r in self.refunds if r.status != "failed" and r.created_at >= heard
        )
        return max(0, sum(r.amount_minor for r in taken_back) - again)

    @property
    def refundable_minor(self) -> int:
        """What may still be refunded: nothing unless money was taken, and never what is
        already refunded or on its way back. A canceled order paid once has this only when a
        refund that closed it failed since (status.refundable): what is owed again."""
        if not refundable(self.status, paid=self.paid_at is not None):
            return 0
        left = self.amounts.total_minor - self.refunded_minor - self.pending_refund_minor
        return max(0, left)


class OrderAdminStore(Protocol):
    """Each method is one transaction."""

    def count(self, order_filter: OrderFilter) -> int: ...

    def rows(self, order_filter: OrderFilter, offset: int, limit: int) -> list[OrderRow]:
        """Matching orders, newest first."""
        ...

    def records(self, order_filter: OrderFilter, after_id: int, limit: int) -> list[OrderRecord]:
        """Matching orders whole, of ids above `after_id`, oldest first (an export's batch)."""
        ...

    def refund_entries(
        self,
        start: datetime | None,
        end: datetime | None,
        after: tuple[datetime, int, bool] | None,
        limit: int,
    ) -> list[RefundEntry]:
        """Refunds that went through in [start, end), in the order they were made (time,
        then id), with the reversals of those that failed after, on the day the shop heard
        so, in between; after `after` (the last of the previous batch's date, id and
        reversal)."""
        ...

    def detail(self, order_id: int) -> OrderDetail | None: ...

    def fulfil(
        self,
        order_id: int,
        carrier: str,
        tracking_number: str,
        now: datetime,
        audit: Sequence[AuditRecord] = (),
        *,
        from_status: OrderStatus,
        refunded_minor: int,
    ) -> bool:
        """Ship an order with its carrier, tracking number and time, its status moving to
        SHIPPING[from_status], as one conditional update, and write `audit` in the same
        transaction; False (nothing written) unless it was still unshipped, in `from_status`
        and with `refunded_minor` refunded, as the caller read it."""
        ...
