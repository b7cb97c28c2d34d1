"""Refunds from the admin through localstripe: amounts checked against what is left, the same
request refunds once (a lost answer settled by a retry or by the reconciliation, audited
once), and staff stop at their limit per order."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import text

from models.orders import OrderStatus
from models.types import utc_now
from state.admin.guard import AdminState
from state.admin.orders import AdminOrderState
from storefront.adapters.sql_refunds import SqlRefundStore
from storefront.bootstrap import Shop, set_shop
from storefront.i18n import translations
from storefront.i18n_format import format_money
from storefront.services.admin.access import AccessDenied
from storefront.services.errors import Refusal
from storefront.services.payments import PaymentError, PaymentGateway, ProviderRefund
from tests.integration.admin_fixtures import admin_of, staff_of, team_sessions
from tests.integration.checkout_fixtures import (
    VISA,
    checkout,
    commerce,
    paying_shop,
    place,
    scalar,
)
from tests.integration.test_admin_authorization import state_at
from tests.localstripe import move_refund


@pytest.fixture
def shop(database_url: str, make_shop: Callable[..., Shop], localstripe_url: str) -> Shop:
    # Staff may give back at most 30.00 of an order; the order below is 60.00.
    return paying_shop(
        lambda url, **kw: make_shop(url, staff_refund_limit_minor=3_000, **kw),
        database_url,
        localstripe_url,
    )


REFUNDED_EVENTS = "select count(*) from outbox_message where event_type = 'OrderRefunded'"


def paid_order(shop: Shop) -> int:
    placed = place(shop, "g1", "SKU-2-0", 1)
    assert checkout(shop).pay(placed.order_id, VISA).status is OrderStatus.PAID
    return placed.order_id


def test_a_refund_sent_twice_with_its_key_refunds_once(shop: Shop) -> None:
    order_id = paid_order(shop)
    boss = staff_of(shop, team_sessions(shop).admin)
    desk = admin_of(shop).orders
    first = desk.refund(boss, order_id, "60,00", "broken", "a" * 24)
    again = desk.refund(boss, order_id, "60,00", "broken", "a" * 24)  # a double click
    assert again.provider_refund_id == first.provider_refund_id
    assert scalar(shop, "select refunded_minor from sales_order") == 6_000
    assert scalar(shop, "select count(*) from order_refund") == 1
    assert scalar(shop, "select count(*) from admin_audit where action = 'order.refund'") == 1
    assert scalar(shop, REFUNDED_EVENTS) == 1


class LostAnswer:
    """The provider refunds, but its first answer never arrives (a timeout). localstripe
    ignores idempotency keys (Stripe answers a repeated key with its first refund), so the
    tests below check our own rows and totals, and that every call for one refund carried
    the same key (`keys`), which is what makes Stripe refund once."""

    def __init__(self, gateway: PaymentGateway) -> None:
        self.gateway, self.lost = gateway, 1
        self.keys: list[str] = []

    def refund(
        self, intent_id: str, amount_minor: int, idempotency_key: str, *, request_key: str
    ) -> ProviderRefund:
        self.keys.append(idempotency_key)
        made = self.gateway.refund(
            intent_id, amount_minor, idempotency_key, request_key=request_key
        )
        if self.lost:
            self.lost -= 1
            raise PaymentError("timeout", retryable=True)
        return made

    def refunds_of(self, intent_id: str) -> list[ProviderRefund]:
        return self.gateway.refunds_of(intent_id)


def test_a_refund_retried_after_a_lost_answer_refunds_once_and_is_audited_once(
    shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    order_id = paid_order(shop)
    refunds = commerce(shop).refunds
    assert refunds is not None
    lossy = LostAnswer(refunds._payments)
    monkeypatch.setattr(refunds, "_payments", lossy)
    boss = staff_of(shop, team_sessions(shop).admin)
    desk = admin_of(shop).orders
    with pytest.raises(Refusal) as refused:
        desk.refund(boss, order_id, "25", "broken", "r" * 24)
    assert refused.value.code == "refund.error.provider"
    assert scalar(shop, "select count(*) from admin_audit where action = 'order.refund'") == 0
    done = desk.refund(boss, order_id, "25", "broken", "r" * 24)  # the admin retries
    assert done.settled_now
    desk.refund(boss, order_id, "25", "broken", "r" * 24)  # then double-clicks
    assert scalar(shop, "select refunded_minor from sales_order") == 2_500
    assert scalar(shop, "select count(*) from order_refund where status = 'succeeded'") == 1
    assert scalar(shop, "select count(*) from admin_audit where action = 'order.refund'") == 1
    # The retry reused the lost call's key; the double click never reached the provider.
    assert lossy.keys == ["refund-" + "r" * 24] * 2


def test_a_refund_left_pending_by_a_lost_answer_is_settled_by_reconciliation(
    shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stripe refunded, its answer was lost and nobody retried: the reconciliation pass finds
    the refund in Stripe's list by the key in its metadata, without sending it again."""
    order_id = paid_order(shop)
    refunds = commerce(shop).refunds
    assert refunds is not None
    lossy = LostAnswer(refunds._payments)
    monkeypatch.setattr(refunds, "_payments", lossy)
    boss = staff_of(shop, team_sessions(shop).admin)
    with pytest.raises(Refusal):
        admin_of(shop).orders.refund(boss, order_id, "25", "broken", "p" * 24)
    reconciliation = commerce(shop).reconciliation
    assert reconciliation is not None
    early = reconciliation.reconcile(utc_now(), timedelta(minutes=10), timedelta(minutes=15))
    assert early["refunded"] == 0  # not yet pending for 10 minutes
    later = utc_now() + timedelta(days=2)  # long after Stripe forgot its idempotency key
    counts = reconciliation.reconcile(later, timedelta(minutes=10), timedelta(minutes=15))
    assert (counts["refunded"], counts["failed"]) == (1, 0)
    assert scalar(shop, "select count(*) from order_refund where status = 'pending'") == 0
    assert scalar(shop, "select refunded_minor from sales_order") == 2_500
    assert scalar(shop, "select status = 'partially_refunded' from sales_order") == 1
    assert lossy.keys == ["refund-" + "p" * 24]  # never sent again
    again = reconciliation.reconcile(later, timedelta(minutes=10), timedelta(minutes=15))
    assert (again["refunded"], again["failed"]) == (0, 0)
    # Audited once, as the reconciliation's doing, with the provider's refund.
    [(actor_id, actor, subject, after)] = settled_entries(shop)
    (reference, provider_refund_id), *_ = rows(
        shop, "select o.reference, r.provider_refund_id from sales_order o, order_refund r"
    )
    assert (actor_id, actor, subject) == (None, "reconciliation", f"order:{reference}")
    assert str(provider_refund_id).startswith("re_")
    assert after == {
        "status": "partially_refunded",
        "refunded_minor": 2_500,
        "amount": 2_500,
        "provider_refund_id": provider_refund_id,
        "request_key": "p" * 24,
        "refund_status": "succeeded",
    }


def rows(shop: Shop, sql: str) -> list[tuple[Any, ...]]:
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(sql))]


def settled_entries(shop: Shop) -> list[tuple[Any, ...]]:
    """The reconciliation's audit entries of refunds: actor id and email, subject, after."""
    entries = rows(
        shop,
        "select actor_id, actor_email, subject, after from admin_audit"
        " where action = 'order.refund.settled' order by id",
    )
    return [(*entry[:3], json.loads(entry[3])) for entry in entries]


class Unreached:
    """Stripe never receives the first `lost` requests (a timeout on the way there), then
    refuses the next `refused` outright."""

    def __init__(self, gateway: PaymentGateway, lost: int, refused: int = 0) -> None:
        self.gateway, self.lost, self.refused, self.calls = gateway, lost, refused, 0

    def refund(
        self, intent_id: str, amount_minor: int, idempotency_key: str, *, request_key: str
    ) -> ProviderRefund:
        self.calls += 1
        if self.lost:
            self.lost -= 1
            raise PaymentError("timeout", retryable=True)
        if self.refused:
            self.refused -= 1
            raise PaymentError("charge_disputed", retryable=False)
        return self.gateway.refund(
            intent_id, amount_minor, idempotency_key, request_key=request_key
        )

    def refunds_of(self, intent_id: str) -> list[ProviderRefund]:
        return self.gateway.refunds_of(intent_id)


def test_a_refund_stripe_never_received_is_sent_again_within_a_day_and_failed_after(
    shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    order_id = paid_order(shop)
    refunds = commerce(shop).refunds
    reconciliation = commerce(shop).reconciliation
    assert refunds is not None
    assert reconciliation is not None
    unreached = Unreached(refunds._payments, lost=2)
    monkeypatch.setattr(refunds, "_payments", unreached)
    boss = staff_of(shop, team_sessions(shop).admin)
    desk = admin_of(shop).orders
    for key in ("s" * 24, "t" * 24):
        with pytest.raises(Refusal):
            desk.refund(boss, order_id, "10", "", key)
    soon = utc_now() + timedelta(minutes=11)
    counts = reconciliation.reconcile(soon, timedelta(minutes=10), timedelta(minutes=15))
    assert (counts["refunded"], counts["failed"], unreached.calls) == (2, 0, 4)
    assert scalar(shop, "select refunded_minor from sales_order") == 2_000

    unreached.lost = 1
    with pytest.raises(Refusal):
        desk.refund(boss, order_id, "5", "", "u" * 24)
    too_late = utc_now() + timedelta(days=1)  # Stripe may have forgotten its key: not sent
    counts = reconciliation.reconcile(too_late, timedelta(minutes=10), timedelta(minutes=15))
    assert (counts["refunded"], counts["refunds_failed"], counts["failed"]) == (0, 1, 0)
    assert unreached.calls == 5
    assert scalar(shop, "select count(*) from order_refund where status = 'failed'") == 1
    detail = desk.detail(boss, order_id)
    assert detail is not None
    assert (detail.refunded_minor, detail.refundable_minor) == (2_000, 4_000)
    assert [after["refund_status"] for *_, after in settled_entries(shop)] == [
        "succeeded", "succeeded", "failed"
    ]  # fmt: skip


def test_a_refund_stripe_refuses_when_sent_again_is_failed_and_audited_once(
    shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its first request timed out on the way; the reconciliation's retry is refused (the
    payment was disputed meanwhile): the request is failed, with the reconciliation's audit
    entry, counted once, and never sent again."""
    order_id = paid_order(shop)
    refunds = commerce(shop).refunds
    reconciliation = commerce(shop).reconciliation
    assert refunds is not None
    assert reconciliation is not None
    unreached = Unreached(refunds._payments, lost=1, refused=1)
    monkeypatch.setattr(refunds, "_payments", unreached)
    boss = staff_of(shop, team_sessions(shop).admin)
    with pytest.raises(Refusal):
        admin_of(shop).orders.refund(boss, order_id, "10", "", "w" * 24)
    soon = utc_now() + timedelta(minutes=11)
    counts = reconciliation.reconcile(soon, timedelta(minutes=10), timedelta(minutes=15))
    assert (counts["refunded"], counts["refunds_failed"], counts["failed"]) == (0, 1, 0)
    later = soon + timedelta(minutes=11)
    again = reconciliation.reconcile(later, timedelta(minutes=10), timedelta(minutes=15))
    assert (again["refunds_failed"], unreached.calls) == (0, 2)
    assert rows(shop, "select status from order_refund") == [("failed",)]
    assert scalar(shop, "select refunded_minor from sales_order") == 0
    assert [after["refund_status"] for *_, after in settled_entries(shop)] == ["failed"]


def test_a_refund_pending_at_stripe_whose_outcome_was_never_heard_is_settled_by_reconciliation(
    shop: Shop, localstripe_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its webhook was lost (or came before its answer was recorded): weeks later the
    reconciliation reads Stripe's list of the payment's refunds and settles it."""
    order_id = paid_order(shop)
    refunds = commerce(shop).refunds
    reconciliation = commerce(shop).reconciliation
    assert refunds is not None
    assert reconciliation is not None
    monkeypatch.setattr(refunds, "_payments", AnsweredPending(refunds._payments, localstripe_url))
    boss = staff_of(shop, team_sessions(shop).admin)
    done = admin_of(shop).orders.refund(boss, order_id, "25", "", "v" * 24)
    assert done.status == "pending"
    weeks = utc_now() + timedelta(weeks=3)
    counts = reconciliation.reconcile(weeks, timedelta(minutes=10), timedelta(minutes=15))
    assert counts["refunded"] == 0  # still pending at Stripe
    move_refund(localstripe_url, done.provider_refund_id, "succeeded")
    weeks += timedelta(minutes=11)  # compared again once 10 minutes have passed
    reconciliation.reconcile(weeks, timedelta(minutes=10), timedelta(minutes=15))
    assert scalar(shop, "select refunded_minor from sales_order") == 2_500
    assert rows(shop, "select status from order_refund") == [("succeeded",)]
    assert settled_entries(shop) == []  # its own call, answered pending, was audited


class AnsweredPending:
    """Stripe takes the refund but answers it pending (a balance too low, some payment
    methods): the refund is made at localstripe, moved to pending there (or to `status`),
    and answered as the provider's list then shows it."""

    def __init__(self, gateway: PaymentGateway, localstripe: str, status: str = "pending") -> None:
        self.gateway, self.localstripe, self.calls = gateway, localstripe, 0
        self.status = status

    def refund(
        self, intent_id: str, amount_minor: int, idempotency_key: str, *, request_key: str
    ) -> ProviderRefund:
        self.calls += 1
        made = self.gateway.refund(
            intent_id, amount_minor, idempotency_key, request_key=request_key
        )
        move_refund(self.localstripe, made.id, self.status)
        [answer] = [r for r in self.gateway.refunds_of(intent_id) if r.id == made.id]
        return answer

    def refunds_of(self, intent_id: str) -> list[ProviderRefund]:
        return self.gateway.refunds_of(intent_id)


def test_a_refund_stripe_answers_pending_is_not_counted_as_given_back(
    shop: Shop, localstripe_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    order_id = paid_order(shop)
    refunds = commerce(shop).refunds
    assert refunds is not None
    pending = AnsweredPending(refunds._payments, localstripe_url)
    monkeypatch.setattr(refunds, "_payments", pending)
    boss = staff_of(shop, team_sessions(shop).admin)
    desk = admin_of(shop).orders
    done = desk.refund(boss, order_id, "25", "broken", "q" * 24)
    assert (done.status, done.settled_now) == ("pending", True)
    assert scalar(shop, "select refunded_minor from sales_order") == 0
    assert scalar(shop, "select status = 'paid' from sales_order") == 1
    assert scalar(shop, REFUNDED_EVENTS) == 0
    assert scalar(
        shop, "select count(*) from order_refund where status = 'pending' and"
        " provider_refund_id = :id", id=done.provider_refund_id,
    ) == 1  # fmt: skip
    detail = desk.detail(boss, order_id)
    assert detail is not None
    assert (detail.pending_refund_minor, detail.refundable_minor) == (2_500, 3_500)
    again = desk.refund(boss, order_id, "25", "broken", "q" * 24)  # a double click
    assert (again.status, again.settled_now, pending.calls) == ("pending", False, 1)
    assert scalar(shop, "select count(*) from admin_audit where action = 'order.refund'") == 1


def test_amounts_beyond_what_is_left_are_refused_and_nothing_moves(shop: Shop) -> None:
    order_id = paid_order(shop)
    boss = staff_of(shop, team_sessions(shop).admin)
    desk = admin_of(shop).orders
    desk.refund(boss, order_id, "10", "", "b" * 24)
    for amount in ("50.01", "0", "-5", "ten"):
        with pytest.raises(Refusal) as refused:
            desk.refund(boss, order_id, amount, "", "c" * 24)
        code = "admin.refund.error.over_left" if amount == "50.01" else "admin.refund.error.amount"
        assert refused.value.fields == {"amount": code}
    assert scalar(shop, "select refunded_minor from sales_order") == 1_000
    assert scalar(shop, "select count(*) from order_refund") == 1


def test_staff_refunds_stop_at_the_limit_summed_over_the_order(shop: Shop) -> None:
    order_id = paid_order(shop)
    staff = staff_of(shop, team_sessions(shop).staff)
    desk = admin_of(shop).orders
    desk.refund(staff, order_id, "20", "", "d" * 24)
    with pytest.raises(AccessDenied) as refused:
        desk.refund(staff, order_id, "15", "", "e" * 24)  # 35.00 in all: over 30.00
    assert refused.value.code == "admin.refund.error.over_staff_limit"
    desk.refund(staff, order_id, "10", "", "f" * 24)  # 30.00 in all: allowed
    assert scalar(shop, "select refunded_minor from sales_order") == 3_000


@pytest.mark.parametrize(
    ("amount", "ceiling", "why"), [(4_000, None, "exceeds_paid"), (2_000, 3_000, "over_ceiling")]
)
def test_refunds_asked_at_once_are_checked_one_after_the_other(
    shop: Shop, amount: int, ceiling: int | None, why: str
) -> None:
    """Eight requests at once, each fine alone and any two too much (a 60.00 order; a staff
    limit of 30.00): one is recorded."""
    order_id = paid_order(shop)
    assert shop.engine is not None
    store = SqlRefundStore(shop.engine)
    start = threading.Barrier(8)

    def ask(n: int) -> object:
        start.wait()
        opened = store.open(order_id, amount, f"key-{n}", "", ceiling)
        return opened if isinstance(opened, str) else "opened"

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(ask, range(8)))
    assert sorted(answers) == sorted(["opened"] + [why] * 7)
    assert scalar(shop, "select count(*) from order_refund") == 1


async def test_the_refund_asked_is_confirmed_with_its_amount_and_refunds_exactly_it(
    shop: Shop,
) -> None:
    """The field comes filled with all that is left: the confirmation names the amount read
    from it, so a merchant meaning part of it sees the whole before it goes."""
    order_id = paid_order(shop)
    assert order_id == 1  # the page's path ends in 1 (state_at)
    set_shop(shop)
    try:
        page: Any = state_at(AdminOrderState, team_sessions(shop).admin, {})
        await page.load_page()
        form = {"amount": page.order.refundable_text, "reason": "", "key": page.refund_key}
        assert form["amount"] == "60.00"
        for amount in ("ten", "", "0", "-5"):  # refused before asking
            await page.ask_refund(form | {"amount": amount})
            assert (page.refund_asked_minor, page.errors) == (
                0, {"amount": translations("admin.refund.error.amount")},
            )  # fmt: skip
        await page.ask_refund(form | {"amount": "60.01"})  # more than is left: said so
        assert (page.refund_asked_minor, page.errors["amount"]["en"]) == (
            0, "That is more than is left to refund: €60.00 at most.",
        )  # fmt: skip
        await page.ask_refund(form)
        assert (page.refund_asked_minor, page.errors) == (6_000, {})
        await page.dismiss_refund()  # the merchant meant part of it
        assert page.refund_asked_minor == 0
        await page.refund()  # nothing asked, nothing made
        assert scalar(shop, "select count(*) from order_refund") == 0
        await page.ask_refund(form | {"amount": "12,50", "reason": "scratched"})
        assert page.refund_asked_minor == 1_250
        assert scalar(shop, "select count(*) from order_refund") == 0  # asked, not made
        await page.refund()
        await page.refund()  # Confirm clicked twice
        assert page.refund_asked_minor == 0
        assert scalar(shop, "select refunded_minor from sales_order") == 1_250
        assert scalar(shop, "select count(*) from order_refund where reason = 'scratched'") == 1
    finally:
        set_shop(None)


async def test_the_admin_is_told_a_refund_stripe_holds_pending_is_not_made_yet(
    shop: Shop, localstripe_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    order_id = paid_order(shop)
    assert order_id == 1  # the page's path ends in 1 (state_at)
    refunds = commerce(shop).refunds
    assert refunds is not None
    monkeypatch.setattr(refunds, "_payments", AnsweredPending(refunds._payments, localstripe_url))
    set_shop(shop)
    try:
        page: Any = state_at(AdminOrderState, team_sessions(shop).admin, {})
        await page.load_page()
        await page.ask_refund({"amount": "12,50", "reason": "", "key": page.refund_key})
        await page.refund()
        root: Any = await page.get_state(AdminState)
        assert (root.problem, root.notice["en"]) == ({}, (
            "Refund of order REF-1 asked: the payment provider is still processing it; it counts"
            " as refunded once it goes through."
        ).replace("REF-1", page.order.reference))  # fmt: skip
        [row] = page.order.refunds
        assert (row.status, row.reversed, page.order.refunded_minor) == ("pending", False, 0)
    finally:
        set_shop(None)


async def test_a_refund_stripe_refuses_is_said_so_and_the_next_form_asks_anew(
    shop: Shop, localstripe_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Refused (failed at once): nothing was refunded, the admin is told so, and the form
    comes back with a new key, so asking again is a new request and not the refused one."""
    order_id = paid_order(shop)
    assert order_id == 1  # the page's path ends in 1 (state_at)
    refunds = commerce(shop).refunds
    assert refunds is not None
    failing = AnsweredPending(refunds._payments, localstripe_url, status="failed")
    monkeypatch.setattr(refunds, "_payments", failing)
    set_shop(shop)
    try:
        page: Any = state_at(AdminOrderState, team_sessions(shop).admin, {})
        await page.load_page()
        refused_key = page.refund_key
        await page.ask_refund({"amount": "12,50", "reason": "", "key": refused_key})
        await page.refund()
        root: Any = await page.get_state(AdminState)
        assert root.problem == translations("refund.error.failed")
        assert page.order.refunded_minor == 0
        assert [(r.status, r.request_key) for r in page.order.refunds] == [("failed", refused_key)]
        assert page.refund_key not in ("", refused_key)

        failing.status = "succeeded"
        await page.ask_refund({"amount": "12,50", "reason": "", "key": page.refund_key})
        await page.refund()
        assert (root.problem, page.order.refunded_minor) == ({}, 1_250)
    finally:
        set_shop(None)


async def test_staff_see_their_refund_limit_and_an_amount_over_it_is_refused_before_confirming(
    shop: Shop,
) -> None:
    """The limit (30.00 here) is beside the form for staff, with what is left of it on this
    order; an amount over it is refused as it is asked, naming the limit, and the
    confirmation never opens. Admins have no limit to show."""
    order_id = paid_order(shop)
    assert order_id == 1  # the page's path ends in 1 (state_at)
    sessions = team_sessions(shop)
    set_shop(shop)
    try:
        boss: Any = state_at(AdminOrderState, sessions.admin, {})
        await boss.load_page()
        assert boss.refund_limit_minor == -1
        # The form's amount: all that is left for an admin, what the limit leaves for staff.
        assert boss.refund_default_text == boss.order.refundable_text
        assert boss.order.refundable_minor > 3_000
        page: Any = state_at(AdminOrderState, sessions.staff, {})
        await page.load_page()
        assert (page.refund_limit_minor, page.refund_limit_left_minor) == (3_000, 3_000)
        assert page.refund_default_text == "30.00"
        await page.ask_refund({"amount": "20", "reason": "", "key": page.refund_key})
        await page.refund()
        assert (page.refund_limit_minor, page.refund_limit_left_minor) == (3_000, 1_000)
        assert page.refund_default_text == "10.00"

        await page.ask_refund({"amount": "15", "reason": "", "key": page.refund_key})
        root: Any = await page.get_state(AdminState)
        said = {
            "en": "Staff may refund up to €30.00 of an order, its refunds together: more "
            "needs an admin.",
            "fr": f"L’équipe peut rembourser jusqu’à {format_money('fr', 3_000, 'EUR')} par "
            "commande, remboursements cumulés\u202f: au-delà, il faut un administrateur.",
        }
        assert (page.refund_asked_minor, root.problem, page.errors) == (
            0, said, {"amount": said},
        )  # fmt: skip
        assert scalar(shop, "select count(*) from order_refund") == 1  # the 20.00 only
        await page.refund()  # nothing was asked: a stray confirm refunds nothing
        assert scalar(shop, "select refunded_minor from sales_order") == 2_000

        await page.ask_refund({"amount": "10", "reason": "", "key": page.refund_key})
        assert (page.refund_asked_minor, root.problem, page.errors) == (1_000, {}, {})
        await page.refund()  # the limit used up: no amount offered to press Refund on
        assert (page.refund_limit_left_minor, page.refund_default_text) == (0, "")
    finally:
        set_shop(None)
