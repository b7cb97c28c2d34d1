"""Credit notes on real SQLite and PostgreSQL: every refund of an invoiced order that went
through gets one number of its own gapless series, in the transaction recording it (closed by
its request, or read from the provider's list), however often and however concurrently that
is repeated; a failed refund and an order paid before invoices get none. Through localstripe:
the admin's partial refund, a repeated one, and the shopper's cancel, and the notes served to
exactly those who may see the invoice. Migration 0034 notes the refunds made before it."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from alembic import command
from starlette.testclient import TestClient

from models.orders import OrderStatus
from models.types import utc_now
from storefront.adapters.migrations import alembic_config
from storefront.adapters.sql_refunds import SqlRefundStore
from storefront.api.routes import build_api
from storefront.bootstrap import Shop, set_shop
from storefront.services.accounts.service import SESSION_COOKIE
from storefront.services.invoices.credit_notes import ADMIN_CREDIT_NOTE_PATH, CREDIT_NOTE_PATH
from storefront.services.invoices.numbering import credit_note_number
from storefront.services.orders.customer_cancel import Asker
from storefront.services.orders.ports import OrderRecord
from storefront.services.payments import ProviderRefund
from tests.integration.admin_fixtures import team_sessions
from tests.integration.checkout_fixtures import VISA, checkout, commerce, paying_shop, place
from tests.integration.test_admin_orders import NOW, Desk, make_desk

PARIS = ZoneInfo("Europe/Paris")
NOTES = "select n.number, r.request_key, n.amount_minor from credit_note n join order_refund r"
NOTES += " on r.id = n.refund_id order by n.number"


def year() -> int:
    return datetime.now(PARIS).year


def numbers(count: int) -> list[str]:
    return [credit_note_number(year(), n) for n in range(1, count + 1)]


def test_refunds_answered_at_once_and_again_get_one_note_each_without_gap(
    database_url: str, make_shop: Callable[..., Shop]
) -> None:
    desk: Desk = make_desk(database_url, make_shop)
    assert desk.shop.engine is not None
    store = SqlRefundStore(desk.shop.engine, PARIS)
    orders = [desk.paid(n) for n in range(1, 7)]  # 25.00 each, invoiced
    rows = []
    for n, order_id in enumerate(orders):
        for part in ("a", "b"):
            row = store.open(order_id, 500, f"{part}{n}", "")
            assert not isinstance(row, str)
            rows.append(row)

    def answer(row_id: int) -> bool:
        row = next(r for r in rows if r.id == row_id)
        status = "failed" if row.request_key == "b5" else "succeeded"
        return store.close(row.id, f"re_{row.request_key}", status)  # type: ignore[arg-type]

    # Each refund answered three times at once (its call, a retry, the reconciliation's).
    with ThreadPoolExecutor(max_workers=6) as pool:
        recorded = list(pool.map(answer, [r.id for r in rows for _ in range(3)]))
    assert sum(recorded) == len(rows)
    notes = desk.sql(NOTES)
    assert [number for number, _key, _amount in notes] == numbers(len(rows) - 1)
    assert sorted(key for _n, key, _a in notes) == sorted(
        r.request_key for r in rows if r.request_key != "b5"
    )
    assert {amount for _n, _k, amount in notes} == {500}

    # The webhook's read of the provider's list, repeated and racing: nothing more.
    listed = [
        ProviderRefund(f"re_{r.request_key}", 500, "EUR", "succeeded", NOW, r.request_key)
        for r in rows
        if r.order_id == orders[0]
    ]
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(lambda _: store.sync(orders[0], listed), range(4)))
    assert desk.sql(NOTES) == notes

    # One made in the provider's dashboard, read twice: one note, the next number.
    made = ProviderRefund("re_dash", 700, "EUR", "succeeded", NOW, "")
    store.sync(orders[1], [made])
    store.sync(orders[1], [made])
    after = desk.sql(NOTES)
    assert after[-1] == (numbers(len(rows))[-1], "provider:re_dash", 700)
    assert len(after) == len(notes) + 1


def test_a_refund_of_an_order_paid_before_invoices_gets_no_note(
    database_url: str, make_shop: Callable[..., Shop]
) -> None:
    desk = make_desk(database_url, make_shop)
    assert desk.shop.engine is not None
    store = SqlRefundStore(desk.shop.engine, PARIS)
    order_id = desk.paid(1)
    desk.sql(
        "update sales_order set invoice_number = null, invoiced_at = null, invoice_date = null"
    )
    row = store.open(order_id, 500, "k", "")
    assert not isinstance(row, str)
    assert store.close(row.id, "re_k", "succeeded")
    assert desk.sql(NOTES) == []
    assert desk.sql("select refunded_minor from sales_order") == [(500,)]


@pytest.fixture
def shop(database_url: str, make_shop: Callable[..., Shop], localstripe_url: str) -> Shop:
    return paying_shop(make_shop, database_url, localstripe_url)


def paid_order(shop: Shop, guest: str) -> OrderRecord:
    placed = place(shop, guest, "SKU-2-0", 1)
    assert checkout(shop).pay(placed.order_id, VISA).status is OrderStatus.PAID
    order = commerce(shop).orders.get(placed.order_id)
    assert order is not None
    return order


def test_admin_refunds_and_the_shopper_s_cancel_get_notes_served_to_the_invoice_s_readers(
    shop: Shop,
) -> None:
    refunds = commerce(shop).refunds
    assert refunds is not None
    first, second = paid_order(shop, "g1"), paid_order(shop, "g2")
    assert refunds.refund(first.id, 1_000, "desk-1").status == "succeeded"
    assert refunds.refund(first.id, 1_000, "desk-1").status == "succeeded"  # a double click
    assert (
        commerce(shop)
        .cancels.cancel(
            second.id, Asker(None, key=second.access_key, email=second.email), utc_now()
        )
        .status
        is OrderStatus.CANCELED
    )
    first_now, second_now = (
        commerce(shop).orders.get(first.id),
        commerce(shop).orders.get(second.id),
    )
    assert first_now is not None
    assert second_now is not None
    (partial,) = first_now.credit_notes
    (whole,) = second_now.credit_notes
    assert (partial.amount_minor, whole.amount_minor) == (1_000, second.amounts.total_minor)
    assert sorted([partial.number, whole.number]) == numbers(2)

    sessions = team_sessions(shop)
    set_shop(shop)
    try:
        client = TestClient(build_api())
        mine = CREDIT_NOTE_PATH.format(reference=first.reference, number=partial.number)
        answers = {
            "key": client.get(mine, params={"key": first.access_key}),
            "no key": client.get(mine),
            "other key": client.get(mine, params={"key": second.access_key}),
            # A note of another order, asked for under this order's link and key.
            "other note": client.get(
                CREDIT_NOTE_PATH.format(reference=first.reference, number=whole.number),
                params={"key": first.access_key},
            ),
            "no such": client.get(
                CREDIT_NOTE_PATH.format(reference=first.reference, number="A1999-000001"),
                params={"key": first.access_key},
            ),
        }
        staff_path = ADMIN_CREDIT_NOTE_PATH.format(reference=second.reference, number=whole.number)
        for who in ("staff", "shopper"):
            client.cookies.set(SESSION_COOKIE, getattr(sessions, who))
            answers[who] = client.get(staff_path)
    finally:
        set_shop(None)
    page = answers["key"]
    assert page.status_code == 200
    assert "no-store" in page.headers["cache-control"]
    assert "private" in page.headers["cache-control"]
    assert f"Credit note {partial.number}" in page.text
    assert f"invoice {first.invoice_number} of " in page.text
    assert "€10.00" in page.text  # 60.00 + 5.00 shipping at 20 %: 10.00 incl., 1.67 VAT
    assert "€1.67" in page.text
    assert "€8.33" in page.text
    assert answers["staff"].status_code == 200
    assert f"Credit note {whole.number}" in answers["staff"].text
    for refused in ("no key", "other key", "other note", "no such", "shopper"):
        assert answers[refused].status_code == 404, refused
        assert "Credit note" not in answers[refused].text


def test_migration_0034_notes_the_refunds_made_before_it_once(
    database_url: str, make_shop: Callable[..., Shop]
) -> None:
    desk = make_desk(database_url, make_shop)
    assert desk.shop.engine is not None
    store = SqlRefundStore(desk.shop.engine, PARIS)
    order_id = desk.paid(1)
    for key in ("a", "b"):
        row = store.open(order_id, 400, key, "")
        assert not isinstance(row, str)
        assert store.close(row.id, f"re_{key}", "succeeded")
    url = database_url.replace("postgresql://", "postgresql+psycopg://", 1)
    config = alembic_config(url)
    command.downgrade(config, "0033")
    command.upgrade(config, "head")
    utc_year = datetime.now(UTC).year  # the migrating process's zone: UTC here
    expected = [(credit_note_number(utc_year, n), key, 400) for n, key in ((1, "a"), (2, "b"))]
    assert desk.sql(NOTES) == expected
    desk.sql("update alembic_version set version_num = '0033'")  # a run stopped before its stamp
    command.upgrade(config, "head")
    command.check(config)
    assert desk.sql(NOTES) == expected
    row = store.open(order_id, 400, "c", "")  # the series goes on after them
    assert not isinstance(row, str)
    assert store.close(row.id, "re_c", "succeeded")
    assert [number for number, _k, _a in desk.sql(NOTES)][-1] == credit_note_number(utc_year, 3)
