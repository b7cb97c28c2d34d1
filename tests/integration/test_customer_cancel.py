"""The shopper's own cancel on SQLite and PostgreSQL, refunded through localstripe: a paid
order is refunded in full once and canceled with its stock back (events, audit, one mail:
the refund's, told as the cancel); a shipment racing the cancel ends in one of the two,
never shipped and refunded; a double click or two tabs cancel once and refund once. The
refused refund and the merchant's release are in test_customer_cancel_release.py."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from sqlalchemy import text

from models.events import OrderRefunded
from models.orders import OrderStatus
from models.types import utc_now
from storefront.bootstrap import Shop
from storefront.services.errors import Refusal
from storefront.services.orders.customer_cancel import Asker
from storefront.services.orders.ports import OrderRecord
from storefront.services.orders.viewing import order_history
from storefront.subscriptions import ORDER_MAIL, consumer_groups
from tests.integration.admin_fixtures import admin_of, sign_up, staff_of, team_sessions
from tests.integration.bus_fixtures import outbox_events
from tests.integration.checkout_fixtures import VISA, checkout, commerce, paying_shop, place, scalar
from tests.integration.test_admin_refunds import AnsweredPending
from tests.localstripe import move_refund


@pytest.fixture
def shop(database_url: str, make_shop: Callable[..., Shop], localstripe_url: str) -> Shop:
    return paying_shop(make_shop, database_url, localstripe_url)


STOCK = "select stock from variant where sku = 'SKU-2-0'"
CHANGED = "select count(*) from outbox_message where event_type = 'ProductChanged'"
CANCEL_AUDIT = "select count(*) from admin_audit where action = 'order.customer_cancel'"
CANCEL_MAILS = "select count(*) from mail_outbox where subject like '%is canceled'"
REFUND_MAILS = "select count(*) from mail_outbox where subject like 'A refund%'"


def mails_sent(shop: Shop) -> tuple[int, int]:
    """(cancel mails, refund mails) once the order-mail consumers had every OrderRefunded
    event, each twice (the bus delivers more than once)."""
    events = [e for e in outbox_events(shop) if isinstance(e, OrderRefunded)]
    for handle in consumer_groups(shop)[ORDER_MAIL][OrderRefunded] if events else []:
        handle(events + events)
    return scalar(shop, CANCEL_MAILS), scalar(shop, REFUND_MAILS)


def paid_order(shop: Shop, guest: str = "g1") -> OrderRecord:
    placed = place(shop, guest, "SKU-2-0", 1)
    assert checkout(shop).pay(placed.order_id, VISA).status is OrderStatus.PAID
    order = commerce(shop).orders.get(placed.order_id)
    assert order is not None
    return order


def by_link(order: OrderRecord) -> Asker:
    return Asker(None, key=order.access_key, email=order.email)


def test_a_paid_order_is_refunded_in_full_canceled_and_its_stock_given_back(shop: Shop) -> None:
    order = paid_order(shop)
    assert scalar(shop, STOCK) == 49
    changed_before = scalar(shop, CHANGED)
    done = commerce(shop).cancels.cancel(order.id, by_link(order), utc_now())
    assert done.status is OrderStatus.CANCELED
    assert done.refunded_minor == order.amounts.total_minor
    assert scalar(shop, "select count(*) from order_refund where status = 'succeeded'") == 1
    assert scalar(shop, STOCK) == 50
    assert scalar(shop, CHANGED) > changed_before  # the bus, the cache and restock alerts
    assert scalar(shop, CANCEL_AUDIT) == 1
    assert mails_sent(shop) == (1, 0)
    detail = admin_of(shop).orders.detail(staff_of(shop, team_sessions(shop).admin), order.id)
    assert detail is not None
    assert detail.status is OrderStatus.CANCELED
    assert detail.canceled_by_customer


def test_an_unpaid_order_is_canceled_its_intent_and_hold_released(shop: Shop) -> None:
    placed = place(shop, "g2", "SKU-2-0", 2)
    order = commerce(shop).orders.get(placed.order_id)
    assert order is not None
    assert scalar(shop, STOCK) == 48
    done = commerce(shop).cancels.cancel(order.id, by_link(order), utc_now())
    assert done.status is OrderStatus.CANCELED
    assert scalar(shop, STOCK) == 50
    assert scalar(shop, "select count(*) from order_refund") == 0
    assert mails_sent(shop) == (1, 0)  # the cancel's own: nothing was refunded
    boss = staff_of(shop, team_sessions(shop).admin)
    detail = admin_of(shop).orders.detail(boss, order.id)
    assert detail is not None
    assert detail.canceled_by_customer


def test_a_shipped_order_is_refused_and_left_as_it_is(shop: Shop) -> None:
    order = paid_order(shop)
    boss = staff_of(shop, team_sessions(shop).admin)
    admin_of(shop).orders.fulfil(boss, order.id, "dhl", "JD0001", utc_now())
    with pytest.raises(Refusal) as refused:
        commerce(shop).cancels.cancel(order.id, by_link(order), utc_now())
    assert refused.value.code == "cancel.error.shipped"
    assert scalar(shop, "select count(*) from order_refund") == 0
    assert scalar(shop, STOCK) == 49


def test_a_shipment_racing_the_cancel_ends_in_one_of_the_two(shop: Shop) -> None:
    boss = staff_of(shop, team_sessions(shop).admin)
    for round_ in range(3):
        order = paid_order(shop, f"race{round_}")
        start = threading.Barrier(2)

        def ship(order: OrderRecord = order, start: threading.Barrier = start) -> str:
            start.wait()
            try:
                admin_of(shop).orders.fulfil(boss, order.id, "dhl", f"JD{order.id:04d}", utc_now())
            except Refusal:
                return "refused"
            return "shipped"

        def cancel(order: OrderRecord = order, start: threading.Barrier = start) -> str:
            start.wait()
            try:
                commerce(shop).cancels.cancel(order.id, by_link(order), utc_now())
            except Refusal:
                return "refused"
            return "canceled"

        with ThreadPoolExecutor(max_workers=2) as pool:
            shipped, canceled = pool.submit(ship), pool.submit(cancel)
            outcome = {shipped.result(), canceled.result()}
        assert outcome in ({"shipped", "refused"}, {"canceled", "refused"})
        params = {"id": order.id}
        left = scalar(
            shop,
            "select count(*) from sales_order where id = :id and fulfilled_at is not null",
            **params,
        )
        refunded = scalar(shop, "select refunded_minor from sales_order where id = :id", **params)
        assert (left, refunded) in ((1, 0), (0, order.amounts.total_minor))
        assert ("shipped" in outcome) == (left == 1)
        if "canceled" in outcome:  # the merchant trying again is told why
            with pytest.raises(Refusal) as refused:
                admin_of(shop).orders.fulfil(boss, order.id, "dhl", "JD9999", utc_now())
            assert refused.value.code == "admin.order.error.customer_canceled"


def test_a_double_click_or_two_tabs_cancel_once_and_refund_once(shop: Shop) -> None:
    order = paid_order(shop)
    start = threading.Barrier(4)

    def click(_: int) -> str:
        start.wait()
        try:
            commerce(shop).cancels.cancel(order.id, by_link(order), utc_now())
        except Refusal as refused:
            return refused.code
        return "canceled"

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(click, range(4)))
    assert "canceled" in results
    assert scalar(shop, "select count(*) from order_refund") == 1
    assert scalar(shop, "select refunded_minor from sales_order") == order.amounts.total_minor
    assert scalar(shop, STOCK) == 50
    assert scalar(shop, CANCEL_AUDIT) == 1
    assert mails_sent(shop) == (1, 0)


def test_the_owner_signed_in_cancels_and_still_finds_it_in_their_orders(shop: Shop) -> None:
    sign_up(shop, "owner@example.com")
    account_id = scalar(shop, "select id from account where email = 'owner@example.com'")
    order = paid_order(shop)
    unpaid = place(shop, "g3", "SKU-2-0", 1)  # an attempt abandoned: not an order to them
    assert shop.engine is not None
    with shop.engine.begin() as connection:  # placed as guests, made the account's
        connection.execute(
            text("update sales_order set account_id = :a where id in (:o, :u)"),
            {"a": account_id, "o": order.id, "u": unpaid.order_id},
        )
    commerce(shop).orders.move(unpaid.order_id, OrderStatus.CANCELED)
    done = commerce(shop).cancels.cancel(order.id, Asker(account_id), utc_now())  # no email asked
    assert done.status is OrderStatus.CANCELED
    history = order_history(commerce(shop).orders, account_id)
    assert [(o.id, o.status) for o in history] == [(order.id, OrderStatus.CANCELED)]
    with pytest.raises(Refusal) as refused:  # another account may not
        commerce(shop).cancels.cancel(order.id, Asker(account_id + 1), utc_now())
    assert refused.value.code == "cancel.error.not_allowed"


def test_a_refund_stripe_held_pending_is_finished_once_the_reconciliation_settles_it(
    shop: Shop, localstripe_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    order = paid_order(shop)
    refunds, reconciliation = commerce(shop).refunds, commerce(shop).reconciliation
    assert refunds is not None
    assert reconciliation is not None
    monkeypatch.setattr(refunds, "_payments", AnsweredPending(refunds._payments, localstripe_url))
    cancels = commerce(shop).cancels
    with pytest.raises(Refusal) as refused:
        cancels.cancel(order.id, by_link(order), utc_now())
    assert refused.value.code == "cancel.error.pending"
    assert scalar(shop, STOCK) == 49  # paid and claimed: not shipped, not canceled yet
    assert cancels.finish_settled(utc_now()) == 0
    (refund_id,) = [r.id for r in refunds._payments.refunds_of(str(order.payment_intent_id))]
    move_refund(localstripe_url, refund_id, "succeeded")
    later = utc_now() + timedelta(minutes=11)
    reconciliation.reconcile(later, timedelta(minutes=10), timedelta(minutes=15))
    assert cancels.finish_settled(later) == 1
    assert cancels.finish_settled(later) == 0
    assert scalar(shop, "select count(*) from sales_order where status = 'canceled'") == 1
    assert scalar(shop, STOCK) == 50
    assert mails_sent(shop) == (1, 0)


def test_a_claim_whose_refund_never_started_is_finished_by_the_reconciliation(shop: Shop) -> None:
    order = paid_order(shop)
    cancels = commerce(shop).cancels
    assert cancels._store.claim(order.id, utc_now())  # the call died right after its claim
    assert cancels.finish_settled(utc_now()) == 0  # a live cancel may still be under way
    assert scalar(shop, STOCK) == 49
    later = utc_now() + timedelta(minutes=11)
    assert cancels.finish_settled(later) == 1
    assert cancels.finish_settled(later) == 0
    assert scalar(shop, "select count(*) from sales_order where status = 'canceled'") == 1
    assert scalar(shop, "select count(*) from order_refund where status = 'succeeded'") == 1
    assert scalar(shop, STOCK) == 50
    assert scalar(shop, CANCEL_AUDIT) == 1
    assert mails_sent(shop) == (1, 0)
