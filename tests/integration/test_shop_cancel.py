"""The merchant cancels a paid, unshipped order from the admin, on SQLite and PostgreSQL with
localstripe: refunded in full once, canceled with its stock and discount use given back,
audited as the shop's, and the shopper mailed once that the shop canceled it; a double
click refunds once; staff stop at their refund limit; a shipped or customer-canceled order
is refused unchanged (a partly refunded one: test_partly_refunded_cancel.py); a refund
Stripe refuses gives the cancel up without a word to the shopper, and the order may ship."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest

from models.events import CancelReleased
from models.orders import OrderStatus
from models.types import utc_now
from storefront.bootstrap import Shop
from storefront.services.admin.access import AccessDenied, Permission, Staff
from storefront.services.errors import AlreadyDone, Refusal
from storefront.services.orders.customer_cancel import refund_due
from tests.integration.admin_fixtures import admin_of, staff_of, team_sessions
from tests.integration.bus_fixtures import outbox_events
from tests.integration.checkout_fixtures import VISA, checkout, commerce, paying_shop, place, scalar
from tests.integration.test_admin_refunds import AnsweredPending, rows
from tests.integration.test_customer_cancel import STOCK, by_link, mails_sent, paid_order


@pytest.fixture
def shop(database_url: str, make_shop: Callable[..., Shop], localstripe_url: str) -> Shop:
    return paying_shop(make_shop, database_url, localstripe_url)


SHOP_AUDIT = "select actor_email from admin_audit where action = 'order.shop_cancel'"
REFUNDS = "select count(*) from order_refund"


def boss(shop: Shop) -> Staff:
    return staff_of(shop, team_sessions(shop).admin, Permission.ORDERS)


def refused(code: str, call: Callable[[], object]) -> None:
    with pytest.raises(Refusal) as caught:
        call()
    assert caught.value.code == code


def test_the_shop_cancels_a_paid_order_refunded_in_full_its_stock_and_code_given_back(
    shop: Shop,
) -> None:
    assert shop.engine is not None
    with shop.engine.begin() as connection:
        connection.exec_driver_sql(
            "insert into discount_code (code, kind, value, min_subtotal_minor, used_count,"
            " usage_limit, active, created_at) values ('ONCE', 'percent', 10, 0, 0, 1, true, now())"
            if shop.engine.dialect.name == "postgresql"
            else "insert into discount_code (code, kind, value, min_subtotal_minor, used_count,"
            " usage_limit, active, created_at) values ('ONCE', 'percent', 10, 0, 0, 1, 1,"
            " datetime('now'))"
        )
    placed = place(shop, "g1", "SKU-2-0", 1, discount_code="once")
    assert checkout(shop).pay(placed.order_id, VISA).status is OrderStatus.PAID
    assert scalar(shop, "select used_count from discount_code") == 1
    assert scalar(shop, STOCK) == 49
    admin = boss(shop)
    done = admin_of(shop).orders.cancel_paid(admin, placed.order_id, utc_now())
    assert done.status is OrderStatus.CANCELED
    assert done.canceled_by_shop
    assert not done.canceled_by_customer
    assert done.refunded_minor == done.amounts.total_minor == 5_400 + done.amounts.shipping_minor
    assert rows(shop, "select reason from order_refund") == [("canceled by the shop",)]
    assert scalar(shop, STOCK) == 50
    assert scalar(shop, "select used_count from discount_code") == 0  # the code works again
    assert rows(shop, SHOP_AUDIT) == [("ada@example.com",)]
    asked = "select actor_email from admin_audit where action = 'order.shop_cancel.asked'"
    assert rows(shop, asked) == [("ada@example.com",)]
    assert mails_sent(shop) == (1, 0)
    ((body,),) = rows(shop, "select body from mail_outbox where subject like '%is canceled'")
    assert "we had to cancel" in body
    order = commerce(shop).orders.get(placed.order_id)
    assert order is not None
    assert refund_due(order) is None  # not the shopper's to cancel
    with pytest.raises(AlreadyDone):
        admin_of(shop).orders.cancel_paid(admin, placed.order_id, utc_now())
    with pytest.raises(AlreadyDone):
        commerce(shop).cancels.cancel(order.id, by_link(order), utc_now())
    assert scalar(shop, REFUNDS) == 1


def test_a_double_click_or_two_tabs_refund_once(shop: Shop) -> None:
    order = paid_order(shop)
    admin = boss(shop)
    start = threading.Barrier(4)

    def click(_: int) -> str:
        start.wait()
        try:
            admin_of(shop).orders.cancel_paid(admin, order.id, utc_now())
        except (Refusal, AlreadyDone) as refused:
            return refused.code
        return "canceled"

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(click, range(4)))
    assert "canceled" in results
    assert scalar(shop, REFUNDS) == 1
    assert scalar(shop, "select refunded_minor from sales_order") == order.amounts.total_minor
    assert scalar(shop, STOCK) == 50
    assert scalar(shop, "select count(*) from admin_audit where action = 'order.shop_cancel'") == 1
    assert mails_sent(shop) == (1, 0)


def test_staff_cancel_only_what_their_refund_limit_covers(shop: Shop) -> None:
    sessions = team_sessions(shop)
    staff = staff_of(shop, sessions.staff, Permission.ORDERS)
    small = paid_order(shop, "g1")  # 60 € and shipping, under the 100 € limit
    placed = place(shop, "g2", "SKU-2-0", 2)
    assert checkout(shop).pay(placed.order_id, VISA).status is OrderStatus.PAID
    with pytest.raises(AccessDenied) as denied:
        admin_of(shop).orders.cancel_paid(staff, placed.order_id, utc_now())
    assert denied.value.code == "admin.refund.error.over_staff_limit"
    big = commerce(shop).orders.get(placed.order_id)
    assert big is not None
    assert (big.status, big.cancel_requested_at) == (OrderStatus.PAID, None)
    # Read unpaid, it may be paid by the time it is claimed: the limit holds all the same.
    unpaid = place(shop, "g3", "SKU-2-0", 2)
    with pytest.raises(AccessDenied):
        admin_of(shop).orders.cancel_paid(staff, unpaid.order_id, utc_now())
    assert (
        admin_of(shop).orders.cancel_paid(staff, small.id, utc_now()).status is OrderStatus.CANCELED
    )
    assert scalar(shop, REFUNDS) == 1


def test_shipped_or_customer_canceled_orders_are_refused_unchanged(
    shop: Shop,
) -> None:
    session = team_sessions(shop).admin
    admin, refunder = (staff_of(shop, session, p) for p in (Permission.ORDERS, Permission.REFUND))
    desk = admin_of(shop).orders
    shipped = paid_order(shop, "g1")
    desk.fulfil(admin, shipped.id, "dhl", "JD0001", utc_now())
    refused(
        "admin.order.error.already_fulfilled",
        lambda: desk.cancel_paid(admin, shipped.id, utc_now()),
    )
    # Partly refunded is cancelable (test_partly_refunded_cancel.py); refunded in full
    # after it shipped is not, for it shipped.
    desk.refund(refunder, shipped.id, "10.00", "scratched", "key-partly-0001")
    refused(
        "admin.order.error.already_fulfilled",
        lambda: desk.cancel_paid(admin, shipped.id, utc_now()),
    )
    asked = paid_order(shop, "g3")
    assert commerce(shop).cancels._store.claim(asked.id, utc_now())  # the shopper's, under way
    refused(
        "admin.order.error.customer_canceling", lambda: desk.cancel_paid(admin, asked.id, utc_now())
    )
    # A refund sent from a page older than the shop's own cancel (claimed, its refund to come).
    ours = paid_order(shop, "g4")
    assert commerce(shop).cancels._store.claim(ours.id, utc_now(), by_shop=True)
    refused(
        "admin.refund.error.shop_canceling",
        lambda: desk.refund(refunder, ours.id, "10.00", "", "key-ours-000001"),
    )
    assert scalar(shop, REFUNDS) == 1  # the partial refund alone
    assert scalar(shop, "select count(*) from sales_order where status = 'canceled'") == 0


def test_a_refund_stripe_refuses_gives_the_cancel_up_silently_and_the_order_ships(
    shop: Shop, localstripe_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    order = paid_order(shop)
    refunds = commerce(shop).refunds
    assert refunds is not None
    failing = AnsweredPending(refunds._payments, localstripe_url, status="failed")
    monkeypatch.setattr(refunds, "_payments", failing)
    admin = boss(shop)
    desk = admin_of(shop).orders
    refused(
        "admin.order.error.cancel_refund_refused",
        lambda: desk.cancel_paid(admin, order.id, utc_now()),
    )
    detail = desk.detail(admin, order.id)
    assert detail is not None
    assert (detail.status, detail.refunded_minor) == (OrderStatus.PAID, 0)
    assert detail.shop_cancel_released
    assert not detail.shop_cancelable  # the refund form settles it now
    assert detail.shippable
    assert scalar(shop, STOCK) == 49
    assert not [e for e in outbox_events(shop) if isinstance(e, CancelReleased)]
    release_mail = commerce(shop).release_mail
    assert not release_mail.send(order.id)  # the shopper never asked: nothing to tell
    assert release_mail.catch_up(utc_now()) == (0, 0)
    audit = "select count(*) from admin_audit where action = 'order.shop_cancel.released'"
    assert scalar(shop, audit) == 1
    desk.fulfil(admin, order.id, "dhl", "JD0002", utc_now())
    assert scalar(shop, "select count(*) from sales_order where fulfilled_at is not null") == 1
