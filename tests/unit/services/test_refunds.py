"""Refunds and the admin's refund desk against in-memory fakes: a retry after a provider
timeout settles the refund and is audited once; the provider's answer decides its status;
refunds left pending are settled from the provider's refunds, sent again only while the
provider keeps their key."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from models.orders import OrderStatus as S
from storefront.services.admin.access import AccessDenied, Role, Staff
from storefront.services.admin.audit import AuditRecord, AuditView
from storefront.services.admin.order_desk import OrderDesk, RefundLimit
from storefront.services.admin.order_views import RefundView
from storefront.services.orders.refunds import (
    RefundRow,
    Refunds,
    Shortfall,
    Synced,
    settled_as,
)
from storefront.services.payments import PaymentError, ProviderRefund
from tests.unit.services.test_admin_orders import BASE, NOW, FakeOrders, desk, refused_with

BOSS = Staff(1, "boss@example.com", Role.ADMIN)


class FakeRefundStore:
    """Refund rows kept in the fake orders' details, as the admin store shows them."""

    def __init__(self, orders: FakeOrders) -> None:
        self.orders = orders
        self.rows: dict[str, RefundRow] = {}
        self.deferred: list[int] = []

    def open(
        self,
        order_id: int,
        amount_minor: int,
        request_key: str,
        reason: str,
        ceiling_minor: int | None = None,
        *,
        for_cancel: bool = False,
    ) -> RefundRow | Shortfall:
        if request_key not in self.rows:
            if self.orders.orders[order_id].customer_canceling != for_cancel:
                return "not_claimed" if for_cancel else "cancel_claimed"
            n = len(self.rows) + 1
            row = RefundRow(n, order_id, amount_minor, request_key, None, "pending", NOW)
            self.rows[request_key] = row
            self._show(row)
        return self.rows[request_key]

    def pending(self, before: datetime, limit: int) -> list[RefundRow]:
        rows = [r for r in self.rows.values() if r.status == "pending"]
        return [r for r in rows if r.created_at < before][:limit]

    def close(self, refund_id: int, provider_refund_id: str | None, status: str) -> bool:
        (row,) = [r for r in self.rows.values() if r.id == refund_id]
        if row.status != "pending" or row.provider_refund_id is not None:
            return False
        row = replace(row, provider_refund_id=provider_refund_id, status=status)
        self.rows[row.request_key] = row
        self._show(row)
        return True

    def sync(
        self, order_id: int, refunds: Sequence[ProviderRefund], *, answer_requests: bool = False
    ) -> Synced:
        """Only what the reconciliation needs: the answers to requests not answered yet."""
        answered = []
        for refund in refunds:
            row = self.rows.get(refund.request_key)
            status = settled_as(refund.status)
            if answer_requests and row and self.close(row.id, refund.id, status):
                answered.append(self.rows[refund.request_key])
        return Synced(bool(answered), tuple(answered))

    def defer(self, order_id: int) -> None:
        self.deferred.append(order_id)

    def _show(self, row: RefundRow) -> None:
        order = self.orders.orders[row.order_id]
        view = RefundView(row.id, row.amount_minor, row.status, "", NOW, row.request_key)
        refunds = (*(r for r in order.refunds if r.id != row.id), view)
        refunded = sum(r.amount_minor for r in refunds if r.status == "succeeded")
        status = S.PARTIALLY_REFUNDED if refunded else order.status
        self.orders.orders[row.order_id] = replace(
            order, refunds=refunds, refunded_minor=refunded, status=status
        )


class FakeGateway:
    """Refunds once per idempotency key, answering `status`. The first `unreached` calls
    time out before the provider receives them; the next `timeouts` after it refunded, as a
    lost answer does."""

    def __init__(self, timeouts: int = 0, status: str = "succeeded", unreached: int = 0) -> None:
        self.timeouts, self.status, self.unreached = timeouts, status, unreached
        self.made: dict[str, ProviderRefund] = {}
        self.calls = 0

    def refund(
        self, intent_id: str, amount_minor: int, idempotency_key: str, *, request_key: str
    ) -> ProviderRefund:
        self.calls += 1
        if self.unreached:
            self.unreached -= 1
            raise PaymentError("timeout", retryable=True)
        made = ProviderRefund(
            f"re_{idempotency_key}", amount_minor, "EUR", self.status, NOW, request_key
        )
        made = self.made.setdefault(idempotency_key, made)
        if self.timeouts:
            self.timeouts -= 1
            raise PaymentError("timeout", retryable=True)
        return made

    def refunds_of(self, intent_id: str) -> list[ProviderRefund]:
        return list(self.made.values())


class FakeAudit:
    def __init__(self) -> None:
        self.entries: list[AuditRecord] = []

    def record(self, entries: list[AuditRecord]) -> None:
        self.entries.extend(entries)

    def page(self, subject_prefix: str, offset: int, limit: int) -> tuple[list[AuditView], int]:
        return [], len(self.entries)


def refund_desk(gateway: FakeGateway) -> tuple[OrderDesk, FakeOrders, FakeAudit, Refunds]:
    admin, store, _, _ = desk(replace(BASE, payment_intent_id="pi_1"))
    refunds = Refunds(store, FakeRefundStore(store), gateway)  # type: ignore[arg-type]
    audit = FakeAudit()
    order_desk = OrderDesk(admin, refunds, audit, staff_refund_limit_minor=3_000)
    return order_desk, store, audit, refunds


def test_a_refund_retried_after_a_provider_timeout_is_audited_once() -> None:
    order_desk, store, audit, _ = refund_desk(FakeGateway(timeouts=1))
    with refused_with("refund.error.provider"):
        order_desk.refund(BOSS, 1, "10", "scratched", "k" * 24, now=NOW)
    assert (store.orders[1].pending_refund_minor, audit.entries) == (1_000, [])
    done = order_desk.refund(BOSS, 1, "10", "scratched", "k" * 24, now=NOW)  # the admin retries
    assert (done.amount_minor, done.settled_now) == (1_000, True)
    again = order_desk.refund(BOSS, 1, "10", "scratched", "k" * 24, now=NOW)  # then double-clicks
    assert (again.provider_refund_id, again.settled_now) == (done.provider_refund_id, False)
    assert [(e.action, e.subject) for e in audit.entries] == [("order.refund", "order:ABCDEF2345")]
    assert '"amount": 1000' in audit.entries[0].after
    assert (store.orders[1].status, store.orders[1].refunded_minor) == (S.PARTIALLY_REFUNDED, 1_000)


def test_a_refund_whose_answer_was_lost_is_found_by_its_key_and_never_sent_again() -> None:
    gateway = FakeGateway(timeouts=1)
    order_desk, store, _, refunds = refund_desk(gateway)
    with refused_with("refund.error.provider"):
        order_desk.refund(BOSS, 1, "10", "scratched", "k" * 24, now=NOW)
    after = timedelta(minutes=10)
    assert refunds.settle_pending(NOW + timedelta(minutes=9), after) == (0, 0)  # too recent
    told: list[RefundRow] = []
    assert refunds.settle_pending(NOW + timedelta(days=3), after, told.append) == (1, 0)
    assert refunds.settle_pending(NOW + timedelta(days=3), after, told.append) == (0, 0)
    assert told == [
        RefundRow(1, 1, 1_000, "k" * 24, f"re_refund-{'k' * 24}", "succeeded", NOW)
    ]  # fmt: skip
    assert gateway.calls == 1  # found in the provider's refunds, days later: not sent again
    order = store.orders[1]
    assert (order.status, order.refunded_minor, order.pending_refund_minor) == (
        S.PARTIALLY_REFUNDED, 1_000, 0,
    )  # fmt: skip


def test_a_refund_the_provider_never_received_is_sent_again_within_a_day_then_failed() -> None:
    gateway = FakeGateway(unreached=2)
    order_desk, store, _, refunds = refund_desk(gateway)
    with refused_with("refund.error.provider"):
        order_desk.refund(BOSS, 1, "10", "scratched", "k" * 24, now=NOW)
    after, told = timedelta(minutes=10), list[RefundRow]()
    assert refunds.settle_pending(NOW + timedelta(minutes=11), after, told.append) == (0, 1)
    assert told == []  # not received again: nothing settled
    assert refunds.settle_pending(NOW + timedelta(minutes=12), after, told.append) == (1, 0)
    assert [(r.request_key, r.status) for r in told] == [("k" * 24, "succeeded")]
    assert list(gateway.made) == [f"refund-{'k' * 24}"]

    # Another the provider never receives: a day on, it is failed rather than sent again.
    gateway.unreached = 9
    with refused_with("refund.error.provider"):
        order_desk.refund(BOSS, 1, "5", "", "n" * 24, now=NOW)
    calls = gateway.calls
    assert refunds.settle_pending(NOW + timedelta(days=1), after, told.append) == (1, 0)
    assert [(r.request_key, r.status) for r in told[1:]] == [("n" * 24, "failed")]
    assert gateway.calls == calls
    order = store.orders[1]
    assert (order.refunded_minor, order.pending_refund_minor) == (1_000, 0)
    assert order.refundable_minor == order.amounts.total_minor - 1_000  # may be asked again


def test_a_refund_the_provider_answers_pending_is_held_back_and_never_sent_again() -> None:
    """Pending at the provider (a balance too low, some payment methods): what is left to
    refund counts it, the order does not show it as given back, the admin's request is
    audited once, and a repeat is answered from its row without asking the provider."""
    gateway = FakeGateway(status="pending")
    order_desk, store, audit, _ = refund_desk(gateway)
    done = order_desk.refund(BOSS, 1, "10", "scratched", "k" * 24, now=NOW)
    assert (done.status, done.settled_now, done.provider_refund_id) == (
        "pending", True, f"re_refund-{'k' * 24}",
    )  # fmt: skip
    order = store.orders[1]
    assert (order.status, order.refunded_minor, order.pending_refund_minor) == (S.PAID, 0, 1_000)
    assert order.refundable_minor == order.amounts.total_minor - 1_000
    again = order_desk.refund(BOSS, 1, "10", "scratched", "k" * 24, now=NOW)  # a double click
    assert (again.status, again.settled_now) == ("pending", False)
    assert gateway.calls == 1
    assert [e.action for e in audit.entries] == ["order.refund"]


def test_a_refund_the_provider_answers_failed_is_refused_and_gives_nothing_back() -> None:
    gateway = FakeGateway(status="failed")
    order_desk, store, audit, _ = refund_desk(gateway)
    with refused_with("refund.error.failed"):
        order_desk.refund(BOSS, 1, "10", "scratched", "k" * 24, now=NOW)
    order = store.orders[1]
    assert (order.status, order.refunded_minor, order.pending_refund_minor) == (S.PAID, 0, 0)
    assert [r.status for r in order.refunds] == ["failed"]
    with refused_with("refund.error.failed"):  # its key again: still refused, not resent
        order_desk.refund(BOSS, 1, "10", "scratched", "k" * 24, now=NOW)
    assert (gateway.calls, audit.entries) == (1, [])


def test_a_request_unanswered_for_a_day_is_settled_from_the_provider_never_sent_again() -> None:
    """The admin retries a day after a timeout, with no reconciliation since: the provider may
    have forgotten the key, so its refunds decide. Found there, it counts once; never
    received, it is failed, and a new request may be made."""
    gateway = FakeGateway(timeouts=1)
    order_desk, store, audit, _ = refund_desk(gateway)
    with refused_with("refund.error.provider"):
        order_desk.refund(BOSS, 1, "10", "scratched", "k" * 24, now=NOW)
    day_on = NOW + timedelta(hours=23)
    done = order_desk.refund(BOSS, 1, "10", "scratched", "k" * 24, now=day_on)
    assert (done.status, done.settled_now, gateway.calls) == ("succeeded", True, 1)
    assert [e.action for e in audit.entries] == ["order.refund"]
    assert store.orders[1].refunded_minor == 1_000

    gateway.unreached = 1
    with refused_with("refund.error.provider"):
        order_desk.refund(BOSS, 1, "5", "", "n" * 24, now=NOW)
    with refused_with("refund.error.failed"):
        order_desk.refund(BOSS, 1, "5", "", "n" * 24, now=day_on)
    assert gateway.calls == 2  # not sent again: the provider never had it
    assert [(r.request_key, r.status) for r in store.orders[1].refunds] == [
        ("k" * 24, "succeeded"), ("n" * 24, "failed"),
    ]  # fmt: skip
    order = store.orders[1]
    assert order.refundable_minor == order.amounts.total_minor - 1_000  # may be asked again


def test_a_payment_whose_refunds_cannot_be_read_is_deferred() -> None:
    gateway = FakeGateway(unreached=1)
    order_desk, _, _, refunds = refund_desk(gateway)
    with refused_with("refund.error.provider"):
        order_desk.refund(BOSS, 1, "10", "", "k" * 24, now=NOW)
    store = refunds._refunds  # type: ignore[attr-defined]

    def unreadable(intent_id: str) -> list[ProviderRefund]:
        raise PaymentError("timeout", retryable=True)

    gateway.refunds_of = unreadable  # type: ignore[method-assign]
    assert refunds.settle_pending(NOW + timedelta(hours=1), timedelta(minutes=10)) == (0, 1)
    assert store.deferred == [1]


SAM = Staff(2, "sam@example.com", Role.STAFF)


def test_staff_see_their_limit_on_an_order_and_what_is_left_of_it_admins_none() -> None:
    order_desk, store, _, _ = refund_desk(FakeGateway())
    order = store.orders[1]
    assert order_desk.refund_limit(SAM, order) == RefundLimit(3_000, 3_000)
    assert order_desk.refund_limit(BOSS, order) is None
    order_desk.refund(SAM, 1, "20", "", "a" * 24, now=NOW)
    assert order_desk.refund_limit(SAM, store.orders[1]) == RefundLimit(3_000, 1_000)
    order_desk.refund(BOSS, 1, "25", "", "b" * 24, now=NOW)  # past it: left is none, not < 0
    assert order_desk.refund_limit(SAM, store.orders[1]) == RefundLimit(3_000, 0)


def test_an_amount_over_the_staff_limit_is_refused_before_it_is_confirmed_naming_it() -> None:
    """The first step (before the confirmation) makes the refund's own checks: staff learn
    of the limit there, with the limit named, and nothing is refunded."""
    gateway = FakeGateway()
    order_desk, store, audit, _ = refund_desk(gateway)
    order_desk.refund(SAM, 1, "20", "", "a" * 24, now=NOW)
    with pytest.raises(AccessDenied) as refused:
        order_desk.check_refund(SAM, 1, "15", "c" * 24)  # 35.00 in all: over 30.00
    assert (refused.value.code, refused.value.amounts) == (
        "admin.refund.error.over_staff_limit", {"limit": 3_000},
    )  # fmt: skip
    assert refused.value.fields == {"amount": "admin.refund.error.over_staff_limit"}
    assert (gateway.calls, store.orders[1].refunded_minor, len(audit.entries)) == (1, 2_000, 1)
    assert order_desk.check_refund(SAM, 1, "10,00", "c" * 24) == 1_000  # 30.00 in all
    assert order_desk.check_refund(BOSS, 1, "25", "c" * 24) == 2_500  # admins: no limit
    for amount in ("0", "ten"):  # no amount
        with refused_with("admin.refund.error.amount"):
            order_desk.check_refund(BOSS, 1, amount, "c" * 24)
    with refused_with("admin.refund.error.over_left") as over:  # more than is left: named
        order_desk.check_refund(BOSS, 1, "25.01", "c" * 24)
    assert over.value.amounts == {"left": 2_500}
    with refused_with("admin.refund.error.amount"):  # a repeat still needs an amount
        order_desk.check_refund(SAM, 1, "", "a" * 24)
    assert gateway.calls == 1


def test_an_order_the_customer_is_canceling_is_not_refunded_here_the_cancel_refunds_it() -> None:
    gateway = FakeGateway()
    order_desk, store, audit, _ = refund_desk(gateway)
    store.orders[1] = replace(store.orders[1], canceled_by_customer=True)  # claimed, paid
    assert store.orders[1].customer_canceling
    with refused_with("refund.error.cancel_claimed"):  # before the confirmation
        order_desk.check_refund(BOSS, 1, "10", "a" * 24)
    with refused_with("refund.error.cancel_claimed"):
        order_desk.refund(BOSS, 1, "10", "", "a" * 24, now=NOW)
    assert (gateway.calls, store.orders[1].refunds, audit.entries) == (0, (), [])


def test_the_merchant_releases_a_customers_cancel_request_through_the_cancel_service() -> None:
    admin, store, _, _ = desk(replace(BASE, payment_intent_id="pi_1", canceled_by_customer=True))
    released: list[tuple[int, datetime, int | None, str]] = []

    def release(order_id: int, now: datetime, actor_id: int | None, actor: str) -> None:
        released.append((order_id, now, actor_id, actor))
        store.orders[order_id] = replace(store.orders[order_id], canceled_by_customer=False)

    order_desk = OrderDesk(
        admin, None, FakeAudit(), staff_refund_limit_minor=0, release_cancel=release
    )
    with pytest.raises(AccessDenied):
        order_desk.release_cancel(Staff(3, "shopper@example.com", Role.SHOPPER), 1, NOW)
    assert released == []
    after = order_desk.release_cancel(SAM, 1, NOW)
    assert released == [(1, NOW, 2, "sam@example.com")]
    assert not after.customer_canceling
    assert after.shippable
