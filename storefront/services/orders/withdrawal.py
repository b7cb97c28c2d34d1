"""The shopper's withdrawal from a shipped order: the EU withdrawal function (Directive
2011/83/EU Art. 11a, inserted by Directive (EU) 2023/2673).

Offered once the order has shipped until `days` (BOUTIQUE_WITHDRAWAL_DAYS) after the shopper
receives it (withdrawal_period.py: the day its delivery promise gives, the shop recording no
delivery); before it ships, the shopper's cancel (customer_cancel.py) is the withdrawal. The
shopper names themselves, the items and quantities (all by default, never more than bought
less what they withdrew already) and the email for the acknowledgement, then confirms: one
statement is recorded per confirmation (its request key: a double click or a replayed event records
nothing more), audited, with a WithdrawalReceived event in its transaction whose handler
mails the acknowledgement once (withdrawal_mail.py). The refund stays the merchant's, due
within REFUND_WITHIN of the statement, once the goods are back.

Who may: the signed-in owner, whoever holds the order's link, or a guest who types the
order's reference and email (`find_for_guest`, limited per client)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Protocol

from models.events import Event, WithdrawalReceived
from storefront.services.accounts.credentials import canonical_email, normalize_email, same_email
from storefront.services.accounts.errors import AccountError
from storefront.services.admin.audit import AuditRecord, to_json
from storefront.services.checkout.pricing import Totals
from storefront.services.errors import Refusal
from storefront.services.orders.customer_cancel import refund_due
from storefront.services.orders.ports import OrderRecord, OrderStore
from storefront.services.orders.status import CANCELABLE_PAID
from storefront.services.orders.withdrawal_period import WithdrawalPeriod, withdrawal_period
from storefront.services.orders.withdrawal_refunds import (
    Paid,
    RefundSeen,
    Settlement,
    settle,
    settle_order,
    values,
)
from storefront.services.orders.withdrawal_status import remaining, withdrawal_mark
from storefront.services.throttle import Limit, Throttle

ACTION = "order.withdrawal"
WITHDRAW_PATH = "/withdraw"  # the guest's page: the footer's "Withdraw from a contract"
REFUND_WITHIN = timedelta(days=14)  # Directive 2011/83/EU Art. 13(1)
MAX_NAME = 120
# References and emails typed on the guest page: a shopper types theirs once or twice; a
# script pairing references with emails stops at 10 a quarter of an hour.
GUEST_LOOKUPS = Limit("withdraw-lookup", 10, 15 * 60)
# An order page's link mailed to a guest's order (not shipped yet), per order: every lookup
# would mail it again, the lookups' own limit being per client.
ORDER_LINKS = Limit("withdraw-order-link", 2, 60 * 60)


@dataclass(frozen=True, slots=True)
class WithdrawnItem:
    line: int  # its position in the order's lines
    sku: str
    title: str
    options: str
    quantity: int

    @property
    def named(self) -> str:
        """ "Linen shirt (M · Navy)": the product as bought, its options after it."""
        return self.title + (f" ({self.options})" if self.options else "")

    @property
    def label(self) -> str:
        """ "2 × Linen shirt (M · Navy)", as the order page and the admin list it."""
        return f"{self.quantity} × {self.named}"


@dataclass(frozen=True, slots=True)
class Statement:
    id: int
    order_id: int
    name: str
    email: str
    items: tuple[WithdrawnItem, ...]
    received_at: datetime
    locale: str
    # What it owes for its goods (withdrawal_refunds.py), recorded with it.
    value_minor: int = 0

    @property
    def refund_due_by(self) -> datetime:
        """The day the merchant must have refunded by (the goods back, or proof they left)."""
        return self.received_at + REFUND_WITHIN


@dataclass(frozen=True, slots=True)
class Draft:
    """What the shopper typed: their name, the email for the acknowledgement, a quantity per
    line of the order (positions; lines not named are not withdrawn)."""

    name: str
    email: str
    quantities: Mapping[int, int]


@dataclass(frozen=True, slots=True)
class NewStatement:
    order_id: int
    request_key: str
    name: str
    email: str
    items: tuple[WithdrawnItem, ...]
    received_at: datetime
    locale: str


class RefundedOrder(Protocol):
    """An order with its refunds (the admin's OrderDetail)."""

    @property
    def id(self) -> int: ...
    @property
    def amounts(self) -> Totals: ...
    @property
    def refunded_minor(self) -> int: ...
    @property
    def refunds(self) -> Sequence[RefundSeen]: ...


class WithdrawalStore(Protocol):
    def for_order(self, order_id: int) -> list[Statement]:
        """The order's statements, oldest first."""
        ...

    def for_orders(self, order_ids: Sequence[int]) -> dict[int, list[Statement]]:
        """The statements of each of these orders that has some, oldest first."""
        ...

    def refunds_of(self, order_id: int) -> list[RefundSeen]:
        """The order's refunds, pending and failed ones too (withdrawal_refunds.settle picks)."""
        ...

    def get(self, statement_id: int) -> Statement | None: ...

    def record(
        self,
        statement: NewStatement,
        check: Callable[[Sequence[Statement]], int],
        audit: AuditRecord,
    ) -> tuple[Statement, bool]:
        """In one transaction holding the order: the statement already recorded under its
        request key (False), or `check` called with the order's statements (it raises to
        refuse, or returns the new statement's value) and the statement with that value,
        `audit` and a WithdrawalReceived event written (True)."""
        ...


def withdrawn_items(order: OrderRecord, quantities: Mapping[int, int]) -> tuple[WithdrawnItem, ...]:
    return tuple(
        WithdrawnItem(i, line.sku, line.title, line.options, quantities[i])
        for i, line in enumerate(order.lines)
        if quantities.get(i, 0) > 0
    )


class Withdrawals:
    def __init__(
        self,
        orders: OrderStore,
        store: WithdrawalStore,
        publish: Callable[[Iterable[Event]], None],
        throttle: Throttle,
        days: int,
        *,
        zone: tzinfo = UTC,
    ) -> None:
        """`days`: BOUTIQUE_WITHDRAWAL_DAYS; `zone`: the shop's (BOUTIQUE_TIMEZONE), whose
        days the period counts."""
        self._orders = orders
        self._store = store
        self._publish = publish
        self._throttle = throttle
        self.days = days
        self.zone = zone

    def period(self, order: OrderRecord) -> WithdrawalPeriod | None:
        """The order's withdrawal period (withdrawal_period.py), None when it has none."""
        return withdrawal_period(order, self.days, self.zone)

    def statements(self, order_id: int) -> list[Statement]:
        return self._store.for_order(order_id)

    def settlements(self, order: RefundedOrder) -> list[tuple[Statement, Settlement]]:
        """The order's statements, oldest first, each with what it owes and what of it was
        refunded (withdrawal_refunds.py)."""
        statements = self._store.for_order(order.id)
        left = order.amounts.total_minor - order.refunded_minor
        return list(zip(statements, settle(statements, order.refunds, left), strict=True))

    def owed(self, order: OrderRecord) -> list[tuple[Statement, Settlement]]:
        """The order's statements, oldest first, each with what it owes and what of it was
        refunded, as the shopper's page says them (the admin's: `settlements`)."""
        statements = self._store.for_order(order.id)
        settled = settle_order(order, statements, self._store.refunds_of(order.id))
        return list(zip(statements, settled, strict=True))

    def marks(self, orders: Sequence[OrderRecord]) -> dict[int, str]:
        """`withdrawal_mark` of each of these orders that has a statement, in one read."""
        found = self._store.for_orders([order.id for order in orders])
        return {o.id: withdrawal_mark(o, found[o.id]) for o in orders if found.get(o.id)}

    def open_lines(self, order: OrderRecord, now: datetime) -> list[int] | None:
        """What each line may still be withdrawn from, or None when the function is not
        offered for the order now (outside its period, or nothing left)."""
        period = self.period(order)
        if period is None or not period.is_open(now):
            return None
        left = remaining(order, self._store.for_order(order.id))
        return left if any(left) else None

    def check(self, order_id: int, draft: Draft, now: datetime) -> tuple[WithdrawnItem, ...]:
        """The first step: the items the draft withdraws from, or a Refusal saying what is
        wrong (nothing is recorded either way)."""
        order = self._order(order_id)
        return self._checked(order, draft, now, self._store.for_order(order.id))

    def withdraw(
        self, order_id: int, draft: Draft, request_key: str, now: datetime
    ) -> tuple[Statement, bool]:
        """The confirmation: the statement recorded (True), or the one this request key
        recorded before (False)."""
        order = self._order(order_id)
        if not request_key or len(request_key) > 64:
            raise Refusal("withdraw.error.expired")
        # The draft alone here: what was withdrawn before is checked under the order's lock,
        # after a twin of this request (a double click) has been looked for (it returns it).
        items = self._checked(order, draft, now, ())
        name, email = draft.name.strip(), canonical_email(draft.email)
        # Acknowledged in the order's language, as its other mails.
        new = NewStatement(order.id, request_key, name, email, items, now, order.locale)

        def recheck(statements: Sequence[Statement]) -> int:
            self._checked(order, draft, now, statements)
            return values(Paid.of(order), [*(s.items for s in statements), items])[-1]

        view = {"name": name, "email": email, "items": [_item_view(i) for i in items]}
        entry = AuditRecord(None, email, ACTION, f"order:{order.reference}", "", to_json(view))
        statement, created = self._store.record(new, recheck, entry)
        if created:
            self._publish([WithdrawalReceived(order.id, statement.id)])
        return statement, created

    def find_for_guest(self, reference: str, email: str, client: str, now: datetime) -> OrderRecord:
        """The order a guest names by its reference and email; one refusal for an unknown
        reference and a wrong email alike (it tells no one which references exist)."""
        if not GUEST_LOOKUPS.take(self._throttle, client, now):
            raise Refusal("withdraw.error.throttled")
        order = self._orders.by_reference(reference.strip().upper()[:32])
        if order is None or not same_email(email[:254], order.email):
            raise Refusal("withdraw.error.no_match")
        return order

    def guest_refusal(self, order: OrderRecord, now: datetime) -> tuple[str, bool]:
        """Why a guest's order found by its reference offers no withdrawal (a message key),
        and whether to mail its page's link to its email now. Not shipped: being canceled
        already (its refund under way), it says so; paid with money left to refund (a
        partial refund before does not end it), canceling it from its page is the withdrawal
        (the link, ORDER_LINKS an hour at most); a cancel of it given up, the shop settles
        it; otherwise (unpaid, canceled, refunded in full) nothing to withdraw from.
        Shipped: its period is over ("withdraw.error.over", which names its last day), or
        everything in it was withdrawn already (or refunded)."""
        if order.fulfilled_at is not None:
            period = self.period(order)
            if period is not None and not period.is_open(now):
                return "withdraw.error.over", False
            return "withdraw.guest.not_open", False
        if order.status in CANCELABLE_PAID:
            if order.cancel_requested_at is not None:
                return "withdraw.guest.canceling", False
            if order.cancel_released_at is not None:
                return "withdraw.guest.contact", False
        if refund_due(order):
            return "withdraw.guest.not_shipped", ORDER_LINKS.take(
                self._throttle, f"order:{order.id}", now
            )
        return "withdraw.guest.nothing", False

    def _order(self, order_id: int) -> OrderRecord:
        order = self._orders.get(order_id)
        if order is None:
            raise Refusal("withdraw.error.closed")
        return order

    def _checked(
        self, order: OrderRecord, draft: Draft, now: datetime, statements: Sequence[Statement]
    ) -> tuple[WithdrawnItem, ...]:
        period = self.period(order)
        if period is None:
            raise Refusal("withdraw.error.closed")
        if not period.is_open(now):
            raise Refusal("withdraw.error.over")  # its page says until when, and from what
        name = draft.name.strip()
        if not name or len(name) > MAX_NAME:
            raise Refusal("withdraw.error.name", {"name": "withdraw.error.name"})
        try:
            normalize_email(draft.email)
        except AccountError:
            raise Refusal("withdraw.error.email", {"email": "withdraw.error.email"}) from None
        left = remaining(order, statements)
        if any(i not in range(len(left)) or n < 0 for i, n in draft.quantities.items()):
            raise Refusal("withdraw.error.quantity")
        if any(n > left[i] for i, n in draft.quantities.items()):
            if not any(left):
                raise Refusal("withdraw.error.all_withdrawn")
            raise Refusal("withdraw.error.quantity")
        items = withdrawn_items(order, draft.quantities)
        if not items:
            raise Refusal("withdraw.error.nothing")
        return items


def _item_view(item: WithdrawnItem) -> dict[str, object]:
    return {"line": item.line, "sku": item.sku, "quantity": item.quantity}
