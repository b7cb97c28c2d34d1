"""The rules of a refund recorded as made outside the payment provider, against in-memory
fakes: what the form must hold (a method, a reference for "other", an amount above zero and
at most what is left, within a staff member's limit), that its key records it once and is
never reused for another refund, its audit entry, and how the shopper's mail tells it."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from models.orders import OrderStatus as S
from storefront.services.admin.access import AccessDenied, Role, Staff
from storefront.services.admin.audit import AuditRecord
from storefront.services.admin.offline_refund_desk import OfflineRefundDesk, OfflineRefundForm
from storefront.services.admin.order_views import RefundView
from storefront.services.errors import AlreadyDone, Refusal
from storefront.services.orders.mail import refund_mail
from storefront.services.orders.offline_refunds import (
    AuditOf,
    OfflineRecorded,
    OfflineRefund,
    made_offline,
    offline_key,
)
from storefront.services.orders.refunds import Shortfall
from tests.unit.services.test_admin_orders import BASE, NOW, FakeOrders, desk, refused_with
from tests.unit.services.test_order_mail import ORDER
from tests.unit.services.test_refunds import FakeGateway, refund_desk

BOSS = Staff(1, "boss@example.com", Role.ADMIN)
SAM = Staff(2, "sam@example.com", Role.STAFF)
KEY = "ab" * 12


class FakeOfflineStore:
    """Records into the fake orders' details, as the SQL store and the admin's reads do; or
    answers `refuse` (a shortfall found with the order held)."""

    def __init__(self, orders: FakeOrders, refuse: Shortfall | None = None) -> None:
        self.orders, self.refuse = orders, refuse
        self.ceilings: list[int | None] = []
        self.audit: list[AuditRecord] = []
        self.rows: dict[str, OfflineRecorded] = {}

    def record(
        self, refund: OfflineRefund, ceiling_minor: int | None, audit: AuditOf
    ) -> OfflineRecorded | Shortfall:
        self.ceilings.append(ceiling_minor)
        if refund.request_key in self.rows:
            return replace(self.rows[refund.request_key], created=False)
        if self.refuse is not None:
            return self.refuse
        order = self.orders.orders[refund.order_id]
        refunded = order.refunded_minor + refund.amount_minor
        done = OfflineRecorded(
            len(self.rows) + 1, refund.amount_minor, refund.method, refund.reference, True,
            order.status.value, order.refunded_minor, S.PARTIALLY_REFUNDED.value, refunded,
            "A2026-000001", order_id=refund.order_id,
        )  # fmt: skip
        self.rows[refund.request_key] = done
        view = RefundView(
            done.refund_id, refund.amount_minor, "succeeded", refund.reference, NOW,
            refund.request_key, method=refund.method,
        )  # fmt: skip
        self.orders.orders[refund.order_id] = replace(
            order, refunds=(*order.refunds, view), refunded_minor=refunded,
            status=S.PARTIALLY_REFUNDED,
        )  # fmt: skip
        self.audit.extend(audit(done))
        return done


def offline_desk(
    refuse: Shortfall | None = None, **order: object
) -> tuple[OfflineRefundDesk, FakeOfflineStore, FakeOrders]:
    admin, orders, _, _ = desk(replace(BASE, **order))  # type: ignore[arg-type]
    store = FakeOfflineStore(orders, refuse)
    return OfflineRefundDesk(admin, store, staff_refund_limit_minor=3_000), store, orders


def form(amount: str = "10", method: str = "bank_transfer", reference: str = "VIR-7"):  # type: ignore[no-untyped-def]
    return OfflineRefundForm(amount, method, reference, KEY)


@pytest.mark.parametrize(
    ("asked", "field", "code"),
    [
        (form(method=""), "method", "admin.offline_refund.error.method"),
        (form(method="card"), "method", "admin.offline_refund.error.method"),
        (form(method="other", reference=" "), "reference", "admin.offline_refund.error.reference"),
        (form("0"), "amount", "admin.refund.error.amount"),
        (form("-1"), "amount", "admin.refund.error.amount"),
        (form(""), "amount", "admin.refund.error.amount"),
        (form("45.01"), "amount", "admin.refund.error.over_left"),
    ],
)
def test_a_form_missing_something_is_refused_on_its_field_and_records_nothing(
    asked: OfflineRefundForm, field: str, code: str
) -> None:
    offline, store, orders = offline_desk()
    for call in (offline.check, offline.record):
        with refused_with(code) as refused:
            call(BOSS, 1, asked)
        assert refused.value.fields == {field: code}
    assert (store.rows, store.audit, orders.orders[1].refunded_minor) == ({}, [], 0)


def test_other_needs_a_reference_the_named_methods_do_not() -> None:
    offline, _, _ = offline_desk()
    assert offline.check(BOSS, 1, form(method="cash", reference="")) == 1_000
    assert offline.check(BOSS, 1, form(method="other", reference="Paid by PayPal")) == 1_000


def test_staff_stop_at_their_limit_counting_the_orders_refunds_and_the_store_checks_again() -> None:
    offline, store, _ = offline_desk(refunded_minor=2_500, status=S.PARTIALLY_REFUNDED)
    with pytest.raises(AccessDenied) as refused:  # 25.00 refunded + 5.01: over 30.00
        offline.record(SAM, 1, form("5.01"))
    assert refused.value.code == "admin.refund.error.over_staff_limit"
    assert store.ceilings == []  # refused before the store
    offline.record(SAM, 1, form("5"))
    offline.record(BOSS, 1, replace(form("5"), key="cd" * 12))  # an admin has no limit
    assert store.ceilings == [3_000, None]


@pytest.mark.parametrize(
    ("found", "code"),
    [
        ("over_ceiling", "admin.refund.error.over_staff_limit"),  # two tabs at once
        ("exceeds_paid", "refund.error.exceeds_paid"),  # another admin at once
        ("not_refundable", "refund.error.not_refundable"),
        ("cancel_claimed", "refund.error.cancel_claimed"),
    ],
)
def test_what_the_store_finds_with_the_order_held_is_said(found: Shortfall, code: str) -> None:
    offline, store, _ = offline_desk(refuse=found)
    with pytest.raises(Refusal) as refused:
        offline.record(SAM, 1, form())
    assert refused.value.code == code
    assert store.audit == []


def test_a_double_submit_records_once_and_its_key_is_never_another_refunds() -> None:
    offline, store, orders = offline_desk()
    first = offline.record(BOSS, 1, form("10", reference=" VIR-7 "))
    again = offline.record(BOSS, 1, form("10", reference="VIR-7"))
    assert (first.created, again.created, again.refund_id) == (True, False, first.refund_id)
    with refused_with("admin.offline_refund.already_recorded"):  # asked again: done already
        offline.check(BOSS, 1, form("10"))
    with pytest.raises(AlreadyDone):
        offline.check(BOSS, 1, form("10"))
    with refused_with("refund.error.key_reused"):
        offline.record(BOSS, 1, form("10", method="cheque"))
    [(key, row)] = store.rows.items()
    assert (key, row.reference) == (offline_key(KEY), "VIR-7")  # trimmed
    assert orders.orders[1].refunded_minor == 1_000
    [entry] = store.audit
    assert (entry.actor_email, entry.action, entry.subject) == (
        "boss@example.com", "order.refund_offline", "order:ABCDEF2345",
    )  # fmt: skip
    assert json.loads(entry.before) == {"status": "paid", "refunded_minor": 0}
    assert json.loads(entry.after) == {
        "status": "partially_refunded", "refunded_minor": 1_000, "amount": 1_000,
        "method": "bank_transfer", "reference": "VIR-7", "credit_note": "A2026-000001",
        "request_key": f"offline:{KEY}",
    }  # fmt: skip


def test_nothing_is_recorded_while_a_cancel_refunds_the_order() -> None:
    offline, store, _ = offline_desk(canceled_by_customer=True)
    with refused_with("refund.error.cancel_claimed"):
        offline.record(BOSS, 1, form())
    assert store.rows == {}


def test_the_refund_mail_says_how_the_money_went_back_and_the_cards_delay_only_of_the_card() -> (
    None
):
    order = replace(ORDER, status=S.PARTIALLY_REFUNDED)
    _, body = refund_mail(order, 1_000, 1_000, "u", outside=[("bank_transfer", 1_000)])
    assert "€10.00 was paid to you by bank transfer." in body
    assert "card you paid with" not in body
    _, body = refund_mail(order, 1_500, 1_500, "u", outside=[("cheque", 1_000)])
    assert "€10.00 was paid to you by cheque." in body
    assert "card you paid with" in body  # 5.00 of it went to the card
    _, body = refund_mail(replace(order, locale="fr"), 1_000, 1_000, "u", outside=[("cash", 1_000)])
    assert "10,00\u00a0€ vous a été versé en espèces." in body
    assert [made_offline(m) for m in ("cash", "other", "", "provider")] == [
        True, True, False, False,
    ]  # fmt: skip


def test_an_unknown_order_is_refused_by_both_refund_desks_and_nothing_is_recorded() -> None:
    """Both desks load the order through AdminOrders.existing: refused the same way."""
    offline, store, _ = offline_desk()
    for call in (offline.check, offline.record):
        with refused_with("admin.order.error.not_found"):
            call(BOSS, 7, form())
    assert (store.rows, store.audit) == ({}, [])
    order_desk, orders, audit, _ = refund_desk(FakeGateway())
    with refused_with("admin.order.error.not_found"):
        order_desk.check_refund(BOSS, 7, "10", "k" * 24)
    with refused_with("admin.order.error.not_found"):
        order_desk.refund(BOSS, 7, "10", "", "k" * 24, now=NOW)
    assert (orders.orders[1].refunded_minor, orders.orders[1].pending_refund_minor) == (0, 0)
    assert audit.entries == []
