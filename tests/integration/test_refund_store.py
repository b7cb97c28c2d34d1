"""The refund store following the provider's word, on SQLite and PostgreSQL: a refund pending
there settles when the provider says so, one that went through and then failed is reversed
(once, with its order), and nothing brings a failed refund back."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from storefront.adapters.sql_refunds import SqlRefundStore
from storefront.bootstrap import Shop
from storefront.services.payments import ProviderRefund
from tests.integration.test_admin_orders import NOW, Desk, make_desk

ROWS = "select request_key, status, failed_at is not null, reversed from order_refund order by id"
ORDER = "select status, refunded_minor from sales_order"
EVENTS = (
    "select event_type, payload from outbox_message"
    " where event_type in ('OrderRefunded', 'RefundFailed') order by id"
)


@pytest.fixture
def desk(database_url: str, make_shop: Callable[..., Shop]) -> Desk:
    return make_desk(database_url, make_shop)


def store_of(desk: Desk) -> SqlRefundStore:
    assert desk.shop.engine is not None
    return SqlRefundStore(desk.shop.engine)


def made(refund_id: str, amount: int, status: str, key: str = "") -> ProviderRefund:
    return ProviderRefund(refund_id, amount, "EUR", status, NOW, request_key=key)


def ours(store: SqlRefundStore, order_id: int, key: str, amount: int, status: str) -> None:
    """A refund asked here and answered by the provider with `status`."""
    row = store.open(order_id, amount, key, "")
    assert not isinstance(row, str)
    assert store.close(row.id, f"re_{key}", status)  # type: ignore[arg-type]


def events(desk: Desk) -> list[tuple[object, dict[str, object]]]:
    return [(kind, json.loads(str(payload))) for kind, payload in desk.sql(EVENTS)]


def test_a_refund_failing_after_it_went_through_is_reversed_once_and_never_revived(
    desk: Desk,
) -> None:
    order_id = desk.paid(1)  # 25.00
    store = store_of(desk)
    # Shipped first: unshipped, refunded in full, it would end canceled (test below).
    desk.admin.fulfil(order_id, "ups", "1Z999AA1", NOW)
    ours(store, order_id, "a", 1_000, "succeeded")
    ours(store, order_id, "b", 1_500, "succeeded")
    assert desk.sql(ORDER) == [("refunded", 2_500)]
    now = [made("re_a", 1_000, "succeeded", "a"), made("re_b", 1_500, "failed", "b")]

    assert store.sync(order_id, now).changed  # the card b went to was closed
    assert desk.sql(ROWS) == [("a", "succeeded", False, False), ("b", "failed", True, True)]
    assert desk.sql(ORDER) == [("partially_refunded", 1_000)]
    reversal = {
        "order_id": order_id, "reference": "REF0000001", "currency": "EUR",
        "amount_minor": 1_500, "refunded_minor": 1_000,
    }  # fmt: skip
    assert events(desk)[-1] == ("RefundFailed", reversal)

    before = (desk.sql(ROWS), desk.sql(ORDER), events(desk))
    assert not store.sync(order_id, now).changed  # the same event again
    # A late event, or a list read before the failure: a failed refund stays failed.
    assert not store.sync(order_id, [made("re_b", 1_500, "succeeded", "b")]).changed
    assert (desk.sql(ROWS), desk.sql(ORDER), events(desk)) == before

    # Its last refund fails too: nothing went back, and it left.
    assert store.sync(order_id, [made("re_a", 1_000, "failed", "a")]).changed
    assert desk.sql(ORDER) == [("fulfilled", 0)]
    assert [kind for kind, _ in events(desk)] == [
        "OrderRefunded", "OrderRefunded", "RefundFailed", "RefundFailed"
    ]  # fmt: skip


def test_an_unshipped_order_refunded_in_full_ends_canceled_and_a_reversal_keeps_it_so(
    desk: Desk,
) -> None:
    """Nothing left to ship or refund: canceled in the refund's transaction, audited. A
    refund of it failing later takes its total down, not its status (REVERSAL has no move
    from canceled), and what it gave back may be refunded again: the order stays canceled,
    closed once, its stock not given back twice."""
    order_id = desk.paid(1)  # 25.00
    store = store_of(desk)
    ours(store, order_id, "a", 1_000, "succeeded")
    assert desk.sql(ORDER) == [("partially_refunded", 1_000)]
    ours(store, order_id, "b", 1_500, "succeeded")
    assert desk.sql(ORDER) == [("canceled", 2_500)]
    close = "select actor_email from admin_audit where action = 'order.refund_close'"
    assert desk.sql(close) == [("refunds",)]
    now = [made("re_a", 1_000, "succeeded", "a"), made("re_b", 1_500, "failed", "b")]
    assert store.sync(order_id, now).changed
    assert desk.sql(ORDER) == [("canceled", 1_000)]
    assert [kind for kind, _ in events(desk)][-1] == "RefundFailed"
    assert desk.sql(close) == [("refunds",)]  # closed once
    stock = desk.stock()
    assert store.open(order_id, 1_501, "c", "") == "exceeds_paid"  # only what is owed
    ours(store, order_id, "c", 1_500, "succeeded")
    assert desk.sql(ORDER) == [("canceled", 2_500)]
    assert [kind for kind, _ in events(desk)][-1] == "OrderRefunded"
    assert desk.sql(close) == [("refunds",)]
    assert desk.stock() == stock
    assert store.open(order_id, 1, "d", "") == "exceeds_paid"


def test_an_unpaid_canceled_order_takes_no_refund(desk: Desk) -> None:
    """Canceled before it was paid: nothing was taken, so nothing is owed."""
    order_id = desk.place(1)
    desk.sql("update sales_order set status = 'canceled' where id = :id", id=order_id)
    assert store_of(desk).open(order_id, 100, "u", "") == "not_refundable"
    assert desk.sql("select count(*) from order_refund") == [(0,)]


def test_a_refund_pending_at_the_provider_counts_only_once_it_goes_through(desk: Desk) -> None:
    order_id = desk.paid(1)
    store = store_of(desk)
    ours(store, order_id, "p", 1_000, "pending")
    dashboard = made("re_dash", 500, "pending")
    assert store.sync(order_id, [made("re_p", 1_000, "pending", "p"), dashboard]).changed
    assert desk.sql(ORDER) == [("paid", 0)]
    # Compared with the provider's refunds now: the reconciliation takes others first.
    assert desk.sql("select count(*) from order_refund where checked_at is not null") == [(2,)]
    # Both held back from what is left to refund: 25.00 - 10.00 - 5.00.
    assert store.open(order_id, 1_001, "too-much", "") == "exceeds_paid"

    # Ours fails before it ever went through: nothing to give back, no RefundFailed.
    failed = made("re_p", 1_000, "failed", "p")
    assert store.sync(order_id, [failed, made("re_dash", 500, "succeeded")]).changed
    assert desk.sql(ROWS) == [
        ("p", "failed", True, False), ("provider:re_dash", "succeeded", False, False)
    ]  # fmt: skip
    assert desk.sql(ORDER) == [("partially_refunded", 500)]
    assert [kind for kind, _ in events(desk)] == ["OrderRefunded"]
    assert not store.sync(order_id, [made("re_p", 1_000, "succeeded", "p")]).changed
    assert desk.sql(ORDER) == [("partially_refunded", 500)]


def test_a_request_not_answered_yet_is_left_to_it_unless_the_reconciliation_asks(
    desk: Desk,
) -> None:
    """The webhook for a refund of ours overtakes the refund's own answer: its request (or its
    retry) records the answer, and only then is audited; the reconciliation may take it."""
    order_id = desk.paid(1)
    store = store_of(desk)
    row = store.open(order_id, 700, "w", "")
    assert not isinstance(row, str)
    stripe_says = [made("re_w", 700, "succeeded", "w")]
    assert store.sync(order_id, stripe_says) == store.sync(order_id, stripe_says)
    assert not store.sync(order_id, stripe_says).changed
    assert desk.sql(ROWS) == [("w", "pending", False, False)]
    assert desk.sql(ORDER) == [("paid", 0)]

    synced = store.sync(order_id, stripe_says, answer_requests=True)
    assert synced.changed
    assert [(r.request_key, r.provider_refund_id, r.status) for r in synced.answered] == [
        ("w", "re_w", "succeeded")
    ]
    assert desk.sql(ORDER) == [("partially_refunded", 700)]
    assert store.close(row.id, "re_w", "succeeded") is False  # answered already
    assert not store.sync(order_id, stripe_says, answer_requests=True).answered


def test_refunds_whose_provider_could_not_be_read_wait_behind_the_others(desk: Desk) -> None:
    """The reconciliation takes pending refunds those waiting longest first; one whose
    payment's refunds could not be read is deferred, so it cannot keep the rest waiting."""
    first, second = desk.paid(1), desk.paid(2)
    store = store_of(desk)
    for order_id, key in ((first, "first"), (second, "second")):
        assert not isinstance(store.open(order_id, 500, key, ""), str)
    later = NOW.replace(year=NOW.year + 5)
    assert [row.request_key for row in store.pending(later, limit=1)] == ["first"]
    store.defer(first)
    assert [row.request_key for row in store.pending(later, limit=1)] == ["second"]
    assert [row.request_key for row in store.pending(later, limit=2)] == ["second", "first"]
    assert desk.sql(ROWS) == [
        ("first", "pending", False, False),
        ("second", "pending", False, False),
    ]


def test_a_reversal_the_order_status_cannot_take_still_brings_its_total_down(desk: Desk) -> None:
    """Whatever status the order is in, the money of a refund that failed after it went
    through is back in the shop: the order's refunded total says so, with its RefundFailed."""
    order_id = desk.paid(1)
    store = store_of(desk)
    ours(store, order_id, "a", 1_000, "succeeded")
    desk.sql("update sales_order set status = 'canceled' where id = :id", id=order_id)
    assert store.sync(order_id, [made("re_a", 1_000, "failed", "a")]).changed
    assert desk.sql(ORDER) == [("canceled", 0)]
    assert events(desk)[-1][1]["refunded_minor"] == 0
