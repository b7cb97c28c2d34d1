"""The refunds download for the books, on SQLite and PostgreSQL: the refunds that went through
within the shop's days (in its time zone), in the order they were made, with the VAT each
gives back; staff only, audited."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text
from starlette.testclient import TestClient

from models.types import utc_now
from storefront.adapters.sql_admin_orders import REFUND
from storefront.adapters.sql_order_records import NOTE
from storefront.api.routes import build_api
from storefront.bootstrap import Shop, set_shop
from storefront.services.admin import refund_export
from storefront.services.admin.order_views import OrderFilter
from tests.integration.admin_fixtures import admin_of, post_export, staff_of, team_sessions
from tests.integration.test_admin_orders import NOW, Desk, make_desk

PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def desk(database_url: str, make_shop: Callable[..., Shop]) -> Desk:
    return make_desk(database_url, make_shop)


def refunded(
    desk: Desk, order_id: int, key: str, amount: int, at: datetime, *, status: str = "succeeded",
    reason: str = "", failed_at: datetime | None = None, reversed: bool = False,
) -> None:  # fmt: skip
    desk.insert(
        REFUND, order_id=order_id, amount_minor=amount, request_key=key, reason=reason,
        status=status, created_at=at, provider_refund_id=f"re_{key}", failed_at=failed_at,
        reversed=reversed,
    )  # fmt: skip


def refunds_of(desk: Desk, days: OrderFilter) -> list[dict[str, str]]:
    stream = io.StringIO()
    written = desk.admin.export_refunds(days, stream, PARIS)
    rows = list(csv.DictReader(io.StringIO(stream.getvalue())))
    assert written == len(rows)
    return rows


def test_the_refunds_made_in_the_shops_days_download_in_the_order_they_were_made(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(refund_export, "BATCH", 1)  # every row its own batch, ties included
    first = desk.paid(1)  # 25.00 with 4.00 VAT
    second = desk.paid(2, vat=(2_550, 508))  # to Finland: 25.00 with 5.08 VAT at 25.5 %
    refunded(desk, first, "late-29th", 100, datetime(2026, 11, 29, 22, 30, tzinfo=UTC))
    refunded(desk, first, "early-30th", 1_000, datetime(2026, 11, 29, 23, 30, tzinfo=UTC),
             reason='=HYPERLINK("https://evil.example")')  # fmt: skip
    refunded(desk, second, "provider:re_dash", 1_250, NOW)
    refunded(desk, first, "same-time", 333, NOW)
    refunded(desk, second, "pending", 200, NOW, status="pending")
    refunded(desk, second, "failed", 200, NOW, status="failed")
    refunded(desk, first, "first-of-december", 100, datetime(2026, 11, 30, 23, 10, tzinfo=UTC))

    # The 30th of November in Paris: 23:00 UTC on the 29th to 23:00 UTC on the 30th.
    rows = refunds_of(desk, OrderFilter(created_from=date(2026, 11, 30),
                                        created_to=date(2026, 11, 30), zone=PARIS))  # fmt: skip
    assert [
        (r["refunded_at"], r["order"], r["amount"], r["vat_included"], r["made_in"]) for r in rows
    ] == [
        ("2026-11-30T00:30:00+01:00", "REF0000001", "10.00", "1.60", "shop"),
        ("2026-11-30T13:00:00+01:00", "REF0000002", "12.50", "2.54", "provider"),
        ("2026-11-30T13:00:00+01:00", "REF0000001", "3.33", "0.53", "shop"),
    ]
    assert rows[0]["reason"] == '\'=HYPERLINK("https://evil.example")'
    assert (rows[0]["currency"], rows[0]["vat_rate_percent"], rows[0]["email"]) == (
        "EUR", "20", "shopper1@example.com",
    )  # fmt: skip
    assert rows[1]["vat_rate_percent"] == "25.5"
    assert (rows[0]["invoice"], rows[0]["credit_note"]) == ("F2026-000001", "")  # no note made
    assert (rows[1]["refund_id"], rows[1]["order_placed_at"]) == (
        "re_provider:re_dash", "2026-11-30T13:00:00+01:00",
    )  # fmt: skip
    # No days: every refund that went through.
    assert len(refunds_of(desk, OrderFilter(zone=PARIS))) == 5


def test_staff_download_the_refunds_in_the_filters_days_by_ticket(desk: Desk) -> None:
    sessions = team_sessions(desk.shop)
    refunded(desk, desk.paid(1, email="camille@example.com"), "k", 500, NOW)
    staff, exports = staff_of(desk.shop, sessions.staff), admin_of(desk.shop).exports
    zone = desk.shop.settings.zone
    days = OrderFilter.typed({"from": "2026-11-30", "to": "2026-11-30"}, zone)
    ticket = exports.refunds_ticket(staff, days, utc_now())
    after = OrderFilter.typed({"from": "2026-12-01"}, zone)
    later = exports.refunds_ticket(staff, after, utc_now())
    set_shop(desk.shop)
    try:
        client = TestClient(build_api())
        for cookie in ("", sessions.shopper, "forged-token"):
            refused = post_export(client, cookie, "refunds", ticket)
            assert refused.status_code == 403
            assert "camille@example.com" not in refused.text
        answer = post_export(client, sessions.staff, "refunds", ticket)
        outside = post_export(client, sessions.staff, "refunds", later)
    finally:
        set_shop(None)
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/csv")
    assert answer.headers["cache-control"] == "no-store"
    day = utc_now().astimezone(zone).date().isoformat()
    assert answer.headers["content-disposition"] == f'attachment; filename="refunds-{day}.csv"'
    assert [r["email"] for r in csv.DictReader(io.StringIO(answer.text))] == ["camille@example.com"]
    assert list(csv.DictReader(io.StringIO(outside.text))) == []
    entries = desk.sql(
        "select actor_email, after from admin_audit where action = 'refunds.export' order by id"
    )
    assert [(actor, json.loads(str(after))) for actor, after in entries] == [
        ("sam@example.com", {"from": "2026-11-30", "to": "2026-11-30"}),
        ("sam@example.com", {"from": "2026-12-01", "to": ""}),
    ]


def test_an_orders_refunds_give_back_its_vat_to_the_cent_however_split(desk: Desk) -> None:
    order_id = desk.paid(1)  # 25.00 with 4.00 VAT
    for n, amount in enumerate((833, 833, 834)):
        refunded(desk, order_id, f"third-{n}", amount, NOW.replace(minute=n))
    rows = refunds_of(desk, OrderFilter(zone=PARIS))
    assert [r["vat_included"] for r in rows] == ["1.33", "1.34", "1.33"]  # 4.00 together


def test_a_refund_failing_after_it_went_through_is_booked_back_when_the_shop_heard_so(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its own row stays in the period it was made in (already booked); a second one takes its
    money and VAT back in the period it failed in. One that never went through is in none."""
    monkeypatch.setattr(refund_export, "BATCH", 1)  # a refund and its reversal split apart
    order_id = desk.paid(1)  # 25.00 with 4.00 VAT
    december = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
    refunded(desk, order_id, "closed-card", 1_000, NOW, status="failed", failed_at=december,
             reversed=True)  # fmt: skip
    refunded(desk, order_id, "never-made", 500, NOW, status="failed", failed_at=NOW)
    refunded(desk, order_id, "same-time", 250, NOW, status="failed", failed_at=NOW, reversed=True)
    refunded(desk, order_id, "after", 500, december)

    def entries(days: OrderFilter) -> list[tuple[str, ...]]:
        return [
            (r["refunded_at"], r["amount"], r["vat_included"], r["entry"], r["refund_id"])
            for r in refunds_of(desk, days)
        ]

    november = OrderFilter(created_from=date(2026, 11, 30), created_to=date(2026, 11, 30),
                           zone=PARIS)  # fmt: skip
    assert entries(november) == [
        ("2026-11-30T13:00:00+01:00", "10.00", "1.60", "refund", "re_closed-card"),
        ("2026-11-30T13:00:00+01:00", "2.50", "0.40", "refund", "re_same-time"),
        ("2026-11-30T13:00:00+01:00", "-2.50", "-0.40", "refund_failed", "re_same-time"),
    ]
    assert entries(OrderFilter(created_from=date(2026, 12, 1), zone=PARIS)) == [
        ("2026-12-03T10:00:00+01:00", "-10.00", "-1.60", "refund_failed", "re_closed-card"),
        ("2026-12-03T10:00:00+01:00", "5.00", "0.80", "refund", "re_after"),
    ]
    assert len(refunds_of(desk, OrderFilter(zone=PARIS))) == 5


def test_rows_name_the_orders_invoice_and_the_refunds_credit_note(desk: Desk) -> None:
    """QA: an accountant could not match the rows to the invoices and credit notes issued."""
    order_id = desk.paid(1)
    refunded(desk, order_id, "noted", 1_000, NOW)
    assert desk.shop.engine is not None
    with desk.shop.engine.begin() as connection:
        connection.execute(
            text("update sales_order set invoice_number = 'F2026-000007' where id = :id"),
            {"id": order_id},
        )
        refund_id = connection.execute(
            text("select id from order_refund where request_key = 'noted'")
        ).scalar_one()
    desk.insert(NOTE, number="A2026-000003", order_id=order_id, refund_id=refund_id,
                amount_minor=1_000, issued_at=NOW, issue_date=NOW.date())  # fmt: skip
    [row] = refunds_of(desk, OrderFilter(zone=PARIS))
    assert (row["invoice"], row["credit_note"]) == ("F2026-000007", "A2026-000003")
    stream = io.StringIO()
    desk.admin.export(OrderFilter(), stream, PARIS)
    [order] = csv.DictReader(io.StringIO(stream.getvalue()))
    assert (order["invoice_number"], order["credit_notes"]) == ("F2026-000007", "A2026-000003")
