"""A shopper's cancel that cannot go through, on SQLite and PostgreSQL with localstripe: a
refund Stripe refuses gives the claim up (the order paid and shippable again, audited, the
merchant's page and the shopper's saying so); the merchant releases a stuck claim, never
one whose refund went through or may still; while the shopper cancels, the merchant's
refunds are refused, and a released claim's refund is refused too."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import text

from models.orders import OrderStatus
from models.types import utc_now
from state.admin.order_rows import order_row
from state.admin.orders import AdminOrdersState
from storefront.bootstrap import Shop, set_shop
from storefront.lifespan import settle_once
from storefront.services.admin.access import Permission
from storefront.services.admin.order_views import OrderFilter
from storefront.services.errors import Refusal
from storefront.services.orders.customer_cancel import refund_due
from storefront.services.orders.refunds import RefundError
from tests.integration.admin_fixtures import admin_of, staff_of, team_sessions
from tests.integration.checkout_fixtures import commerce, paying_shop, scalar
from tests.integration.test_admin_authorization import state_at
from tests.integration.test_admin_refunds import AnsweredPending
from tests.integration.test_customer_cancel import STOCK, by_link, mails_sent, paid_order
from tests.localstripe import move_refund


@pytest.fixture
def shop(database_url: str, make_shop: Callable[..., Shop], localstripe_url: str) -> Shop:
    return paying_shop(make_shop, database_url, localstripe_url)


RELEASES = "select count(*) from admin_audit where action = 'order.customer_cancel.released'"
REFUNDS = "select count(*) from order_refund"


def refused(code: str, call: Callable[[], object]) -> None:
    with pytest.raises(Refusal) as caught:
        call()
    assert caught.value.code == code


def test_a_refund_stripe_refuses_releases_the_claim_and_the_order_ships_again(
    shop: Shop, localstripe_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    order = paid_order(shop)
    refunds = commerce(shop).refunds
    assert refunds is not None
    # localstripe takes every refund; Stripe's refusal is its answer "failed" (a refund
    # localstripe made and then moved to failed, read back through the real gateway).
    failing = AnsweredPending(refunds._payments, localstripe_url, status="failed")
    monkeypatch.setattr(refunds, "_payments", failing)
    cancels = commerce(shop).cancels
    refused("cancel.released", lambda: cancels.cancel(order.id, by_link(order), utc_now()))
    now = commerce(shop).orders.get(order.id)
    assert now is not None
    assert (now.status, now.cancel_requested_at, now.refunded_minor) == (OrderStatus.PAID, None, 0)
    assert now.cancel_released_at is not None
    assert refund_due(now) is None  # not offered again: its key is spent
    assert scalar(shop, RELEASES) == 1
    # Never taken up again, and a cancel forced anyway changes nothing.
    later = utc_now() + timedelta(minutes=11)
    assert cancels.finish_settled(later) == 0
    assert cancels.release_refused(later) == 0
    refused("cancel.released", lambda: cancels.cancel(order.id, by_link(order), utc_now()))
    assert not cancels._store.claim(order.id, utc_now())
    assert failing.calls == 1
    assert scalar(shop, RELEASES) == 1
    assert mails_sent(shop) == (0, 0)
    # The merchant sees it failed, and may ship it.
    boss = staff_of(shop, team_sessions(shop).admin, Permission.ORDERS)
    detail = admin_of(shop).orders.detail(boss, order.id)
    assert detail is not None
    assert detail.cancel_released_at is not None
    assert not detail.customer_canceling
    assert detail.shippable
    shipped = admin_of(shop).orders.fulfil(boss, order.id, "dhl", "JD0001", utc_now())
    assert shipped.status is OrderStatus.FULFILLED
    assert scalar(shop, STOCK) == 49


def test_a_refund_stripe_held_pending_then_failed_is_released_by_the_reconciliation(
    shop: Shop, localstripe_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    order = paid_order(shop)
    refunds, reconciliation = commerce(shop).refunds, commerce(shop).reconciliation
    assert refunds is not None
    assert reconciliation is not None
    monkeypatch.setattr(refunds, "_payments", AnsweredPending(refunds._payments, localstripe_url))
    cancels = commerce(shop).cancels
    refused("cancel.error.pending", lambda: cancels.cancel(order.id, by_link(order), utc_now()))
    boss = staff_of(shop, team_sessions(shop).admin, Permission.ORDERS)
    # Pending: it may still go through, so the merchant cannot release it.
    release = admin_of(shop).orders.release_cancel
    refused("admin.order.error.cancel_refunding", lambda: release(boss, order.id, utc_now()))
    assert cancels.release_refused(utc_now()) == 0
    (refund_id,) = [r.id for r in refunds._payments.refunds_of(str(order.payment_intent_id))]
    move_refund(localstripe_url, refund_id, "failed")
    later = utc_now() + timedelta(minutes=11)
    reconciliation.reconcile(later, timedelta(minutes=10), timedelta(minutes=15))
    assert scalar(shop, "select count(*) from order_refund where status = 'failed'") == 1
    assert cancels.release_refused(later) == 1
    assert cancels.release_refused(later) == 0
    now = commerce(shop).orders.get(order.id)
    assert now is not None
    assert (now.status, now.cancel_requested_at) == (OrderStatus.PAID, None)
    assert (
        scalar(
            shop,
            "select count(*) from admin_audit where action = 'order.customer_cancel.released'"
            " and actor_email = 'reconciliation'",
        )
        == 1
    )


def test_the_merchant_releases_a_stuck_claim_audited_and_its_refund_is_never_made(
    shop: Shop,
) -> None:
    order = paid_order(shop)
    cancels = commerce(shop).cancels
    assert cancels._store.claim(order.id, utc_now())  # its call died before its refund
    release = admin_of(shop).orders.release_cancel
    boss = staff_of(shop, team_sessions(shop).admin, Permission.ORDERS)
    detail = admin_of(shop).orders.detail(boss, order.id)
    assert detail is not None
    assert (detail.customer_canceling, detail.shippable) == (True, False)
    after = release(boss, order.id, utc_now())
    assert (after.customer_canceling, after.shippable) == (False, True)
    assert after.cancel_released_at is not None
    assert (
        scalar(
            shop,
            "select count(*) from admin_audit where action = 'order.customer_cancel.released'"
            " and actor_email = 'ada@example.com'",
        )
        == 1
    )
    refused("admin.order.error.no_cancel_request", lambda: release(boss, order.id, utc_now()))
    # The call that claimed it, late, finds no claim: nothing goes to Stripe.
    refunds = commerce(shop).refunds
    assert refunds is not None
    with pytest.raises(RefundError) as late:
        refunds.refund(order.id, order.amounts.total_minor, f"cancel-{order.reference}",
                       for_cancel=True)  # fmt: skip
    assert late.value.code == "refund.error.not_claimed"
    assert cancels.finish_settled(utc_now() + timedelta(minutes=11)) == 0
    assert scalar(shop, REFUNDS) == 0
    assert scalar(shop, RELEASES) == 1


def test_the_merchants_refund_of_an_order_the_customer_cancels_is_refused(shop: Shop) -> None:
    order = paid_order(shop)
    cancels = commerce(shop).cancels
    assert cancels._store.claim(order.id, utc_now())
    boss = staff_of(shop, team_sessions(shop).admin, Permission.REFUND)
    desk = admin_of(shop).orders
    refused("refund.error.cancel_claimed", lambda: desk.check_refund(boss, order.id, "5", "k" * 24))
    refused(
        "refund.error.cancel_claimed",
        lambda: desk.refund(boss, order.id, "5", "", "k" * 24, now=utc_now()),
    )
    refunds = commerce(shop).refunds
    assert refunds is not None
    with pytest.raises(RefundError) as raced:  # the service's own check, under the order's lock
        refunds.refund(order.id, 500, "k" * 24)
    assert raced.value.code == "refund.error.cancel_claimed"
    assert scalar(shop, REFUNDS) == 0
    # The cancel then refunds it in full, as it said.
    done = cancels.cancel(order.id, by_link(order), utc_now())
    assert (done.status, done.refunded_minor) == (OrderStatus.CANCELED, order.amounts.total_minor)


def test_a_pending_refund_of_the_merchants_keeps_the_shopper_from_claiming_it(
    shop: Shop, localstripe_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    order = paid_order(shop)
    refunds = commerce(shop).refunds
    assert refunds is not None
    monkeypatch.setattr(refunds, "_payments", AnsweredPending(refunds._payments, localstripe_url))
    assert refunds.refund(order.id, 500, "k" * 24).status == "pending"
    cancels = commerce(shop).cancels
    assert not cancels._store.claim(order.id, utc_now())
    # Said as it is: a refund under way, to try again once it went through.
    refused("cancel.error.busy", lambda: cancels.cancel(order.id, by_link(order), utc_now()))
    assert scalar(shop, REFUNDS) == 1


def test_each_web_process_minute_finishes_stale_cancels_and_releases_refused_ones(
    shop: Shop, localstripe_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No cron needed: the web processes' minute round (lifespan.settle_once) does what
    reconcile-payments does for the cancels, as it does for payments."""
    stale, refused_one = paid_order(shop, "g1"), paid_order(shop, "g2")
    cancels, refunds = commerce(shop).cancels, commerce(shop).refunds
    assert refunds is not None
    assert cancels._store.claim(stale.id, utc_now() - timedelta(minutes=11))  # its call died
    failing = AnsweredPending(refunds._payments, localstripe_url)
    monkeypatch.setattr(refunds, "_payments", failing)
    refused(
        "cancel.error.pending",
        lambda: cancels.cancel(refused_one.id, by_link(refused_one), utc_now()),
    )
    monkeypatch.setattr(refunds, "_payments", failing.gateway)  # the stale one goes through
    (refund_id,) = [r.id for r in failing.refunds_of(str(refused_one.payment_intent_id))]
    move_refund(localstripe_url, refund_id, "failed")
    assert shop.engine is not None
    with shop.engine.begin() as connection:  # its refund asked 11 minutes ago
        connection.execute(
            text("update order_refund set created_at = :at"),
            {"at": utc_now() - timedelta(minutes=11)},
        )
    settle_once(shop)
    now_stale = commerce(shop).orders.get(stale.id)
    now_refused = commerce(shop).orders.get(refused_one.id)
    assert now_stale is not None
    assert now_refused is not None
    assert now_stale.status is OrderStatus.CANCELED
    assert (now_refused.status, now_refused.cancel_requested_at) == (OrderStatus.PAID, None)
    assert now_refused.cancel_released_at is not None


def test_to_ship_marks_an_order_whose_customers_cancel_stripe_refused(
    shop: Shop, localstripe_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A shopper's cancel given up (Stripe refused its refund) leaves the order paid and in
    "To ship": the list marks it, warns of it above "To ship"'s rows and filters it (QA: it
    was packed and shipped). The shop's own cancel given up alike, and a plain paid order,
    are not marked; shipped, it is settled and marked no more."""
    asked, plain, shops = paid_order(shop, "g1"), paid_order(shop, "g2"), paid_order(shop, "g3")
    refunds = commerce(shop).refunds
    assert refunds is not None
    failing = AnsweredPending(refunds._payments, localstripe_url, status="failed")
    monkeypatch.setattr(refunds, "_payments", failing)
    cancels = commerce(shop).cancels
    refused("cancel.released", lambda: cancels.cancel(asked.id, by_link(asked), utc_now()))
    boss = staff_of(shop, team_sessions(shop).admin, Permission.ORDERS)
    desk = admin_of(shop).orders
    with pytest.raises(Refusal):
        desk.cancel_paid(boss, shops.id, utc_now())
    assert (
        scalar(shop, "select count(*) from sales_order where cancel_released_at is not null") == 2
    )

    to_ship = OrderFilter.typed({"status": "to_ship"})
    listed = desk.page(boss, to_ship, 1)
    assert [(row.id, row.cancel_released) for row in listed.rows] == [
        (shops.id, False), (plain.id, False), (asked.id, True),
    ]  # fmt: skip
    assert listed.cancel_released == 1  # the warning above "To ship"'s rows
    assert [order_row(row).cancel_released for row in listed.rows] == [False, False, True]
    chosen = OrderFilter.typed({"status": "cancel_released"})
    assert chosen == OrderFilter(cancel_released=True)
    assert OrderFilter.of_described(chosen.described()) == chosen  # the download's ticket
    assert [row.id for row in desk.page(boss, chosen, 1).rows] == [asked.id]
    assert desk.page(boss, chosen, 1).cancel_released == 0  # warned of in "To ship" only
    assert desk.page(boss, OrderFilter(), 1).cancel_released == 0

    # The customer contacted, it ships: settled, no mark, no warning.
    desk.fulfil(boss, asked.id, "dhl", "JD0001", utc_now())
    assert [row.id for row in desk.page(boss, chosen, 1).rows] == []
    assert not any(row.cancel_released for row in desk.page(boss, OrderFilter(), 1).rows)
    assert desk.page(boss, to_ship, 1).cancel_released == 0


async def test_to_ships_warning_lists_the_orders_whose_customer_asked_to_cancel(
    shop: Shop, localstripe_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page's state: "To ship" counts them, and its warning's button lists just them."""
    asked, plain = paid_order(shop, "g1"), paid_order(shop, "g2")
    refunds = commerce(shop).refunds
    assert refunds is not None
    failing = AnsweredPending(refunds._payments, localstripe_url, status="failed")
    monkeypatch.setattr(refunds, "_payments", failing)
    cancels = commerce(shop).cancels
    refused("cancel.released", lambda: cancels.cancel(asked.id, by_link(asked), utc_now()))
    set_shop(shop)
    try:
        page: Any = state_at(AdminOrdersState, team_sessions(shop).admin, {})
        await page.apply_filters({"status": "to_ship"})
        assert (page.total, page.cancel_released) == (2, 1)
        assert [(row.id, row.cancel_released) for row in page.rows] == [
            (plain.id, False), (asked.id, True),
        ]  # fmt: skip
        await page.show_cancel_released()
        assert page.filters["status"] == "cancel_released"
        assert ([row.id for row in page.rows], page.cancel_released) == ([asked.id], 0)
    finally:
        set_shop(None)
