"""Signed refund events on real databases and localstripe: a refund of ours that Stripe holds
pending is settled by the event of its outcome, and one that fails after it went through (a
closed card) turns the order back, once, whatever order the events come in."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from models.orders import OrderStatus
from models.types import utc_now
from state.admin.order_view import order_view
from storefront.api import routes
from storefront.api.routes import build_api
from storefront.bootstrap import Shop, set_shop
from storefront.services.errors import AlreadyDone, Refusal
from storefront.services.orders.refunds import Refunds
from tests.integration.admin_fixtures import admin_of, staff_of, team_sessions
from tests.integration.checkout_fixtures import commerce, paying_shop, scalar
from tests.integration.test_admin_refunds import AnsweredPending
from tests.integration.test_customer_cancel import CANCEL_AUDIT, by_link, paid_order
from tests.integration.test_stripe_webhook import (
    REFUND_ROWS,
    SUCCEEDED,
    order_of,
    outcome,
    paid_at_provider,
    rows,
)
from tests.localstripe import event, move_refund

FAILED_EVENTS = "select count(*) from outbox_message where event_type = 'RefundFailed'"
REFUNDED_EVENTS = "select count(*) from outbox_message where event_type = 'OrderRefunded'"


@pytest.fixture
def shop(
    database_url: str,
    make_shop: Callable[..., Shop],
    localstripe_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Shop]:
    shop = paying_shop(make_shop, database_url, localstripe_url)
    monkeypatch.setattr(routes, "get_settings", lambda: shop.settings)  # its media folder
    set_shop(shop)
    yield shop
    set_shop(None)


@pytest.fixture
def client(shop: Shop) -> TestClient:
    return TestClient(build_api())


def paid(shop: Shop, client: TestClient, localstripe: str) -> tuple[int, str, Refunds]:
    order_id, intent = paid_at_provider(shop, localstripe, "g1")
    assert outcome(client, event("evt_paid", SUCCEEDED, intent)) == "applied"
    refunds = commerce(shop).refunds
    assert refunds is not None
    return order_id, str(intent["id"]), refunds


def refund_event(event_id: str, kind: str, refund: dict[str, Any]) -> dict[str, Any]:
    return event(event_id, kind, refund)


def test_a_refund_of_ours_pending_at_stripe_is_settled_by_the_event_of_its_outcome(
    shop: Shop, client: TestClient, localstripe_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    order_id, _, refunds = paid(shop, client, localstripe_url)
    monkeypatch.setattr(refunds, "_payments", AnsweredPending(refunds._payments, localstripe_url))
    slow = refunds.refund(order_id, 1_000, "s" * 24)
    lost = refunds.refund(order_id, 500, "l" * 24)
    assert (slow.status, lost.status) == ("pending", "pending")
    assert order_of(shop, order_id).refunded_minor == 0

    went = move_refund(localstripe_url, slow.provider_refund_id, "succeeded")
    assert outcome(client, refund_event("evt_went", "charge.refund.updated", went)) == "applied"
    order = order_of(shop, order_id)
    assert (order.status, order.refunded_minor) == (OrderStatus.PARTIALLY_REFUNDED, 1_000)

    failed = move_refund(localstripe_url, lost.provider_refund_id, "failed")
    assert outcome(client, refund_event("evt_lost", "refund.failed", failed)) == "applied"
    assert rows(shop, REFUND_ROWS) == [
        (1_000, "succeeded", slow.provider_refund_id, "s" * 24),
        (500, "failed", lost.provider_refund_id, "l" * 24),
    ]
    order = order_of(shop, order_id)
    assert (order.status, order.refunded_minor) == (OrderStatus.PARTIALLY_REFUNDED, 1_000)
    assert scalar(shop, FAILED_EVENTS) == 0  # it never went through: nothing to take back


def test_a_refund_failing_after_it_went_through_turns_the_order_back_once(
    shop: Shop, client: TestClient, localstripe_url: str
) -> None:
    order_id, _, refunds = paid(shop, client, localstripe_url)
    # Shipped first: unshipped, refunded in full, it would end canceled, and a failed
    # refund takes a canceled order's total down, not its status (test_refund_store).
    staff = staff_of(shop, team_sessions(shop).admin)
    admin_of(shop).orders.fulfil(staff, order_id, "ups", "1Z999AA1", utc_now())
    total = order_of(shop, order_id).amounts.total_minor
    done = refunds.refund(order_id, total, "c" * 24)
    order = order_of(shop, order_id)
    assert (order.status, order.refunded_minor) == (OrderStatus.REFUNDED, total)
    went = move_refund(localstripe_url, done.provider_refund_id, "succeeded")

    # The card was closed: Stripe marks the refund failed and gives the money back to the shop.
    failed = move_refund(localstripe_url, done.provider_refund_id, "failed")
    assert outcome(client, refund_event("evt_failed", "refund.failed", failed)) == "applied"
    order = order_of(shop, order_id)
    assert (order.status, order.refunded_minor) == (OrderStatus.FULFILLED, 0)
    assert rows(shop, "select status, reversed, failed_at is not null from order_refund") == [
        ("failed", True, True)
    ]
    assert scalar(shop, FAILED_EVENTS) == 1

    # The same event again, and the success told before it arriving last: nothing moves.
    assert outcome(client, refund_event("evt_failed", "refund.failed", failed)) == "duplicate"
    late = refund_event("evt_went", "charge.refund.updated", went)
    assert outcome(client, late) == "unchanged"
    order = order_of(shop, order_id)
    assert (order.status, order.refunded_minor) == (OrderStatus.FULFILLED, 0)
    assert scalar(shop, FAILED_EVENTS) == 1
    # The merchant is told, on the order's page.
    detail = admin_of(shop).orders.detail(staff, order_id)
    assert detail is not None
    shown = order_view(detail)
    assert shown.refund_reversed
    assert [(r.status, r.reversed, r.failed_at != "") for r in shown.refunds] == [
        ("failed", True, True)
    ]
    assert detail.refundable_minor == total
    # The money is the shop's again: the whole order may be refunded (another way, or again).
    assert refunds.refund(order_id, total, "d" * 24).status == "succeeded"


STOCK_ROWS = "select sku, stock from variant order by sku"
HOLDS = "select holder, sku, quantity, status from stock_reservation order by id"
CLOSES = "select count(*) from admin_audit where action = 'order.refund_close'"


def major(amount_minor: int) -> str:
    return f"{amount_minor // 100}.{amount_minor % 100:02d}"


def test_an_order_its_refund_canceled_is_refunded_again_from_the_admin_once_that_refund_fails(
    shop: Shop, client: TestClient, localstripe_url: str
) -> None:
    """Unshipped and refunded in full, the order ended canceled, its stock back. The refund
    then fails (a closed card): the order stays canceled, its stock is not given back twice,
    and the admin's page says the refund failed and takes a new refund of what is owed."""
    order_id, _, _ = paid(shop, client, localstripe_url)
    staff = staff_of(shop, team_sessions(shop).admin)
    desk = admin_of(shop).orders
    total = order_of(shop, order_id).amounts.total_minor
    done = desk.refund(staff, order_id, major(total), "", "a" * 24)
    assert (order_of(shop, order_id).status, order_of(shop, order_id).refunded_minor) == (
        OrderStatus.CANCELED,
        total,
    )
    stock, holds = rows(shop, STOCK_ROWS), rows(shop, HOLDS)

    move_refund(localstripe_url, done.provider_refund_id, "succeeded")
    failed = move_refund(localstripe_url, done.provider_refund_id, "failed")
    assert outcome(client, refund_event("evt_failed", "refund.failed", failed)) == "applied"
    order = order_of(shop, order_id)
    assert (order.status, order.refunded_minor) == (OrderStatus.CANCELED, 0)
    assert (rows(shop, STOCK_ROWS), rows(shop, HOLDS)) == (stock, holds)
    detail = desk.detail(staff, order_id)
    assert detail is not None
    shown = order_view(detail)
    # Its own alert (refund_owed), not the shipped order's: refund it again, here.
    assert (shown.refund_reversed, shown.refund_owed, shown.refundable_minor) == (
        False,
        True,
        total,
    )
    assert [(r.status, r.reversed) for r in shown.refunds] == [("failed", True)]

    again = desk.refund(staff, order_id, major(total), "", "b" * 24)
    assert again.status == "succeeded"
    order = order_of(shop, order_id)
    assert (order.status, order.refunded_minor) == (OrderStatus.CANCELED, total)
    assert (rows(shop, STOCK_ROWS), rows(shop, HOLDS)) == (stock, holds)
    assert scalar(shop, CLOSES) == 1
    detail = desk.detail(staff, order_id)
    assert detail is not None
    assert (detail.refundable_minor, order_view(detail).refund_owed) == (0, False)
    assert rows(shop, REFUND_ROWS) == [
        (total, "failed", done.provider_refund_id, "a" * 24),
        (total, "succeeded", again.provider_refund_id, "b" * 24),
    ]
    # The shopper is mailed each rise of the refunded total: the first refund, and this one.
    assert scalar(shop, REFUNDED_EVENTS) == 2
    # Nothing more is owed: a further refund is refused, and nothing changes.
    with pytest.raises(Refusal) as over:
        desk.refund(staff, order_id, "0.01", "", "c" * 24)
    assert over.value.code == "admin.refund.error.over_left"
    assert len(rows(shop, REFUND_ROWS)) == 2


def test_a_customer_cancel_whose_refund_fails_later_leaves_no_claim_in_the_way_of_a_new_refund(
    shop: Shop, client: TestClient, localstripe_url: str
) -> None:
    """The cancel's claim stays on the canceled order (the admin's "Canceled by the
    customer"), but its refund failing after it went through must not leave it standing as
    a cancel under way: the admin refunds the order again, which stays canceled."""
    order = paid_order(shop)
    cancels = commerce(shop).cancels
    assert cancels.cancel(order.id, by_link(order), utc_now()).status is OrderStatus.CANCELED
    stock, holds = rows(shop, STOCK_ROWS), rows(shop, HOLDS)
    ((refund_id,),) = rows(shop, "select provider_refund_id from order_refund")
    failed = move_refund(localstripe_url, refund_id, "failed")
    assert outcome(client, refund_event("evt_cancel_failed", "refund.failed", failed)) == "applied"
    now = order_of(shop, order.id)
    assert (now.status, now.refunded_minor) == (OrderStatus.CANCELED, 0)
    staff = staff_of(shop, team_sessions(shop).admin)
    desk = admin_of(shop).orders
    detail = desk.detail(staff, order.id)
    assert detail is not None
    total = order.amounts.total_minor
    assert (detail.customer_canceling, detail.refundable_minor) == (False, total)
    assert (order_view(detail).canceled_by_customer, order_view(detail).refund_owed) == (
        True,
        True,
    )

    assert desk.refund(staff, order.id, major(total), "", "n" * 24).status == "succeeded"
    now = order_of(shop, order.id)
    assert (now.status, now.refunded_minor) == (OrderStatus.CANCELED, total)
    assert (rows(shop, STOCK_ROWS), rows(shop, HOLDS)) == (stock, holds)
    assert scalar(shop, CLOSES) + scalar(shop, CANCEL_AUDIT) == 1  # closed once, by the cancel
    with pytest.raises(AlreadyDone):
        cancels.cancel(order.id, by_link(order), utc_now())


def test_a_cancel_whose_refund_went_through_then_failed_before_it_closed_is_released(
    shop: Shop, client: TestClient, localstripe_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stripe held the cancel's refund pending, then it went through (the order refunded and
    still claimed, the cancel to be finished), then it failed: the order is back to paid,
    and its claim, whose refund failed, is released, not left standing: the merchant may
    ship it or refund it, the order's page says the cancel failed."""
    order = paid_order(shop)
    refunds, cancels = commerce(shop).refunds, commerce(shop).cancels
    assert refunds is not None
    monkeypatch.setattr(refunds, "_payments", AnsweredPending(refunds._payments, localstripe_url))
    with pytest.raises(Refusal) as pending:
        cancels.cancel(order.id, by_link(order), utc_now())
    assert pending.value.code == "cancel.error.pending"
    ((refund_id,),) = rows(shop, "select provider_refund_id from order_refund")
    went = move_refund(localstripe_url, refund_id, "succeeded")
    assert outcome(client, refund_event("evt_went", "charge.refund.updated", went)) == "applied"
    now = order_of(shop, order.id)
    assert (now.status, now.cancel_requested_at is not None) == (OrderStatus.REFUNDED, True)
    failed = move_refund(localstripe_url, refund_id, "failed")
    assert outcome(client, refund_event("evt_lost", "refund.failed", failed)) == "applied"
    now = order_of(shop, order.id)
    assert (now.status, now.refunded_minor) == (OrderStatus.PAID, 0)

    assert cancels.finish_settled(utc_now()) == 0  # nothing to close: the money came back
    assert cancels.release_refused(utc_now()) == 1
    now = order_of(shop, order.id)
    assert (now.status, now.cancel_requested_at) == (OrderStatus.PAID, None)
    assert now.cancel_released_at is not None
    staff = staff_of(shop, team_sessions(shop).admin)
    detail = admin_of(shop).orders.detail(staff, order.id)
    assert detail is not None
    assert (detail.customer_canceling, detail.shippable) == (False, True)
    assert detail.refundable_minor == order.amounts.total_minor
    assert order_view(detail).cancel_released
    assert cancels.release_refused(utc_now()) == 0
