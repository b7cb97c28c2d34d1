"""An unshipped order partly refunded first, on SQLite and PostgreSQL with localstripe: the
shop and the shopper may still cancel it, refunding only what is left (its credit note, its
stock and discount use back, the mails saying what went back now and in all); two admin tabs
refund the rest once; a refund of the merchant's still pending holds both cancels off; and
an unshipped order whose refunds reach its total ends canceled in the refund's transaction,
its stock and code use back (a shipped one stays refunded, its goods gone)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest

from models.orders import OrderStatus
from models.types import utc_now
from storefront.bootstrap import Shop
from storefront.services.admin.access import Permission
from storefront.services.errors import AlreadyDone, Refusal
from storefront.services.orders.customer_cancel import refund_due
from tests.integration.admin_fixtures import admin_of, staff_of, team_sessions
from tests.integration.checkout_fixtures import VISA, checkout, commerce, paying_shop, place, scalar
from tests.integration.test_admin_refunds import AnsweredPending, rows
from tests.integration.test_customer_cancel import STOCK, by_link, mails_sent

REFUNDS = "select amount_minor from order_refund order by id"
CODE_USES = "select used_count from discount_code"
CREDIT_NOTES = "select amount_minor from credit_note order by id"


@pytest.fixture
def shop(database_url: str, make_shop: Callable[..., Shop], localstripe_url: str) -> Shop:
    return paying_shop(make_shop, database_url, localstripe_url)


def _with_code(shop: Shop) -> int:
    """A paid order of one SKU-2-0 under a one-use 10 % code; its id."""
    assert shop.engine is not None
    true, now = (
        ("true", "now()") if shop.engine.dialect.name == "postgresql" else ("1", "datetime('now')")
    )
    with shop.engine.begin() as connection:
        connection.exec_driver_sql(
            "insert into discount_code (code, kind, value, min_subtotal_minor, used_count,"
            f" usage_limit, active, created_at) values ('ONCE', 'percent', 10, 0, 0, 1, {true},"
            f" {now})"
        )
    placed = place(shop, "g1", "SKU-2-0", 1, discount_code="once")
    assert checkout(shop).pay(placed.order_id, VISA).status is OrderStatus.PAID
    assert (scalar(shop, STOCK), scalar(shop, CODE_USES)) == (49, 1)
    return placed.order_id


def _desk(shop: Shop):  # type: ignore[no-untyped-def]
    session = team_sessions(shop).admin
    admin, refunder = (staff_of(shop, session, p) for p in (Permission.ORDERS, Permission.REFUND))
    return admin_of(shop).orders, admin, refunder


def test_the_shop_cancels_a_partly_refunded_order_refunding_only_what_is_left(shop: Shop) -> None:
    order_id = _with_code(shop)
    desk, admin, refunder = _desk(shop)
    desk.refund(refunder, order_id, "10.00", "scratched", "key-partly-0001")
    assert mails_sent(shop) == (0, 1)  # the shopper told of the €10.00
    detail = desk.detail(admin, order_id)
    assert detail is not None
    total = detail.amounts.total_minor
    assert (detail.status, detail.refunded_minor) == (OrderStatus.PARTIALLY_REFUNDED, 1_000)
    assert detail.shop_cancelable  # "Cancel and refund" stays offered (QA: it disappeared)
    assert desk.paid_cancel_offer(admin, detail) == "offered"
    done = desk.cancel_paid(admin, order_id, utc_now())
    assert (done.status, done.refunded_minor) == (OrderStatus.CANCELED, total)
    assert rows(shop, REFUNDS) == [(1_000,), (total - 1_000,)]  # never more than was paid
    assert rows(shop, CREDIT_NOTES) == [(1_000,), (total - 1_000,)]  # one for the remainder
    assert (scalar(shop, STOCK), scalar(shop, CODE_USES)) == (50, 0)
    asked = """select "after" from admin_audit where action = 'order.shop_cancel.asked'"""
    ((after,),) = rows(shop, asked)
    assert f'"refund_minor": {total - 1_000}' in after
    # The refund's mail for the €10.00, then the cancel's, saying the rest and the total.
    assert mails_sent(shop) == (1, 1)
    ((body,),) = rows(shop, "select body from mail_outbox where subject like '%is canceled'")
    rest = f"€{(total - 1_000) // 100}.{(total - 1_000) % 100:02d}"
    whole = f"€{total // 100}.{total % 100:02d}"
    assert f"we had to cancel order {done.reference}, and {rest} was refunded" in body
    assert f"In all, {whole} of the {whole} you paid has been refunded." in body
    with pytest.raises(AlreadyDone):
        desk.cancel_paid(admin, order_id, utc_now())
    assert len(rows(shop, REFUNDS)) == 2


def test_the_shopper_cancels_a_partly_refunded_order_by_its_link(shop: Shop) -> None:
    order_id = _with_code(shop)
    desk, _, refunder = _desk(shop)
    desk.refund(refunder, order_id, "10.00", "", "key-partly-0002")
    assert mails_sent(shop) == (0, 1)  # the shopper told of the €10.00
    order = commerce(shop).orders.get(order_id)
    assert order is not None
    total = order.amounts.total_minor
    assert refund_due(order) == total - 1_000  # what its page offers to refund
    done = commerce(shop).cancels.cancel(order_id, by_link(order), utc_now())
    assert (done.status, done.refunded_minor) == (OrderStatus.CANCELED, total)
    assert rows(shop, REFUNDS) == [(1_000,), (total - 1_000,)]
    assert (scalar(shop, STOCK), scalar(shop, CODE_USES)) == (50, 0)
    assert scalar(shop, "select count(*) from admin_audit where action = 'order.customer_cancel'")
    assert mails_sent(shop) == (1, 1)
    ((body,),) = rows(shop, "select body from mail_outbox where subject like '%is canceled'")
    assert "As you asked" in body
    assert "In all," in body


def test_two_admin_tabs_cancel_a_partly_refunded_order_once(shop: Shop) -> None:
    order_id = _with_code(shop)
    desk, admin, refunder = _desk(shop)
    desk.refund(refunder, order_id, "10.00", "", "key-partly-0003")
    start = threading.Barrier(3)

    def click(_: int) -> str:
        start.wait()
        try:
            desk.cancel_paid(admin, order_id, utc_now())
        except (Refusal, AlreadyDone) as refused:
            return refused.code
        return "canceled"

    with ThreadPoolExecutor(max_workers=3) as pool:
        results = list(pool.map(click, range(3)))
    assert "canceled" in results
    total = scalar(shop, "select total_minor from sales_order")
    assert rows(shop, REFUNDS) == [(1_000,), (total - 1_000,)]
    assert scalar(shop, "select refunded_minor from sales_order") == total
    assert (scalar(shop, STOCK), scalar(shop, CODE_USES)) == (50, 0)
    assert scalar(shop, "select count(*) from admin_audit where action = 'order.shop_cancel'") == 1


def test_a_merchants_refund_still_pending_holds_both_cancels_off_unchanged(
    shop: Shop, localstripe_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    order_id = _with_code(shop)
    desk, admin, refunder = _desk(shop)
    refunds = commerce(shop).refunds
    assert refunds is not None
    gateway = refunds._payments
    monkeypatch.setattr(refunds, "_payments", AnsweredPending(gateway, localstripe_url))
    assert desk.refund(refunder, order_id, "10.00", "", "key-pending-001").status == "pending"
    monkeypatch.setattr(refunds, "_payments", gateway)
    detail = desk.detail(admin, order_id)
    assert detail is not None
    assert not detail.shop_cancelable
    with pytest.raises(Refusal) as caught:
        desk.cancel_paid(admin, order_id, utc_now())
    assert caught.value.code == "admin.order.error.refund_pending"
    order = commerce(shop).orders.get(order_id)
    assert order is not None
    with pytest.raises(Refusal) as caught:
        commerce(shop).cancels.cancel(order_id, by_link(order), utc_now())
    assert caught.value.code == "cancel.error.busy"
    again = commerce(shop).orders.get(order_id)
    assert again is not None
    assert (again.status, again.cancel_requested_at, again.refunded_minor) == (
        OrderStatus.PAID,
        None,
        0,
    )
    assert rows(shop, REFUNDS) == [(1_000,)]
    assert scalar(shop, STOCK) == 49


def test_refunding_the_rest_of_an_unshipped_order_cancels_it_and_gives_back_stock_and_code(
    shop: Shop,
) -> None:
    order_id = _with_code(shop)
    desk, admin, refunder = _desk(shop)
    desk.refund(refunder, order_id, "10.00", "", "key-close-00001")
    assert mails_sent(shop) == (0, 1)  # the shopper told of the €10.00
    detail = desk.detail(admin, order_id)
    assert detail is not None
    rest = detail.refundable_minor
    amount = f"{rest // 100}.{rest % 100:02d}"
    desk.refund(refunder, order_id, amount, "", "key-close-00002")
    after = desk.detail(admin, order_id)
    assert after is not None
    assert (after.status, after.refunded_minor) == (
        OrderStatus.CANCELED,
        detail.amounts.total_minor,
    )
    assert after.refundable_minor == 0
    assert not after.shippable
    assert not after.shop_cancelable
    assert (scalar(shop, STOCK), scalar(shop, CODE_USES)) == (50, 0)
    close = "select actor_email from admin_audit where action = 'order.refund_close'"
    assert rows(shop, close) == [("refunds",)]
    with pytest.raises(Refusal):  # nothing more to refund
        desk.refund(refunder, order_id, "0.01", "", "key-close-00003")
    assert mails_sent(shop) == (0, 2)
    last = "select body from mail_outbox where subject like 'A refund%' order by id desc"
    body = rows(shop, last)[0][0]
    assert f"We have refunded €{amount} of your order" in body
    assert "the order is now canceled: it will not be sent." in body


def test_a_shipped_order_refunded_in_full_stays_refunded_its_goods_gone(shop: Shop) -> None:
    order_id = _with_code(shop)
    desk, admin, refunder = _desk(shop)
    desk.fulfil(admin, order_id, "dhl", "JD0001", utc_now())
    detail = desk.detail(admin, order_id)
    assert detail is not None
    total = detail.amounts.total_minor
    desk.refund(refunder, order_id, f"{total // 100}.{total % 100:02d}", "", "key-shipped-001")
    after = desk.detail(admin, order_id)
    assert after is not None
    assert after.status is OrderStatus.REFUNDED
    assert (scalar(shop, STOCK), scalar(shop, CODE_USES)) == (49, 1)
    assert scalar(shop, "select count(*) from admin_audit where action = 'order.refund_close'") == 0
