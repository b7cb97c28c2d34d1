"""Refunds made outside the payment provider, recorded from the admin, on SQLite and
PostgreSQL: a canceled order whose refund failed after it went through (a closed card) is
paid back by bank transfer and leaves "Refund owed", with its credit note, audit entry,
refunds CSV row, mail and order page; bad input, a double submit and two admins at once
change nothing more; the provider's refunds (webhook, reconciliation) never touch them."""

from __future__ import annotations

import csv
import io
import json
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from alembic import command

from models.events import OrderRefunded
from models.orders import OrderStatus
from models.types import utc_now
from state.admin.guard import AdminState
from state.admin.order_offline_refund import AdminOfflineRefundState
from state.admin.order_view import order_view
from state.admin.orders import AdminOrderState
from storefront.adapters.migrations import alembic_config
from storefront.adapters.sql_order_store import SqlOrderStore
from storefront.bootstrap import Shop, set_shop
from storefront.i18n import translations
from storefront.services.admin.access import AccessDenied, Staff
from storefront.services.admin.offline_refund_desk import OfflineRefundForm
from storefront.services.admin.order_views import OrderFilter
from storefront.services.errors import Refusal
from storefront.subscriptions import ORDER_MAIL, consumer_groups
from tests.integration.admin_fixtures import admin_of, staff_of, team_sessions
from tests.integration.bus_fixtures import outbox_events
from tests.integration.test_admin_authorization import router_at, state_at
from tests.integration.test_admin_orders import Desk, ids, make_desk
from tests.integration.test_refund_store import made, ours, store_of

PARIS = ZoneInfo("Europe/Paris")
KEY = "0123456789abcdef01234567"  # as the page draws a form's key: 24 hex digits
OFFLINE_ROWS = "select count(*) from order_refund where method <> ''"


@pytest.fixture
def desk(database_url: str, make_shop: Callable[..., Shop]) -> Desk:
    # Staff may give back at most 15.00 of an order; the orders below are 25.00.
    return make_desk(database_url, lambda url: make_shop(url, staff_refund_limit_minor=1_500))


def team(desk: Desk) -> tuple[Staff, Staff]:
    sessions = team_sessions(desk.shop)
    return staff_of(desk.shop, sessions.admin), staff_of(desk.shop, sessions.staff)


def form(amount: str, method: str = "bank_transfer", reference: str = "", key: str = KEY):
    return OfflineRefundForm(amount, method, reference, key)


def count(desk: Desk, sql: str) -> int:
    [(value,)] = desk.sql(sql)
    return int(str(value))


def refund_owed(desk: Desk) -> int:
    """A paid order, refunded in full through the provider (so closed: canceled), whose
    refund then failed (a closed card): canceled, and its 25.00 owed to the customer."""
    order_id = desk.paid(1)
    store = store_of(desk)
    ours(store, order_id, "a", 2_500, "succeeded")
    assert store.sync(order_id, [made("re_a", 2_500, "failed", "a")]).changed
    assert ids(desk, OrderFilter(refund_owed=True)) == [order_id]
    return order_id


def deliver_refund_mails(desk: Desk) -> None:
    events = [e for e in outbox_events(desk.shop) if isinstance(e, OrderRefunded)]
    for handle in consumer_groups(desk.shop)[ORDER_MAIL][OrderRefunded]:
        handle(events)


def test_a_refund_owed_paid_by_bank_transfer_is_booked_told_and_leaves_refund_owed(
    desk: Desk,
) -> None:
    order_id = refund_owed(desk)
    boss, _ = team(desk)
    offline = admin_of(desk.shop).offline_refunds
    assert offline.check(boss, order_id, form("25,00")) == 2_500
    done = offline.record(boss, order_id, form("25,00", reference="VIR-2026-118"))
    assert (done.amount_minor, done.method, done.created) == (2_500, "bank_transfer", True)

    # Counted as refunded; the order stays canceled and is no longer owed anything.
    assert desk.sql("select status, refunded_minor from sales_order") == [("canceled", 2_500)]
    assert ids(desk, OrderFilter(refund_owed=True)) == []
    detail = desk.admin.detail(order_id)
    assert detail is not None
    assert detail.refundable_minor == 0
    assert [(r.status, r.method, r.reason) for r in detail.refunds] == [
        ("failed", "", ""),
        ("succeeded", "bank_transfer", "VIR-2026-118"),
    ]
    # Its own credit note, after the failed refund's note and the invoice cancelling it.
    year = utc_now().astimezone(PARIS).year
    notes = desk.sql(
        "select n.number, r.request_key, n.amount_minor from credit_note n"
        " join order_refund r on r.id = n.refund_id order by n.id"
    )
    assert notes == [
        (f"A{year}-000001", "a", 2_500),
        (f"A{year}-000002", f"offline:{KEY}", 2_500),
    ]
    assert done.credit_note == f"A{year}-000002"
    assert count(desk, "select count(*) from reversal_invoice") == 1

    # Audited in the same transaction: who, how much, how, its reference.
    [(actor, subject, before, after)] = desk.sql(
        "select actor_email, subject, before, after from admin_audit"
        " where action = 'order.refund_offline'"
    )
    assert (actor, subject) == ("ada@example.com", "order:REF0000001")
    assert json.loads(str(before)) == {"status": "canceled", "refunded_minor": 0}
    assert json.loads(str(after)) == {
        "status": "canceled", "refunded_minor": 2_500, "amount": 2_500,
        "method": "bank_transfer", "reference": "VIR-2026-118",
        "credit_note": f"A{year}-000002", "request_key": f"offline:{KEY}",
    }  # fmt: skip

    # The refunds CSV: the failed one's two rows, then this one, its method, no provider id.
    stream = io.StringIO()
    desk.admin.export_refunds(OrderFilter(zone=PARIS), stream, PARIS)
    rows = list(csv.DictReader(io.StringIO(stream.getvalue())))
    assert [(r["entry"], r["amount"], r["refund_id"], r["method"]) for r in rows] == [
        ("refund", "25.00", "re_a", "provider"),
        ("refund_failed", "-25.00", "re_a", "provider"),
        ("refund", "25.00", "", "bank_transfer"),
    ]
    assert (rows[2]["made_in"], rows[2]["reason"], rows[2]["vat_included"]) == (
        "shop", "VIR-2026-118", "4.00",
    )  # fmt: skip
    assert rows[2]["credit_note"] == f"A{year}-000002"

    # The shopper is mailed how it went back (not the card's delay), and their page says so.
    deliver_refund_mails(desk)
    body = str(desk.mails()[-1][2])
    assert "€25.00 was paid to you by bank transfer." in body
    assert "card you paid with" not in body
    orders = desk.shop.commerce.orders if desk.shop.commerce else None
    assert isinstance(orders, SqlOrderStore)
    record = orders.get(order_id)
    assert record is not None
    assert [(p.method, p.amount_minor) for p in record.paid_outside] == [("bank_transfer", 2_500)]


def test_bad_input_is_refused_with_a_message_and_changes_nothing(desk: Desk) -> None:
    order_id = desk.paid(1)  # 25.00
    boss, staff = team(desk)
    offline = admin_of(desk.shop).offline_refunds
    refusals = [
        (boss, form("0"), "admin.refund.error.amount", {"amount": "admin.refund.error.amount"}),
        (boss, form("-5"), "admin.refund.error.amount", {"amount": "admin.refund.error.amount"}),
        (boss, form("ten"), "admin.refund.error.amount", {"amount": "admin.refund.error.amount"}),
        (boss, form("25.01"), "admin.refund.error.over_left",
         {"amount": "admin.refund.error.over_left"}),
        (boss, form("5", method=""), "admin.offline_refund.error.method",
         {"method": "admin.offline_refund.error.method"}),
        (boss, form("5", method="paypal"), "admin.offline_refund.error.method",
         {"method": "admin.offline_refund.error.method"}),
        (boss, form("5", method="other", reference="  "), "admin.offline_refund.error.reference",
         {"reference": "admin.offline_refund.error.reference"}),
        (staff, form("15.01"), "admin.refund.error.over_staff_limit",
         {"amount": "admin.refund.error.over_staff_limit"}),
    ]  # fmt: skip
    for actor, asked, code, fields in refusals:
        for call in (offline.check, offline.record):
            with pytest.raises(Refusal) as refused:
                call(actor, order_id, asked)
            assert (refused.value.code, refused.value.fields) == (code, fields), asked
    assert desk.sql("select status, refunded_minor from sales_order") == [("paid", 0)]
    assert count(desk, "select count(*) from order_refund") == 0
    assert count(desk, "select count(*) from credit_note") == 0
    assert count(desk, "select count(*) from admin_audit where subject like 'order:%'") == 0
    assert [e for e in outbox_events(desk.shop) if isinstance(e, OrderRefunded)] == []


def test_staff_stay_within_their_limit_with_the_orders_other_refunds(desk: Desk) -> None:
    order_id = desk.paid(1)
    _, staff = team(desk)
    ours(store_of(desk), order_id, "a", 1_000, "succeeded")  # 10.00 back through Stripe
    offline = admin_of(desk.shop).offline_refunds
    with pytest.raises(AccessDenied) as refused:  # 10.00 + 6.00: over 15.00
        offline.record(staff, order_id, form("6", method="cheque", reference="n° 4411"))
    assert refused.value.code == "admin.refund.error.over_staff_limit"
    offline.record(staff, order_id, form("5", method="cheque", reference="n° 4411"))
    assert desk.sql("select status, refunded_minor from sales_order") == [
        ("partially_refunded", 1_500)
    ]


def test_a_double_submit_records_once_and_a_key_cannot_be_reused(desk: Desk) -> None:
    order_id = desk.paid(1)
    boss, _ = team(desk)
    offline = admin_of(desk.shop).offline_refunds
    first = offline.record(boss, order_id, form("10", method="cash"))
    again = offline.record(boss, order_id, form("10", method="cash"))  # a double click
    assert (first.created, again.created, again.refund_id) == (True, False, first.refund_id)
    with pytest.raises(Refusal) as refused:  # the same form's key, another amount
        offline.record(boss, order_id, form("5", method="cash"))
    assert refused.value.code == "refund.error.key_reused"
    assert desk.sql("select status, refunded_minor from sales_order") == [
        ("partially_refunded", 1_000)
    ]
    assert count(desk, OFFLINE_ROWS) == 1
    assert count(desk, "select count(*) from credit_note") == 1
    assert (
        count(desk, "select count(*) from admin_audit where action = 'order.refund_offline'") == 1
    )
    assert len([e for e in outbox_events(desk.shop) if isinstance(e, OrderRefunded)]) == 1


def test_two_admins_recording_at_once_are_checked_one_after_the_other(desk: Desk) -> None:
    """Six records at once, each of 20.00 of a 25.00 order, each with its own form: one."""
    order_id = desk.paid(1)
    boss, _ = team(desk)
    offline = admin_of(desk.shop).offline_refunds
    start = threading.Barrier(6)

    def record(n: int) -> str:
        start.wait()
        try:
            offline.record(boss, order_id, form("20", key=f"{n:024x}"))
        except Refusal as refused:
            return refused.code
        return "recorded"

    with ThreadPoolExecutor(max_workers=6) as pool:
        answers = list(pool.map(record, range(6)))
    # Refused before the order is held (it read 25.00 left) or under it (5.00 left).
    assert answers.count("recorded") == 1
    assert set(answers) - {"recorded"} <= {
        "refund.error.exceeds_paid", "admin.refund.error.over_left"
    }  # fmt: skip
    assert desk.sql("select refunded_minor from sales_order") == [(2_000,)]
    assert count(desk, OFFLINE_ROWS) == 1


def test_the_providers_refunds_never_touch_an_offline_refund(desk: Desk) -> None:
    """The webhook and the reconciliation read the provider's refunds: an offline one has no
    provider id, is never pending, and a provider refund carrying its key (none should) is
    not taken for it."""
    order_id = desk.paid(1)
    boss, _ = team(desk)
    offline = admin_of(desk.shop).offline_refunds
    offline.record(boss, order_id, form("10", reference="VIR-1"))
    store = store_of(desk)
    assert store.pending(utc_now() + timedelta(days=30), 100) == []
    # A refund made in the provider's dashboard is recorded beside it, and one failing
    # under the offline refund's key changes nothing of it.
    store.sync(order_id, [made("re_dash", 500, "succeeded")])
    store.sync(order_id, [made("re_x", 1_000, "failed", f"offline:{KEY}")], answer_requests=True)
    rows = desk.sql(
        "select request_key, status, provider_refund_id, method from order_refund order by id"
    )
    assert rows[0] == (f"offline:{KEY}", "succeeded", None, "bank_transfer")
    assert desk.sql("select status, refunded_minor from sales_order") == [
        ("partially_refunded", 1_500)
    ]
    assert count(desk, "select count(*) from reversal_invoice") == 0


async def test_the_order_page_asks_confirms_with_amount_and_method_and_records_once(
    desk: Desk,
) -> None:
    order_id = refund_owed(desk)
    assert order_id == 1  # the page's path ends in 1 (state_at)
    set_shop(desk.shop)
    try:
        session = team_sessions(desk.shop).admin
        page: Any = state_at(AdminOrderState, session, {})
        offline: Any = await page.get_state(AdminOfflineRefundState)
        await page.load_page()
        assert (page.order.refund_owed, page.refund_default_text) == (True, "25.00")
        sent = {
            "offline_amount": "25,00", "offline_method": "", "offline_reference": "",
            "key": page.refund_key,
        }  # fmt: skip
        await offline.ask(sent)  # no method chosen: said so on its field, nothing asked
        assert (offline.asked_minor, offline.errors) == (
            0, {"offline_method": translations("admin.offline_refund.error.method")},
        )  # fmt: skip
        await offline.ask(sent | {"offline_method": "cheque", "offline_reference": "n° 4411"})
        assert (offline.asked_minor, offline.asked_method_labels["fr"]) == (2_500, "Chèque")
        await offline.dismiss()
        await offline.record()  # dismissed: nothing recorded
        assert count(desk, OFFLINE_ROWS) == 0
        await offline.ask(sent | {"offline_method": "cheque", "offline_reference": "n° 4411"})
        await offline.record()
        await offline.record()  # Confirm clicked twice
        root: Any = await page.get_state(AdminState)
        assert root.notice["en"] == "Refund recorded for order REF0000001."
        assert count(desk, OFFLINE_ROWS) == 1
        assert (page.order.refund_owed, page.order.refunded_minor) == (False, 2_500)
        row = page.order.refunds[-1]
        assert (row.method, row.method_labels["en"], row.reason) == ("cheque", "Cheque", "n° 4411")
        await offline.ask(sent | {"offline_method": "cheque"})  # the old form sent again: done
        assert (offline.asked_minor, root.problem) == (0, {})
        assert root.notice["fr"] == "Ce remboursement est déjà enregistré."
        assert count(desk, OFFLINE_ROWS) == 1
    finally:
        set_shop(None)


async def test_a_record_asked_on_one_order_is_not_made_on_the_next_one_shown(
    desk: Desk,
) -> None:
    """Review: the dialog asked on order 1 stayed open after a Back to another order, and its
    Confirm recorded the refund there (a credit note, a mail to that order's customer)."""
    order_id = refund_owed(desk)
    assert order_id == 1  # the page's path ends in 1 (state_at)
    assert desk.paid(2) == 2  # another order, paid, that a record could go to
    set_shop(desk.shop)
    try:
        session = team_sessions(desk.shop).admin
        page: Any = state_at(AdminOrderState, session, {})
        offline: Any = await page.get_state(AdminOfflineRefundState)
        await page.load_page()
        sent = {
            "offline_amount": "5,00", "offline_method": "cheque", "offline_reference": "",
            "key": page.refund_key,
        }  # fmt: skip
        await offline.ask(sent)
        assert (offline.asked_minor, offline.asked_order) == (500, 1)
        root = page
        while root.parent_state is not None:
            root = root.parent_state
        root.router = router_at("/admin/orders/2", session, {})  # Back to another order
        await offline.record()
        assert count(desk, OFFLINE_ROWS) == 0
        assert (offline.asked_minor, offline.asked_order) == (0, 0)
    finally:
        set_shop(None)


def test_migration_0057_downgrade_is_refused_while_an_offline_refund_stands(
    desk: Desk, database_url: str
) -> None:
    """Without its method an offline refund would read as one made through the provider."""
    order_id = desk.paid(1)
    boss, _ = team(desk)
    admin_of(desk.shop).offline_refunds.record(boss, order_id, form("10", method="cash"))
    url = database_url.replace("postgresql://", "postgresql+psycopg://", 1)
    config = alembic_config(url)
    head = desk.sql("select version_num from alembic_version")
    command.downgrade(config, "0057")  # the later migrations first: the refusal is 0057's
    with pytest.raises(RuntimeError, match="1 refund"):
        command.downgrade(config, "-1")
    assert desk.sql("select version_num from alembic_version") == [("0057",)]
    assert count(desk, OFFLINE_ROWS) == 1
    desk.sql("delete from credit_note")
    desk.sql("delete from order_refund")  # none left: the column goes, and comes back empty
    command.downgrade(config, "-1")
    command.upgrade(config, "head")
    assert desk.sql("select version_num from alembic_version") == head
    ours(store_of(desk), order_id, "a", 500, "succeeded")
    assert desk.sql("select method from order_refund") == [("",)]


def test_a_shipped_orders_failed_refund_paid_by_cheque_is_no_longer_called_out(
    desk: Desk,
) -> None:
    """Not canceled, so never "Refund owed": its page's red alert (refund it another way)
    goes once the refunds since make up what the failed one took back."""
    order_id = desk.paid(1)
    store = store_of(desk)
    ours(store, order_id, "a", 1_000, "succeeded")
    assert store.sync(order_id, [made("re_a", 1_000, "failed", "a")]).changed
    before = desk.admin.detail(order_id)
    assert before is not None
    assert (before.status, before.reversal_owed_minor) == (OrderStatus.PAID, 1_000)
    assert order_view(before).refund_reversed
    boss, _ = team(desk)
    offline = admin_of(desk.shop).offline_refunds
    offline.record(boss, order_id, form("6", method="cheque", reference="n° 1"))
    partly = desk.admin.detail(order_id)
    assert partly is not None
    assert (partly.reversal_owed_minor, order_view(partly).refund_reversed) == (400, True)
    offline.record(boss, order_id, form("4", method="cheque", reference="n° 2", key="1" * 24))
    after = desk.admin.detail(order_id)
    assert after is not None
    assert (after.status, after.refunded_minor) == (OrderStatus.PARTIALLY_REFUNDED, 1_000)
    assert (after.reversal_owed_minor, order_view(after).refund_reversed) == (0, False)


def test_a_card_refund_going_through_after_a_bank_transfer_is_told_as_the_card(
    desk: Desk,
) -> None:
    """A card refund is asked (pending); meanwhile the admin pays 10.00 by bank transfer,
    told as such; then the card refund goes through, later than the transfer: its mail tells
    its 10.00 went to the card (with the card's delay), not by bank transfer, as each refund
    records when it went through and whether a mail told it."""
    order_id = desk.paid(1)
    store = store_of(desk)
    card = store.open(order_id, 1_000, "a", "")
    assert not isinstance(card, str)
    boss, _ = team(desk)
    admin_of(desk.shop).offline_refunds.record(boss, order_id, form("10,00"))
    deliver_refund_mails(desk)
    body = str(desk.mails()[-1][2])
    assert "€10.00 was paid to you by bank transfer." in body
    assert "card you paid with" not in body
    mailed = len(desk.mails())

    assert store.close(card.id, "re_a", "succeeded")
    deliver_refund_mails(desk)  # every OrderRefunded again: the first one tells nothing more
    assert len(desk.mails()) == mailed + 1
    body = str(desk.mails()[-1][2])
    assert "We have refunded €10.00 of your order" in body
    assert "In all, €20.00 of the €25.00 you paid has been refunded." in body
    assert "bank transfer" not in body
    assert "The refund goes back to the card you paid with" in body
    rows = desk.sql(
        "select method, refund_mailed, succeeded_at >= created_at from order_refund order by id"
    )
    assert [(m, bool(t), bool(after)) for m, t, after in rows] == [
        ("", True, True), ("bank_transfer", True, True),
    ]  # fmt: skip
    [(later,)] = desk.sql(
        "select c.succeeded_at > t.succeeded_at from order_refund c, order_refund t"
        " where c.method = '' and t.method = 'bank_transfer'"
    )
    assert bool(later)  # the card's went through after the transfer


def test_a_card_refund_and_a_cheque_told_in_one_mail_are_each_named(desk: Desk) -> None:
    """The mail server was down while a card refund and then a cheque went through: the one
    mail the catch-up sends tells both, each by how it went back."""
    order_id = desk.paid(1)
    store = store_of(desk)
    ours(store, order_id, "a", 500, "succeeded")
    boss, _ = team(desk)
    admin_of(desk.shop).offline_refunds.record(boss, order_id, form("7", method="cheque"))
    assert desk.shop.commerce is not None
    assert desk.shop.commerce.refund_mail.catch_up(utc_now()) == (1, 0)
    [(_, _, body)] = [m for m in desk.mails() if "refund" in str(m[1]).lower()]
    assert "We have refunded €12.00 of your order" in str(body)
    assert "€7.00 was paid to you by cheque." in str(body)
    assert "The refund goes back to the card you paid with" in str(body)
    deliver_refund_mails(desk)  # the events, late: told already
    assert len([m for m in desk.mails() if "refund" in str(m[1]).lower()]) == 1
