"""Reversal invoices: a refund that failed after it went through keeps its credit note and
gets an invoice cancelling it, numbered once in the invoices' own series in the transaction
recording the reversal, however often or at once the failure is read; the note and its
invoice cancel to the cent, a refund made again is credited as the first was; the refunds
download names it, the orders list finds its order by it and the orders download lists it;
migration 0055 numbers the reversals made before it, once (SQLite and
PostgreSQL)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from alembic import command
from starlette.testclient import TestClient

from storefront.adapters.migrations import alembic_config
from storefront.adapters.sql_refunds import SqlRefundStore
from storefront.api.routes import build_api
from storefront.bootstrap import Shop, set_shop
from storefront.services.accounts.service import SESSION_COOKIE
from storefront.services.admin.order_views import OrderFilter
from storefront.services.invoices.credit_notes import build_credit_note
from storefront.services.invoices.document import seller_of
from storefront.services.invoices.numbering import credit_note_number, invoice_number
from storefront.services.invoices.reversal_invoices import (
    ADMIN_REVERSAL_INVOICE_PATH,
    REVERSAL_INVOICE_PATH,
    build_reversal_invoice,
)
from storefront.services.payments import ProviderRefund
from tests.integration.admin_fixtures import team_sessions
from tests.integration.test_admin_orders import NOW, Desk, make_desk
from tests.integration.test_admin_refund_export import refunds_of

PARIS = ZoneInfo("Europe/Paris")
SELLER = seller_of("Maison", "1 rue A", "", "")
REVERSALS = (
    "select v.number, r.request_key, v.amount_minor, v.order_id from reversal_invoice v"
    " join order_refund r on r.id = v.refund_id order by v.number"
)


def year() -> int:
    return datetime.now(PARIS).year


def invoice(n: int) -> str:
    return invoice_number(year(), n)


def refund(store: SqlRefundStore, order_id: int, key: str, amount: int = 2_500) -> None:
    row = store.open(order_id, amount, key, "")
    assert not isinstance(row, str)
    assert store.close(row.id, f"re_{key}", "succeeded")


def failed(key: str, amount: int = 2_500) -> ProviderRefund:
    return ProviderRefund(f"re_{key}", amount, "EUR", "failed", NOW, key)


def test_a_reversal_read_again_and_at_once_is_numbered_once_in_the_invoices_series(
    database_url: str, make_shop: Callable[..., Shop]
) -> None:
    desk: Desk = make_desk(database_url, make_shop)
    assert desk.shop.engine is not None
    store = SqlRefundStore(desk.shop.engine, PARIS)
    order_id = desk.paid(1)  # 25.00 with 4.00 VAT: invoice 1
    refund(store, order_id, "a")  # credit note 1
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(lambda _: store.sync(order_id, [failed("a")]), range(4)))
    store.sync(order_id, [failed("a")])
    assert desk.sql(REVERSALS) == [(invoice(2), "a", 2_500, order_id)]
    # The series goes on: the next order's invoice after it, no gap, no duplicate.
    other = desk.paid(2)
    assert desk.sql("select invoice_number from sales_order where id = :id", id=other) == [
        (invoice(3),)
    ]

    # Refunded again (the admin, after the failure): a second note, credited as the first.
    refund(store, order_id, "b")
    store.sync(order_id, [failed("a")])
    assert desk.sql(REVERSALS) == [(invoice(2), "a", 2_500, order_id)]
    record = desk.orders.get(order_id)
    assert record is not None
    first, again = record.credit_notes
    assert (first.number, again.number) == (
        credit_note_number(year(), 1),
        credit_note_number(year(), 2),
    )
    assert first.reversal is not None
    assert again.reversal is None
    note = build_credit_note(record, first.number, SELLER, PARIS)
    reversal = build_reversal_invoice(record, first.reversal.number, SELLER, PARIS)
    new_note = build_credit_note(record, again.number, SELLER, PARIS)
    assert note is not None
    assert reversal is not None
    assert new_note is not None
    assert reversal.shares == note.shares  # they cancel to the cent
    for document in (note, reversal, new_note):
        assert (document.amount_minor, document.vat_minor) == (2_500, 400)  # the invoice's
    # Notes less reversal invoices: what stands credited is the invoice, once.
    assert (
        note.vat_minor - reversal.vat_minor + new_note.vat_minor
        == record.amounts.vat_included_minor
    )


def test_a_refund_that_failed_before_it_went_through_gets_no_reversal_invoice(
    database_url: str, make_shop: Callable[..., Shop]
) -> None:
    desk = make_desk(database_url, make_shop)
    assert desk.shop.engine is not None
    store = SqlRefundStore(desk.shop.engine, PARIS)
    order_id = desk.paid(1)
    row = store.open(order_id, 1_000, "p", "")
    assert not isinstance(row, str)
    # Its answer, read from the provider's list: failed, never gone through.
    store.sync(order_id, [failed("p", 1_000)], answer_requests=True)
    assert desk.sql("select status, reversed from order_refund") == [("failed", False)]
    assert desk.sql(REVERSALS) == []
    assert desk.sql("select last_number from invoice_counter") == [(1,)]


def test_the_refunds_download_and_the_order_s_readers_get_the_reversal_invoice(
    database_url: str, make_shop: Callable[..., Shop]
) -> None:
    desk = make_desk(database_url, make_shop)
    assert desk.shop.engine is not None
    store = SqlRefundStore(desk.shop.engine, PARIS)
    order_id = desk.paid(1)
    desk.paid(2)  # another order, its key refused for this one's invoice
    refund(store, order_id, "a", 1_000)
    store.sync(order_id, [failed("a", 1_000)])
    rows = refunds_of(desk, OrderFilter(zone=PARIS))
    # Its column after the earlier ones, then how each went back (0057's, appended after it).
    assert [list(row)[-2:] for row in rows] == [["reversal_invoice", "method"]] * 2
    assert [(r["entry"], r["credit_note"], r["reversal_invoice"]) for r in rows] == [
        ("refund", credit_note_number(year(), 1), ""),
        ("refund_failed", credit_note_number(year(), 1), invoice(3)),
    ]
    detail = desk.admin.detail(order_id)
    assert detail is not None
    assert detail.reversal_invoices == ((invoice(3), credit_note_number(year(), 1)),)

    sessions = team_sessions(desk.shop)
    set_shop(desk.shop)
    try:
        client = TestClient(build_api())
        mine = REVERSAL_INVOICE_PATH.format(reference="REF0000001", number=invoice(3))
        answers = {
            "key": client.get(mine, params={"key": "key-1"}),
            "no key": client.get(mine),
            "other key": client.get(mine, params={"key": "key-2"}),
            # The order's own invoice and another order's, under this path: not reversals.
            "invoice": client.get(
                REVERSAL_INVOICE_PATH.format(reference="REF0000001", number=invoice(1)),
                params={"key": "key-1"},
            ),
            "other order": client.get(
                REVERSAL_INVOICE_PATH.format(reference="REF0000002", number=invoice(3)),
                params={"key": "key-2"},
            ),
        }
        staff_path = ADMIN_REVERSAL_INVOICE_PATH.format(reference="REF0000001", number=invoice(3))
        for who in ("staff", "shopper"):
            client.cookies.set(SESSION_COOKIE, getattr(sessions, who))
            answers[who] = client.get(staff_path)
    finally:
        set_shop(None)
    page = answers["key"]
    assert page.status_code == 200
    assert "no-store" in page.headers["cache-control"]
    assert f"<h1>Invoice {invoice(3)}</h1>" in page.text
    assert f"Cancels credit note {credit_note_number(year(), 1)} of " in page.text
    assert f"to invoice {invoice(1)} of " in page.text
    assert "€10.00" in page.text
    assert "€1.60" in page.text  # 10.00 of 25.00 with 4.00 VAT
    assert answers["staff"].status_code == 200
    assert f"Invoice {invoice(3)}" in answers["staff"].text
    for refused in ("no key", "other key", "invoice", "other order", "shopper"):
        assert answers[refused].status_code == 404, refused
        assert "Cancels credit note" not in answers[refused].text


def test_the_refunds_download_carries_the_vat_of_the_documents_each_row_names(
    database_url: str, make_shop: Callable[..., Shop]
) -> None:
    """Review: the rows counted the reversed refund as refunded, so 0.03 refunded after it
    gave back 0.00 of VAT where its credit note carries 0.01."""
    desk = make_desk(database_url, make_shop)
    assert desk.shop.engine is not None
    store = SqlRefundStore(desk.shop.engine, PARIS)
    order_id = desk.paid(1)
    desk.sql(  # 100.00 with 16.67 VAT
        "update sales_order set subtotal_minor = 9500, total_minor = 10000, vat_minor = 1667"
        " where id = :id",
        id=order_id,
    )
    refund(store, order_id, "a", 3_333)
    store.sync(order_id, [failed("a", 3_333)])
    refund(store, order_id, "b", 3)
    record = desk.orders.get(order_id)
    assert record is not None
    first, again = (
        build_credit_note(record, note.number, SELLER, PARIS) for note in record.credit_notes
    )
    assert first is not None
    assert again is not None
    assert (first.vat_minor, again.vat_minor) == (556, 1)
    rows = refunds_of(desk, OrderFilter(zone=PARIS))
    assert [(r["entry"], r["amount"], r["vat_included"], r["credit_note"]) for r in rows] == [
        ("refund", "33.33", "5.56", first.number),
        ("refund_failed", "-33.33", "-5.56", first.number),
        ("refund", "0.03", "0.01", again.number),
    ]


def test_a_refund_closed_issues_a_due_reversal_invoice_before_its_note_at_the_same_moment(
    database_url: str, make_shop: Callable[..., Shop]
) -> None:
    desk = make_desk(database_url, make_shop)
    assert desk.shop.engine is not None
    store = SqlRefundStore(desk.shop.engine, PARIS)
    order_id = desk.paid(1)  # invoice 1
    refund(store, order_id, "a", 1_000)  # credit note 1
    # Reversed with no invoice yet (the stores issue it with the reversal: set here by hand).
    desk.sql(
        "update order_refund set status = 'failed', reversed = :yes, failed_at = created_at"
        " where request_key = 'a'",
        yes=True,
    )
    refund(store, order_id, "b", 1_000)  # closed: the reversal's invoice, then note 2
    assert desk.sql(REVERSALS) == [(invoice(2), "a", 1_000, order_id)]
    record = desk.orders.get(order_id)
    assert record is not None
    cancelled, new_note = record.credit_notes
    assert cancelled.reversal is not None
    assert cancelled.reversal.issued_at == new_note.issued_at
    assert new_note.number == credit_note_number(year(), 2)


def test_migration_0055_numbers_the_reversals_made_before_it_once(
    database_url: str, make_shop: Callable[..., Shop]
) -> None:
    desk = make_desk(database_url, make_shop)
    assert desk.shop.engine is not None
    store = SqlRefundStore(desk.shop.engine, PARIS)
    first, second = desk.paid(1), desk.paid(2)  # invoices 1 and 2
    refund(store, first, "a")
    store.sync(first, [failed("a")])  # invoice 3
    refund(store, second, "b", 500)
    store.sync(second, [failed("b", 500)])  # invoice 4
    refund(store, second, "c", 700)  # went through, stands: no reversal invoice
    url = database_url.replace("postgresql://", "postgresql+psycopg://", 1)
    config = alembic_config(url)
    # Its invoices are never deleted: the downgrade is refused, nothing changed (from 0055:
    # the migrations after it have nothing here to refuse).
    command.downgrade(config, "0055")
    head = desk.sql("select version_num from alembic_version")
    with pytest.raises(RuntimeError, match="reversal_invoice holds 2 numbered invoice"):
        command.downgrade(config, "0054")
    assert desk.sql("select version_num from alembic_version") == head
    assert [row[1] for row in desk.sql(REVERSALS)] == ["a", "b"]
    desk.sql("delete from reversal_invoice")  # as before 0055 (then an empty table goes)
    command.downgrade(config, "0054")  # before reversal invoices: their table gone
    command.upgrade(config, "head")
    utc_year = datetime.now(UTC).year  # the migrating process's zone: UTC here
    expected = [
        (invoice_number(utc_year, 5), "a", 2_500, first),
        (invoice_number(utc_year, 6), "b", 500, second),
    ]
    assert desk.sql(REVERSALS) == expected
    # A run stopped after its first invoice, before its counter and its stamp: caught up.
    desk.sql("delete from reversal_invoice where number = :n", n=invoice_number(utc_year, 6))
    desk.sql("update invoice_counter set last_number = 4")
    desk.sql("update alembic_version set version_num = '0054'")
    command.upgrade(config, "head")
    command.check(config)
    assert desk.sql(REVERSALS) == expected
    desk.sql("update alembic_version set version_num = '0054'")  # stopped before its stamp
    command.upgrade(config, "head")
    assert desk.sql(REVERSALS) == expected
    assert desk.sql("select last_number from invoice_counter") == [(6,)]
    refund(store, first, "d")  # the series goes on after them
    store.sync(first, [failed("d")])
    assert desk.sql(REVERSALS)[-1] == (invoice_number(utc_year, 7), "d", 2_500, first)


def test_an_order_is_found_by_its_reversal_invoice_and_the_orders_download_lists_them(
    database_url: str, make_shop: Callable[..., Shop]
) -> None:
    """QA: searching a reversal invoice's number found nothing (a credit note's found its
    order), and the orders download listed the cancelled note with no word of its reversal:
    the file read as if every note still stood."""
    desk = make_desk(database_url, make_shop)
    assert desk.shop.engine is not None
    store = SqlRefundStore(desk.shop.engine, PARIS)
    order_id, other = desk.paid(1), desk.paid(2)  # invoices 1 and 2
    refund(store, order_id, "a", 1_000)  # credit note 1
    refund(store, order_id, "b", 500)  # credit note 2, which stands
    store.sync(order_id, [failed("a", 1_000)])  # invoice 3 cancels note 1
    refund(store, order_id, "c", 700)  # credit note 3
    store.sync(order_id, [failed("c", 700)])  # invoice 4 cancels note 3
    refund(store, other, "d", 300)  # credit note 4: the other order's, standing
    found = [
        [row.id for row in desk.admin.list_orders(OrderFilter(customer=typed)).rows]
        for typed in (invoice(3), f" {invoice(4).lower()} ", invoice(2), invoice(3)[:-1])
    ]
    assert found == [[order_id], [order_id], [other], []]
    stream = io.StringIO()
    desk.admin.export(OrderFilter(), stream, PARIS)
    rows = {
        r["reference"]: (r["invoice_number"], r["credit_notes"], r["reversal_invoices"])
        for r in csv.DictReader(io.StringIO(stream.getvalue()))
    }
    notes = [credit_note_number(year(), n) for n in range(1, 5)]
    assert rows == {
        "REF0000001": (invoice(1), " ".join(notes[:3]), f"{invoice(3)} {invoice(4)}"),
        "REF0000002": (invoice(2), notes[3], ""),
    }
