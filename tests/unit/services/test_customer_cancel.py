"""The shopper's own cancel against in-memory fakes: who may cancel, what is refused, a paid
order refunded once in full (a double click refunds once), the claim that keeps it from
shipping, the mail in the shopper's language (the unpaid cancel's; a paid one's is the
refund's mail), the audit entry naming the customer, the claim given up when the provider
refuses the refund for good, and the merchant's release of a stuck claim (each release is
one CancelReleased event, whose handler mails the shopper: test_release_mail.py)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from models.events import CancelReleased, Event, ProductChanged
from models.orders import OrderStatus as S
from storefront.adapters.throttle import InProcessThrottle
from storefront.services.admin.audit import AuditRecord
from storefront.services.errors import AlreadyDone, Refusal
from storefront.services.orders.cancel_rules import refund_owed
from storefront.services.orders.customer_cancel import Asker, CustomerCancel, refund_due
from storefront.services.orders.refunds import RefundRow, Refunds, Shortfall
from storefront.services.orders.status import CANCELABLE_PAID, CHARGED, refund_status
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
        # A refund of the merchant's pending at the provider (the claim's SQL sees its row).
        self.merchant_pending = False

    # OrderStore (what the service and Refunds read)
    def get(self, order_id: int):  # type: ignore[no-untyped-def]
        return self.order if order_id == self.order.id else None

    # RefundStore
    def open(
        self,
        order_id: int,
        amount_minor: int,
        request_key: str,
        reason: str,
        ceiling=None,  # type: ignore[no-untyped-def]
        *,
        for_cancel: bool = False,
    ) -> RefundRow | Shortfall:
        if request_key not in self.rows:
            if self.order.status not in CHARGED:
                return "not_refundable"
            if (self.order.cancel_requested_at is not None) != for_cancel:
                return "not_claimed" if for_cancel else "cancel_claimed"
            taken = sum(r.amount_minor for r in self.rows.values() if r.status == "pending")
            if taken + self.order.refunded_minor + amount_minor > self.order.amounts.total_minor:
                return "exceeds_paid"
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
            refunded = self.order.refunded_minor + row.amount_minor
            status_now = refund_status(refunded, self.order.amounts.total_minor, shipped=False)
            self.order = replace(self.order, status=status_now, refunded_minor=refunded)
        return True

    # CancelStore
    def claim(
        self,
        order_id: int,
        now: datetime,
        *,
        by_shop: bool = False,
        audit: Sequence[AuditRecord] = (),
    ) -> bool:
        o = self.order
        if o.status not in CANCELABLE_PAID or o.fulfilled_at or o.cancel_requested_at:
            return False
        if o.refunded_minor >= o.amounts.total_minor or self.merchant_pending:
            return False
        if o.cancel_released_at is not None:
            return False
        self.order = replace(o, cancel_requested_at=now, cancel_by_shop=by_shop)
        self.audit_entries.extend(audit)
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
        paid = o.status in CANCELABLE_PAID and not o.fulfilled_at
        return [o.id] if claimed and not failed and paid else []

    def refused_claims(self, limit: int) -> list[int]:
        o = self.order
        claimed = o.cancel_requested_at is not None and o.status in CANCELABLE_PAID
        refused = [r.status for r in self.rows.values()] == ["failed"]
        return [o.id] if claimed and refused else []

    def release(self, order_id: int, now: datetime, audit: Sequence[AuditRecord]) -> str:
        o = self.order
        if o.cancel_requested_at is None or o.status not in CANCELABLE_PAID or o.fulfilled_at:
            return "not_claimed"
        if any(r.status != "failed" for r in self.rows.values()):
            return "refunding"
        self.order = replace(o, cancel_requested_at=None, cancel_released_at=now)
        self.audit_entries.extend(audit)
        return "released"

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
RELEASED = CancelReleased(PAID.id, PAID.reference)


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
    # Its one mail is the refund's, which says it is canceled (RefundMail, tested below).
    assert mails.sent == []


def test_a_second_click_refunds_nothing_more_and_mails_nothing_more() -> None:
    cancels, world, gateway, mails, _ = shop()
    cancels.cancel(PAID.id, OWNER, NOW)
    refused(
        "cancel.error.already_canceled", lambda: cancels.cancel(PAID.id, OWNER, NOW), AlreadyDone
    )
    assert gateway.calls == 1
    assert world.returned == 1
    assert mails.sent == []  # a paid cancel's one mail is the refund's (test_cancel_mail.py)


def test_a_provider_timeout_leaves_it_claimed_and_the_retry_refunds_once() -> None:
    cancels, world, gateway, mails, _ = shop(gateway=FakeGateway(timeouts=1))
    # Not "nothing was changed": the claim stands (it will not ship), its refund not asked.
    refused("cancel.error.provider_claimed", lambda: cancels.cancel(PAID.id, OWNER, NOW))
    assert world.order.status is S.PAID
    assert world.order.cancel_requested_at == NOW
    assert world.claim(PAID.id, NOW) is False  # the merchant's shipment cannot take it now
    assert cancels.cancel(PAID.id, OWNER, NOW).status is S.CANCELED
    assert len(gateway.made) == 1
    assert mails.sent == []


def test_the_unpaid_cancels_mail_is_in_the_shoppers_language() -> None:
    cancels, _, _, mails, _ = shop(replace(PAID, locale="fr", status=S.PENDING))
    cancels.cancel(PAID.id, OWNER, NOW)
    ((_, subject, body),) = mails.sent
    assert subject == f"Votre commande {PAID.reference} est annulée"
    assert "Rien n’a été débité" in body
    assert body.startswith("Bonjour Gita Gast,")


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"fulfilled_at": NOW}, "cancel.error.shipped"),
        ({"status": S.FULFILLED, "fulfilled_at": NOW}, "cancel.error.shipped"),
        ({"status": S.REFUNDED, "refunded_minor": 4_500}, "cancel.error.refunded"),
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


def test_the_owner_cancels_a_partly_refunded_order_refunding_only_what_is_left() -> None:
    # €10.00 refunded by the merchant before it shipped: the cancel refunds the €35.00 left.
    partly = replace(PAID, status=S.PARTIALLY_REFUNDED, refunded_minor=1_000)
    assert refund_due(partly) == 3_500
    cancels, world, gateway, _, _ = shop(partly)
    order = cancels.cancel(PAID.id, OWNER, NOW)
    assert (order.status, order.refunded_minor) == (S.CANCELED, 4_500)
    (row,) = world.rows.values()
    assert (row.request_key, row.amount_minor) == (f"cancel-{PAID.reference}", 3_500)
    assert list(gateway.made) == [f"refund-cancel-{PAID.reference}"]
    assert world.returned == 1
    # A double click once it is done: nothing refunded again, nothing given back twice.
    refused(
        "cancel.error.already_canceled", lambda: cancels.cancel(PAID.id, OWNER, NOW), AlreadyDone
    )
    assert (len(gateway.made), world.returned) == (1, 1)


def test_a_partly_refunded_cancel_pending_at_the_provider_is_retried_for_the_same_amount() -> None:
    partly = replace(PAID, status=S.PARTIALLY_REFUNDED, refunded_minor=1_000)
    gateway = FakeGateway(status="pending")
    cancels, world, _, _, _ = shop(partly, gateway)
    refused("cancel.error.pending", lambda: cancels.cancel(PAID.id, OWNER, NOW))
    assert world.order.status is S.PARTIALLY_REFUNDED
    assert world.order.cancel_requested_at == NOW
    # Asked again: the same key and amount (not key_reused), answered from its row.
    refused("cancel.error.pending", lambda: cancels.cancel(PAID.id, OWNER, NOW))
    assert [r.amount_minor for r in world.rows.values()] == [3_500]


def test_a_cancel_while_a_merchants_refund_is_pending_says_to_try_again_and_changes_nothing() -> (
    None
):
    partly = replace(PAID, status=S.PARTIALLY_REFUNDED, refunded_minor=1_000)
    cancels, world, gateway, mails, _ = shop(partly)
    world.merchant_pending = True
    refused("cancel.error.busy", lambda: cancels.cancel(PAID.id, OWNER, NOW))
    assert world.order == partly
    assert (gateway.calls, mails.sent, world.rows) == (0, [], {})


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


def test_an_accent_typed_as_a_letter_and_a_mark_is_the_same_email() -> None:
    # The withdrawal page took it; the cancel form refused it, a try spent (code review).
    composed = replace(PAID, email="andr\u00e9@example.com")
    cancels, _, _, _, _ = shop(composed)
    typed = Asker(None, key="k3y", email="andre\u0301@example.com")
    assert cancels.cancel(PAID.id, typed, NOW).status is S.CANCELED


def test_the_link_gets_a_few_tries_an_hour_then_even_the_right_email_waits() -> None:
    cancels, world, _, _, _ = shop()
    wrong = Asker(None, key="k3y", email="other@example.com")
    for _ in range(5):
        refused("cancel.error.email", lambda: cancels.cancel(PAID.id, wrong, NOW))
    right = Asker(None, key="k3y", email="gita@example.com")
    refused("cancel.error.too_many", lambda: cancels.cancel(PAID.id, right, NOW))
    assert world.order == PAID
    assert cancels.cancel(PAID.id, OWNER, NOW).status is S.CANCELED  # signed in: no limit


class Refusing(FakeGateway):
    def refund(self, intent_id, amount_minor, idempotency_key, *, request_key):  # type: ignore[no-untyped-def]
        self.calls += 1
        raise PaymentError("card closed", retryable=False)


def test_a_refund_refused_for_good_releases_the_claim_audited_and_says_so() -> None:
    cancels, world, gateway, mails, _ = shop(gateway=Refusing())
    refused("cancel.released", lambda: cancels.cancel(PAID.id, OWNER, NOW))
    # Paid and shippable again, marked released for the shopper's page and the merchant's.
    assert world.order.status is S.PAID
    assert (world.order.cancel_requested_at, world.order.cancel_released_at) == (None, NOW)
    (entry,) = world.audit_entries
    assert (entry.action, entry.actor_email) == ("order.customer_cancel.released", PAID.email)
    assert '"why": "refund_refused"' in entry.after
    assert world.returned == 0
    assert not mails.sent  # the call mails nothing itself: its event's handler does, once
    assert world.published == [RELEASED]
    # Not offered again, and a cancel forced anyway changes nothing: its key is spent.
    assert refund_due(world.order) is None
    refused("cancel.released", lambda: cancels.cancel(PAID.id, OWNER, NOW))
    assert world.claim(PAID.id, NOW) is False
    assert cancels.release_refused(NOW + timedelta(minutes=11)) == 0
    assert cancels.finish_settled(NOW + timedelta(minutes=11)) == 0
    assert gateway.calls == 1
    assert len(world.audit_entries) == 1
    assert world.published == [RELEASED]


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
    assert mails.sent == []  # the refund's mail tells it
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
    assert (world.returned, gateway.calls, len(mails.sent)) == (1, 1, 0)
    assert [e.action for e in world.audit_entries] == ["order.customer_cancel"]
    assert cancels.finish_settled(later) == 0
    assert gateway.calls == 1


def test_a_stale_claim_the_provider_refuses_is_released_by_the_reconciliation() -> None:
    cancels, world, _, mails, _ = shop(gateway=Refusing())
    assert world.claim(PAID.id, NOW)
    later = NOW + timedelta(minutes=11)
    assert cancels.finish_settled(later) == 0
    assert world.order.status is S.PAID
    assert (world.order.cancel_requested_at, world.order.cancel_released_at) == (None, later)
    (entry,) = world.audit_entries
    assert (entry.action, entry.actor_email) == ("order.customer_cancel.released", "reconciliation")
    assert not mails.sent
    assert world.published == [RELEASED]


def test_a_refund_held_pending_then_refused_is_released_by_the_reconciliation_once() -> None:
    cancels, world, gateway, _, _ = shop(gateway=FakeGateway(status="pending"))
    refused("cancel.error.pending", lambda: cancels.cancel(PAID.id, OWNER, NOW))
    assert cancels.release_refused(NOW) == 0  # pending: its outcome is awaited
    (row,) = world.rows.values()
    world.rows[row.request_key] = replace(row, status="failed")  # its webhook: refused
    assert cancels.release_refused(NOW) == 1
    assert (world.order.status, world.order.cancel_requested_at) == (S.PAID, None)
    assert world.order.cancel_released_at == NOW
    assert cancels.release_refused(NOW) == 0
    assert [e.actor_email for e in world.audit_entries] == ["reconciliation"]
    assert gateway.calls == 1
    assert world.published == [RELEASED]  # released once: one event, one mail


def test_the_merchant_releases_a_stuck_claim_audited_under_their_name() -> None:
    cancels, world, gateway, _, _ = shop()
    assert world.claim(PAID.id, NOW)  # its call died before its refund was asked
    cancels.release(PAID.id, NOW, 1, "boss@example.com")
    assert (world.order.status, world.order.cancel_requested_at) == (S.PAID, None)
    (entry,) = world.audit_entries
    assert (entry.actor_id, entry.actor_email) == (1, "boss@example.com")
    assert entry.action == "order.customer_cancel.released"
    assert '"why": "merchant"' in entry.after
    assert world.published == [RELEASED]  # the shopper is told too
    refused(
        "admin.order.error.no_cancel_request",
        lambda: cancels.release(PAID.id, NOW, 1, "boss@example.com"),
    )
    assert world.published == [RELEASED]
    # The reconciliation's refund of the claim finds none: nothing is refunded.
    assert cancels.finish_settled(NOW + timedelta(minutes=11)) == 0
    assert gateway.calls == 0


def test_a_claim_whose_refund_is_pending_or_made_cannot_be_released() -> None:
    cancels, world, _, _, _ = shop(gateway=FakeGateway(status="pending"))
    refused("cancel.error.pending", lambda: cancels.cancel(PAID.id, OWNER, NOW))
    refused(
        "admin.order.error.cancel_refunding",
        lambda: cancels.release(PAID.id, NOW, 1, "boss@example.com"),
    )
    assert world.order.cancel_requested_at == NOW
    assert world.audit_entries == []
    assert world.published == []  # not released: nothing to tell


def test_while_the_shopper_cancels_no_other_refund_is_taken() -> None:
    _, world, gateway, _, _ = shop()
    assert world.claim(PAID.id, NOW)
    refunds = Refunds(world, world, gateway)  # type: ignore[arg-type]
    refused("refund.error.cancel_claimed", lambda: refunds.refund(PAID.id, 500, "admin-1"))
    assert (gateway.calls, world.rows) == (0, {})


def test_a_canceled_order_owes_only_what_a_refund_failing_since_took_back() -> None:
    """The order page says what is owed of a canceled order (cancel.refund_owed)."""
    paid = replace(PAID, paid_at=NOW)
    canceled = replace(paid, status=S.CANCELED, refunded_minor=4_500)
    assert refund_owed(canceled) == 0  # refunded in full to close
    assert refund_owed(replace(canceled, refunded_minor=1_000)) == 3_500  # a refund failed
    assert refund_owed(replace(canceled, paid_at=None, refunded_minor=0)) == 0  # never paid
    assert refund_owed(replace(paid, status=S.PARTIALLY_REFUNDED, refunded_minor=1_000)) == 0
