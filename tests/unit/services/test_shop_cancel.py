"""The shop's own cancel of a paid order (CustomerCancel.cancel_for_shop) against the fakes
of the shopper's cancel: refunded in full once, canceled with its stock back and audited
under the staff member's name; the shopper may not cancel it meanwhile; a timeout leaves it
claimed for a retry or the reconciliation; a refund refused for good gives it up without
the shopper's release event; a partly refunded order refunds what is left; shipped, refunded
or customer-canceled orders are refused unchanged, in the admin's words."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from models.orders import OrderStatus as S
from storefront.services.errors import AlreadyDone
from storefront.services.orders.customer_cancel import refund_due
from tests.unit.services.test_customer_cancel import (
    NOW,
    OWNER,
    PAID,
    Refusing,
    refused,
    shop,
)
from tests.unit.services.test_refunds import FakeGateway

STAFF_ID, STAFF = 3, "sam@example.com"


def test_the_shop_cancels_a_paid_order_refunded_once_its_stock_back_audited_as_staff() -> None:
    cancels, world, gateway, mails, _ = shop()
    order = cancels.cancel_for_shop(PAID.id, NOW, STAFF_ID, STAFF)
    assert (order.status, order.refunded_minor, order.cancel_by_shop) == (S.CANCELED, 4_500, True)
    assert list(gateway.made) == [f"refund-cancel-{PAID.reference}"]
    assert world.returned == 1
    # Who asked, written with the claim; then the close, under the same name.
    assert [(e.action, e.actor_id, e.actor_email) for e in world.audit_entries] == [
        ("order.shop_cancel.asked", STAFF_ID, STAFF),
        ("order.shop_cancel", STAFF_ID, STAFF),
    ]
    assert mails.sent == []  # the refund's mail tells the shopper (test_cancel_mail.py)
    refused(
        "admin.order.error.already_canceled",
        lambda: cancels.cancel_for_shop(PAID.id, NOW, STAFF_ID, STAFF),
        AlreadyDone,
    )
    assert gateway.calls == 1


def test_the_shopper_may_not_cancel_what_the_shop_is_canceling() -> None:
    cancels, world, gateway, _, _ = shop(gateway=FakeGateway(status="pending"))
    # Stripe holds the refund pending: no failure, the order claimed (canceled once settled).
    held = cancels.cancel_for_shop(PAID.id, NOW, STAFF_ID, STAFF)
    assert (held.status, held.cancel_by_shop) == (S.PAID, True)
    assert world.order.cancel_by_shop
    assert refund_due(world.order) is None  # not offered on the order's page
    refused("cancel.shop_claimed", lambda: cancels.cancel(PAID.id, OWNER, NOW))
    assert gateway.calls == 1


def test_a_timeout_leaves_it_claimed_and_the_reconciliation_finishes_it_once() -> None:
    cancels, world, gateway, _, _ = shop(gateway=FakeGateway(timeouts=1))
    refused(
        "admin.order.error.provider", lambda: cancels.cancel_for_shop(PAID.id, NOW, STAFF_ID, STAFF)
    )
    assert [e.action for e in world.audit_entries] == ["order.shop_cancel.asked"]
    assert (world.order.status, world.order.cancel_requested_at) == (S.PAID, NOW)
    later = NOW + timedelta(minutes=11)
    assert cancels.finish_settled(later) == 1
    assert world.order.status is S.CANCELED
    assert [(e.action, e.actor_id, e.actor_email) for e in world.audit_entries] == [
        ("order.shop_cancel.asked", STAFF_ID, STAFF),  # who asked stays known
        ("order.shop_cancel", None, "reconciliation"),
    ]
    assert len(gateway.made) == 1


def test_a_refund_refused_for_good_gives_the_cancel_up_without_telling_the_shopper() -> None:
    cancels, world, gateway, _, _ = shop(gateway=Refusing())
    refused(
        "admin.order.error.cancel_refund_refused",
        lambda: cancels.cancel_for_shop(PAID.id, NOW, STAFF_ID, STAFF),
    )
    assert (world.order.status, world.order.cancel_requested_at) == (S.PAID, None)
    assert [(e.action, e.actor_email) for e in world.audit_entries] == [
        ("order.shop_cancel.asked", STAFF),
        ("order.shop_cancel.released", STAFF),
    ]
    assert world.published == []  # no CancelReleased: the shopper never asked
    assert world.returned == 0
    # Not the shopper's to cancel now (the cancel's key is spent): they are told to ask.
    assert refund_due(world.order) is None
    refused("cancel.error.contact", lambda: cancels.cancel(PAID.id, OWNER, NOW))
    assert gateway.calls == 1


def test_a_shoppers_cancel_that_lost_the_claim_to_the_shops_leaves_it_to_the_shop() -> None:
    cancels, world, gateway, _, _ = shop()
    claim = world.claim

    def shop_first(order_id, now, **kwargs):  # type: ignore[no-untyped-def]
        claim(order_id, now, by_shop=True)  # the merchant's, just before the shopper's
        return claim(order_id, now, **kwargs)

    world.claim = shop_first  # type: ignore[method-assign]
    refused("cancel.shop_claimed", lambda: cancels.cancel(PAID.id, OWNER, NOW))
    assert (world.order.status, world.order.cancel_by_shop) == (S.PAID, True)
    assert gateway.calls == 0


def test_the_merchants_release_of_a_shoppers_request_leaves_the_shops_own_cancel() -> None:
    cancels, world, _, _, _ = shop()
    assert world.claim(PAID.id, NOW, by_shop=True)  # its refund not asked yet
    refused(
        "admin.order.error.no_cancel_request",
        lambda: cancels.release(PAID.id, NOW, STAFF_ID, STAFF),
    )
    assert world.order.cancel_requested_at == NOW


def test_the_shop_cancels_a_partly_refunded_order_refunding_what_is_left() -> None:
    partly = replace(PAID, status=S.PARTIALLY_REFUNDED, refunded_minor=1_000)
    cancels, world, gateway, _, _ = shop(partly)
    order = cancels.cancel_for_shop(PAID.id, NOW, STAFF_ID, STAFF)
    assert (order.status, order.refunded_minor, order.cancel_by_shop) == (S.CANCELED, 4_500, True)
    assert [r.amount_minor for r in world.rows.values()] == [3_500]
    assert list(gateway.made) == [f"refund-cancel-{PAID.reference}"]
    assert world.returned == 1
    asked, done = world.audit_entries
    assert '"refund_minor": 3500' in asked.after
    assert (done.action, done.actor_email) == ("order.shop_cancel", STAFF)
    refused(
        "admin.order.error.already_canceled",
        lambda: cancels.cancel_for_shop(PAID.id, NOW, STAFF_ID, STAFF),
        AlreadyDone,
    )
    assert (len(gateway.made), world.returned) == (1, 1)


def test_the_shop_cancel_waits_for_a_pending_refund_of_its_own_staff_unchanged() -> None:
    partly = replace(PAID, status=S.PARTIALLY_REFUNDED, refunded_minor=1_000)
    cancels, world, gateway, _, _ = shop(partly)
    world.merchant_pending = True
    refused(
        "admin.order.error.refund_pending",
        lambda: cancels.cancel_for_shop(PAID.id, NOW, STAFF_ID, STAFF),
    )
    assert world.order == partly
    assert gateway.calls == 0


def test_shipped_refunded_or_customer_canceled_orders_are_refused_unchanged() -> None:
    cases = {
        "admin.order.error.already_fulfilled": replace(PAID, fulfilled_at=NOW),
        "admin.order.error.cancel_refund_rest": replace(
            PAID, status=S.REFUNDED, refunded_minor=4_500
        ),
        "admin.order.error.customer_canceling": replace(PAID, cancel_requested_at=NOW),
    }
    for code, order in cases.items():
        cancels, world, gateway, _, _ = shop(order)
        refused(
            code, lambda cancels=cancels: cancels.cancel_for_shop(PAID.id, NOW, STAFF_ID, STAFF)
        )
        assert world.order == order
        assert gateway.calls == 0
