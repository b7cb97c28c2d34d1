"""The shopper's own cancel against in-memory fakes: who may cancel, what is refused, a paid
order refunded once in full (a double click refunds once), the claim that keeps it from
shipping, the mail in the shopper's language, the audit entry naming the customer."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from models.events import Event, ProductChanged
from models.orders import OrderStatus as S
from storefront.adapters.throttle import InProcessThrottle
from storefront.services.admin.audit import AuditRecord
from storefront.services.errors import AlreadyDone, Refusal
from storefront.services.orders.customer_cancel import Asker, CustomerCancel, refund_due
from storefront.services.orders.refunds import RefundRow, Refunds, Shortfall
from storefront.services.payments import PaymentError
from tests.unit.services.test_order_mail import ORDER
from tests.unit.services.test_refunds import FakeAudit, FakeGateway

NOW = datetime(2026, 12, 4, 13, 0, tzinfo=UTC)
PAID = replace(ORDER, account_id=7, payment_intent_id="pi_1", email="Gita@Example.com")


class World:
    """The order, its refund rows and its stock, as the SQL adapters keep them."""

    def __init__(self, order=PAID) -> None:  # type: ignore[no-untyped-def]
        self.order = order
        self.rows: dict[str, RefundRow] = {}
        self.returned = 0
        self.published: list[Event] = []
        self.unpaid_cancels = 0
        self.audit_entries: list[AuditRecord] = []

    # OrderStore (what the service and Refunds read)
    def get(self, order_id: int):  # type: ignore[no-untyped-def]
        return self.order if order_id == self.order.id else None

    # RefundStore
    def open(
        self, order_id: int, amount_minor: int, request_key: str, reason: str, ceiling=None
    ) -> RefundRow | Shortfall:  # type: ignore[no-untyped-def]
        if request_key not in self.rows:
            if self.order.status is not S.PAID:
                return "not_refundable"
            self.rows[request_key] = RefundRow(
                len(self.rows) + 1, order_id, amount_minor, request_key, None, "pending", NOW
            )
        return self.rows[request_key]

    def close(self, refund_id: int, provider_refund_id: str | None, status: str) -> bool:
        (row,) = [r for r in self.rows.values() if r.id == refund_id]
        if row.provider_refund_id is not None:
            return False
        self.rows[row.request_key] = replace(
            row, provider_refund_id=provider_refund_id, status=status
        )
        if status == "succeeded":
            self.order = replace(self.order, status=S.REFUNDED, refunded_minor=row.amount_minor)
        return True

    # CancelStore
    def claim(self, order_id: int, now: datetime) -> bool:
        o = self.order
        if o.status is not S.PAID or o.fulfilled_at or o.cancel_requested_at or o.refunded_minor:
            return False
        self.order = replace(o, cancel_requested_at=now)
        return True

    def finish(
        self, order_id: int, now: datetime, audit: Sequence[AuditRecord] = ()
    ) -> list[ProductChanged] | None:
        if self.order.status is not S.REFUNDED or self.order.cancel_requested_at is None:
            return None
        self.order = replace(self.order, status=S.CANCELED)
        self.returned += 1
        self.audit_entries.extend(audit)
        return [ProductChanged(1, ("chair-1",), ())]

    def refunded_claims(self, limit: int) -> list[int]:
        o = self.order
        claimed = o.status is S.REFUNDED and o.cancel_requested_at is not None
        return [o.id] if claimed else []

    def stale_claims(self, before: datetime, limit: int) -> list[int]:
        o = self.order
        claimed = o.cancel_requested_at is not None and o.cancel_requested_at < before
        failed = any(r.status == "failed" for r in self.rows.values())
        return (
            [o.id] if claimed and not failed and o.status is S.PAID and not o.fulfilled_at else []
        )

    def note(self, order_id: int, now: datetime) -> None:
        if self.order.status is S.CANCELED and self.order.cancel_requested_at is None:
            self.order = replace(self.order, cancel_requested_at=now)

    def cancel_unpaid(self, order_id: int, now: datetime) -> None:
        self.unpaid_cancels += 1
        if self.order.status is S.CANCELED:
            raise AlreadyDone("admin.order.error.already_canceled")
        self.order = replace(self.order, status=S.CANCELED)


class Mails:
    def __init__(self) -> None:
        self.sent: list[tuple[str, str, str]] = []

    def send(self, recipient: str, subject: str, body: str) -> None:
        self.sent.append((recipient, subject, body))


def shop(order=PAID, gateway: FakeGateway | None = None):  # type: ignore[no-untyped-def]
    world = World(order)

    gateway = gateway or FakeGateway()
    refunds = Refunds(world, world, gateway)  # type: ignore[arg-type]
    mails, audit = Mails(), FakeAudit()

    def publish(events: Iterable[Event]) -> None:
        world.published.extend(events)

    cancels = CustomerCancel(
        world,  # type: ignore[arg-type]
        world,
        refunds,
        world.cancel_unpaid,
        publish,
        mailer=mails,
        throttle=InProcessThrottle(),
        audit=audit,
        public_url="https://shop.example/",
    )
    return cancels, world, gateway, mails, audit


OWNER = Asker(7)


def refused(code: str, call, kind: type[Refusal] = Refusal) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(kind) as caught:
        call()
    assert caught.value.code == code


def test_the_owner_cancels_a_paid_order_refunded_in_full_once_its_stock_back() -> None:
    cancels, world, gateway, mails, _ = shop()
    order = cancels.cancel(PAID.id, OWNER, NOW)
    assert order.status is S.CANCELED
    assert order.refunded_minor == 4_500
    assert list(gateway.made) == [f"refund-cancel-{PAID.reference}"]
    assert world.returned == 1
    assert world.published == [ProductChanged(1, ("chair-1",), ())]
    (entry,) = world.audit_entries
    assert entry.action == "order.customer_cancel"
    assert entry.actor_id is None
    assert entry.actor_email == PAID.email
    assert entry.subject == f"order:{PAID.reference}"
    ((to, subject, body),) = mails.sent
    assert to == PAID.email
    assert subject == f"Your order {PAID.reference} is canceled"
    assert "€45.00 was refunded" in body
    assert "?key=k3y" in body


def test_a_second_click_refunds_nothing_more_and_mails_nothing_more() -> None:
    cancels, world, gateway, mails, _ = shop()
    cancels.cancel(PAID.id, OWNER, NOW)
    refused(
        "cancel.error.already_canceled", lambda: cancels.cancel(PAID.id, OWNER, NOW), AlreadyDone
    )
    assert gateway.calls == 1
    assert len(mails.sent) == 1
    assert world.returned == 1


def test_a_provider_timeout_leaves_it_claimed_and_the_retry_refunds_once() -> None:
    cancels, world, gateway, mails, _ = shop(gateway=FakeGateway(timeouts=1))
    refused("cancel.error.provider", lambda: cancels.cancel(PAID.id, OWNER, NOW))
    assert world.order.status is S.PAID
    assert world.order.cancel_requested_at == NOW
    assert world.claim(PAID.id, NOW) is False  # the merchant's shipment cannot take it now
    assert cancels.cancel(PAID.id, OWNER, NOW).status is S.CANCELED
    assert len(gateway.made) == 1
    assert len(mails.sent) == 1


def test_the_mail_is_in_the_shoppers_language() -> None:
    cancels, _, _, mails, _ = shop(replace(PAID, locale="fr"))
    cancels.cancel(PAID.id, OWNER, NOW)
    ((_, subject, body),) = mails.sent
    assert subject == f"Votre commande {PAID.reference} est annulée"
    assert "45,00 € ont été remboursés" in body
    assert body.startswith("Bonjour Gita Gast,")


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"fulfilled_at": NOW}, "cancel.error.shipped"),
        ({"status": S.FULFILLED, "fulfilled_at": NOW}, "cancel.error.shipped"),
        ({"status": S.REFUNDED, "refunded_minor": 4_500}, "cancel.error.refunded"),
        ({"status": S.PARTIALLY_REFUNDED, "refunded_minor": 500}, "cancel.error.refunded"),
    ],
)
def test_shipped_or_refunded_orders_are_refused_and_left_alone(change, code) -> None:  # type: ignore[no-untyped-def]
    order = replace(PAID, **change)
    cancels, world, gateway, mails, _ = shop(order)
    assert refund_due(order) is None
    refused(code, lambda: cancels.cancel(PAID.id, OWNER, NOW))
    assert world.order == order
    assert gateway.calls == 0
    assert not mails.sent


def test_a_canceled_order_says_so() -> None:
    cancels, _, _, _, _ = shop(replace(PAID, status=S.CANCELED))
    refused(
        "cancel.error.already_canceled", lambda: cancels.cancel(PAID.id, OWNER, NOW), AlreadyDone
    )


def test_an_unpaid_order_is_canceled_the_admins_way_audited_and_mailed() -> None:
    unpaid = replace(PAID, status=S.PENDING)
    assert refund_due(unpaid) == 0
    cancels, world, gateway, mails, audit = shop(unpaid)
    assert cancels.cancel(PAID.id, OWNER, NOW).status is S.CANCELED
    assert world.unpaid_cancels == 1
    assert gateway.calls == 0
    assert [e.action for e in audit.entries] == ["order.customer_cancel"]
    assert "Nothing was charged" in mails.sent[0][2]


def test_someone_else_signed_in_or_a_wrong_key_may_not_cancel() -> None:
    cancels, world, _, _, _ = shop()
    refused("cancel.error.not_allowed", lambda: cancels.cancel(PAID.id, Asker(8), NOW))
    wrong_key = Asker(None, key="nope", email=PAID.email)
    refused("cancel.error.not_allowed", lambda: cancels.cancel(PAID.id, wrong_key, NOW))
    refused("cancel.error.not_allowed", lambda: cancels.cancel(999, OWNER, NOW))
    assert world.order == PAID


def test_the_links_holder_must_type_the_orders_email() -> None:
    cancels, world, _, _, _ = shop()
    wrong = Asker(None, key="k3y", email="other@example.com")
    refused("cancel.error.email", lambda: cancels.cancel(PAID.id, wrong, NOW))
    assert world.order == PAID
    right = Asker(None, key="k3y", email=" gita@example.COM ")
    assert cancels.cancel(PAID.id, right, NOW).status is S.CANCELED


def test_the_link_gets_a_few_tries_an_hour_then_even_the_right_email_waits() -> None:
    cancels, world, _, _, _ = shop()
    wrong = Asker(None, key="k3y", email="other@example.com")
    for _ in range(5):
        refused("cancel.error.email", lambda: cancels.cancel(PAID.id, wrong, NOW))
    right = Asker(None, key="k3y", email="gita@example.com")
    refused("cancel.error.too_many", lambda: cancels.cancel(PAID.id, right, NOW))
    assert world.order == PAID
    assert cancels.cancel(PAID.id, OWNER, NOW).status is S.CANCELED  # signed in: no limit


def test_a_refusing_provider_leaves_the_order_claimed_and_says_so() -> None:
    class Refusing(FakeGateway):
        def refund(self, intent_id, amount_minor, idempotency_key, *, request_key):  # type: ignore[no-untyped-def]
            raise PaymentError("card closed", retryable=False)

    cancels, world, _, mails, _ = shop(gateway=Refusing())
    refused("cancel.error.provider", lambda: cancels.cancel(PAID.id, OWNER, NOW))
    assert world.order.status is S.PAID
    assert not mails.sent


def test_a_refund_the_provider_held_pending_is_finished_once_it_settles() -> None:
    cancels, world, gateway, mails, _ = shop(gateway=FakeGateway(status="pending"))
    refused("cancel.error.pending", lambda: cancels.cancel(PAID.id, OWNER, NOW))
    assert world.order.status is S.PAID
    assert cancels.finish_settled(NOW) == 0  # still pending: nothing to finish
    (row,) = world.rows.values()
    world.rows[row.request_key] = replace(row, status="succeeded")  # its webhook
    world.order = replace(world.order, status=S.REFUNDED, refunded_minor=4_500)
    assert cancels.finish_settled(NOW) == 1
    assert world.order.status is S.CANCELED
    assert world.returned == 1
    assert len(mails.sent) == 1
    assert cancels.finish_settled(NOW) == 0
    assert gateway.calls == 1


def test_a_claim_whose_refund_never_started_is_refunded_and_finished_by_the_reconciliation() -> (
    None
):
    cancels, world, gateway, mails, _ = shop()
    assert world.claim(PAID.id, NOW)  # the process died before its refund was asked
    assert cancels.finish_settled(NOW + timedelta(minutes=1)) == 0  # a live cancel's turn
    assert gateway.calls == 0
    later = NOW + timedelta(minutes=11)
    assert cancels.finish_settled(later) == 1
    assert world.order.status is S.CANCELED
    assert (world.returned, gateway.calls, len(mails.sent)) == (1, 1, 1)
    assert [e.action for e in world.audit_entries] == ["order.customer_cancel"]
    assert cancels.finish_settled(later) == 0
    assert gateway.calls == 1


def test_a_stale_claim_the_provider_refuses_stays_claimed_and_is_not_counted() -> None:
    class Refusing(FakeGateway):
        def refund(self, intent_id, amount_minor, idempotency_key, *, request_key):  # type: ignore[no-untyped-def]
            raise PaymentError("card closed", retryable=False)

    cancels, world, _, mails, _ = shop(gateway=Refusing())
    assert world.claim(PAID.id, NOW)
    assert cancels.finish_settled(NOW + timedelta(minutes=11)) == 0
    assert world.order.status is S.PAID
    assert world.order.cancel_requested_at == NOW
    assert not mails.sent
