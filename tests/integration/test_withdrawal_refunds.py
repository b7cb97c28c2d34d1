"""A withdrawal's refund on SQLite and PostgreSQL, refunded through localstripe from the admin's
order page (state/admin/order_withdrawals.py, services/orders/withdrawal_refunds.py): each
statement records what its goods owe (the price paid less their share of the code); the
refund form offers that, not what the goods kept cost too; refunds made since settle the
statements oldest first and the page then says what was refunded and when; the orders filter
"Withdrawal to refund" lists the order exactly while one is owed, as the page finds it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from models.orders import OrderStatus
from models.types import utc_now
from state.admin.order_withdrawals import AdminOrderWithdrawalsState
from state.admin.orders import AdminOrderState
from storefront.adapters.sql_admin_orders import SqlAdminOrders
from storefront.bootstrap import Shop, set_shop
from storefront.i18n_format import format_date
from storefront.services.admin.order_views import OrderFilter
from storefront.services.checkout.discounts import create_discount, new_discount
from storefront.services.orders.withdrawal import REFUND_WITHIN, Draft
from tests.integration.admin_fixtures import admin_of, staff_of, team_sessions
from tests.integration.checkout_fixtures import commerce, paying_shop
from tests.integration.test_admin_authorization import state_at
from tests.integration.test_withdrawal import shipped_order

OWED = OrderFilter(withdrawal_owed=True)
WITHDRAWN = OrderFilter(withdrawn=True)


@pytest.fixture
def shop(database_url: str, make_shop: Callable[..., Shop], localstripe_url: str) -> Shop:
    shop = paying_shop(make_shop, database_url, localstripe_url)
    assert shop.commerce is not None
    create_discount(shop.commerce.discounts, new_discount("TEN", kind="percent", value=10))
    return shop


def shipped_with_code(shop: Shop) -> tuple[int, int, int]:
    """One 60.00 product and two 20.00 ones less 10 %: 90.00, delivered free, shipped. The
    order's id and the positions of its 60.00 line and its 20.00 line."""
    order = shipped_order(shop, discount_code="ten")
    assert (order.amounts.total_minor, order.amounts.shipping_minor) == (9_000, 0)
    skus = [line.sku for line in order.lines]
    return order.id, skus.index("SKU-2-0"), skus.index("SKU-1-0")


def listed(shop: Shop) -> tuple[int, int, list[tuple[bool, bool]]]:
    """How many orders each withdrawal filter lists, and the list's marks (withdrawn, owed)."""
    assert shop.engine is not None
    admin = SqlAdminOrders(shop.engine)
    marks = [(r.withdrawn, r.withdrawal_owed) for r in admin.rows(OrderFilter(), 0, 10)]
    return admin.count(OWED), admin.count(WITHDRAWN), marks


async def test_a_withdrawal_is_owed_until_refunds_since_cover_it_then_says_when(
    shop: Shop,
) -> None:
    order_id, headphones, chairs = shipped_with_code(shop)
    assert order_id == 1  # the page's path ends in 1 (state_at)
    sessions = team_sessions(shop)
    boss = staff_of(shop, sessions.admin)
    desk = admin_of(shop).orders
    # A goodwill refund before any withdrawal (a scratch): not a refund of its goods.
    desk.refund(boss, order_id, "5.00", "scratched", "a" * 24)
    withdrawals = commerce(shop).withdrawals
    now = utc_now()
    withdrawals.withdraw(order_id, Draft("Gita", "g@example.com", {headphones: 1}), "k1", now)
    assert [s.value_minor for s in withdrawals.statements(order_id)] == [5_400]
    assert listed(shop) == (1, 1, [(True, True)])
    set_shop(shop)
    try:
        page: Any = state_at(AdminOrderState, sessions.admin, {})
        await page.load_page()
        shown: Any = await page.get_state(AdminOrderWithdrawalsState)
        zone = shop.settings.zone
        due_by = format_date("en", (now + REFUND_WITHIN).astimezone(zone).date())
        assert [r.refund["en"] for r in shown.statements] == [
            f"Refund due by {due_by}: €54.00 for these goods, once they are back "
            "(the refund below)."
        ]
        assert shown.owed
        # QA: the form offered all that is left (85.00), the chairs kept with it.
        assert (page.order.refundable_minor, page.refund_default_text) == (8_500, "54.00")
        await page.ask_refund({"amount": page.refund_default_text, "reason": "", "key": "b" * 24})
        await page.refund()
        assert page.order.refunded_minor == 500 + 5_400
        today = format_date("en", utc_now().astimezone(zone).date())
        assert [r.refund["en"] for r in shown.statements] == [f"Refunded €54.00 on {today}."]
        assert not shown.owed
        assert page.refund_default_text == "31.00"  # none owed: all that is left, as before
        assert listed(shop) == (0, 1, [(True, False)])

        # The two chairs too, the whole order now: 36.00, but only 31.00 is left to refund.
        draft = Draft("Gita", "g@example.com", {chairs: 2})
        withdrawals.withdraw(order_id, draft, "k2", utc_now())
        assert [s.value_minor for s in withdrawals.statements(order_id)] == [5_400, 3_600]
        assert listed(shop) == (1, 1, [(True, True)])
        await page.load_page()
        assert [r.owed for r in shown.statements] == [False, True]
        assert "€31.00 for these goods" in shown.statements[1].refund["en"]
        assert page.refund_default_text == "31.00"
        await page.ask_refund({"amount": "31.00", "reason": "", "key": "c" * 24})
        await page.refund()
        assert page.order.status == OrderStatus.REFUNDED.value
        assert [r.refund["en"] for r in shown.statements] == [
            f"Refunded €54.00 on {today}.",
            f"Refunded €31.00 on {today}.",
        ]
        assert listed(shop) == (0, 1, [(True, False)])
    finally:
        set_shop(None)


def test_a_refund_between_two_statements_is_the_first_ones_only(shop: Shop) -> None:
    """The filter's sums agree with the page's allocation: 54.00 refunded after the first
    statement and before the second leaves nothing of it for the second."""
    order_id, headphones, chairs = shipped_with_code(shop)
    boss = staff_of(shop, team_sessions(shop).admin)
    withdrawals = commerce(shop).withdrawals
    withdrawals.withdraw(order_id, Draft("Gita", "g@example.com", {headphones: 1}), "k1", utc_now())
    admin_of(shop).orders.refund(boss, order_id, "60.00", "", "a" * 24)  # 6.00 too many
    assert listed(shop)[0] == 0
    withdrawals.withdraw(order_id, Draft("Gita", "g@example.com", {chairs: 1}), "k2", utc_now())
    assert listed(shop)[0] == 1  # the 6.00 came before it: 18.00 owed
    detail = admin_of(shop).orders.detail(boss, order_id)
    settled = [s for _, s in withdrawals.settlements(detail)]
    assert [(s.refunded_minor, s.due_minor) for s in settled] == [(5_400, 0), (0, 1_800)]
    # The shopper's page reads the same from the order's record and its refunds.
    order = commerce(shop).orders.get(order_id)
    assert order is not None
    assert [s for _, s in withdrawals.owed(order)] == settled
    assert withdrawals.marks([order]) == {order_id: "partial"}
