"""The admin's CSV downloads on fakes: each is audited as its ticket is issued, the ticket
carries the download's parameters (format, the orders list's filter) and works once, for its
own staff member, its own download and a minute; a refusal writes nothing."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any, TextIO
from zoneinfo import ZoneInfo

import pytest

from models.admin import Role
from models.orders import OrderStatus
from storefront.bootstrap import Shop
from storefront.services.admin.access import AccessDenied, Staff
from storefront.services.admin.exports import ExportDesk
from storefront.services.admin.order_views import OrderFilter, OrderPage
from storefront.services.errors import Refusal
from tests.unit.services.admin_fakes import FakeAudit, FakeTickets

NOW = datetime(2026, 12, 4, 23, 30, tzinfo=UTC)  # already the 5th in Paris
PARIS = ZoneInfo("Europe/Paris")
ADMIN = Staff(1, "boss@example.com", Role.ADMIN)
STAFF = Staff(2, "clerk@example.com", Role.STAFF)
SHOPPER = Staff(3, "ann@example.com", Role.SHOPPER)


class FakeOrders:
    """AdminOrders' reads the exports use: the count, and the two files (what each was
    asked with is kept)."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.asked: list[tuple[str, OrderFilter, tzinfo]] = []

    def list_orders(self, order_filter: OrderFilter, page: int = 1, page_size: int = 1) -> Any:
        return OrderPage((), self.count, 1, 1)

    def export(self, order_filter: OrderFilter, stream: TextIO, zone: tzinfo) -> int:
        self.asked.append(("orders", order_filter, zone))
        stream.write("reference\n")
        return 0

    def export_refunds(self, days: OrderFilter, stream: TextIO, zone: tzinfo) -> int:
        self.asked.append(("refunds", days, zone))
        stream.write("refunded_at\n")
        return 0


@pytest.fixture
def parts(seeded: Shop) -> tuple[ExportDesk, FakeAudit, FakeTickets, FakeOrders]:
    audit, orders = FakeAudit(), FakeOrders(7)
    tickets = FakeTickets(audit)
    return ExportDesk(tickets, seeded.run, orders, PARIS), audit, tickets, orders  # type: ignore[arg-type]


Parts = tuple[ExportDesk, FakeAudit, FakeTickets, FakeOrders]


def test_the_catalog_is_audited_as_its_ticket_is_issued_and_the_ticket_works_once(
    parts: Parts,
) -> None:
    desk, audit, tickets, _ = parts
    ticket = desk.catalog_ticket(STAFF, "shopify", NOW)
    [entry] = audit.entries
    assert (entry.actor_email, entry.action, entry.subject) == (
        STAFF.email,
        "catalog.export",
        "catalog",
    )
    assert json.loads(entry.after) == {"format": "shopify", "products": 40}
    download = desk.download(STAFF, "catalog", ticket, NOW + timedelta(seconds=59))
    assert download.filename == "catalog-shopify.csv"
    stream = io.StringIO()
    assert download.write(stream) == 40
    assert stream.getvalue().startswith("Handle,")  # the format the ticket carried
    assert tickets.kept == {}
    with pytest.raises(Refusal) as spent:
        desk.download(STAFF, "catalog", ticket, NOW)
    assert spent.value.code == "admin.export.error.ticket"
    assert len(audit.entries) == 1  # taking the ticket writes no entry


def test_the_orders_filter_travels_in_the_ticket(parts: Parts) -> None:
    desk, audit, _, orders = parts
    asked = OrderFilter(
        statuses=frozenset({OrderStatus.PAID}),
        created_from=date(2026, 11, 1),
        created_to=date(2026, 11, 30),
        customer="camille@",
        zone=PARIS,
    )
    ticket = desk.orders_ticket(STAFF, asked, NOW)
    [entry] = audit.entries
    assert (entry.action, entry.subject) == ("orders.export", "orders")
    assert json.loads(entry.after) == {
        "filter": {
            "statuses": "paid",
            "to_ship": "",
            "from": "2026-11-01",
            "to": "2026-11-30",
            "customer": "camille@",
        },
        "orders": 7,
    }
    download = desk.download(STAFF, "orders", ticket, NOW)
    assert download.filename == "orders-2026-12-05.csv"  # the shop's day
    download.write(io.StringIO())
    assert orders.asked == [("orders", asked, PARIS)]
    to_ship = OrderFilter.typed({"status": "to_ship", "from": "2026-11-03"}, PARIS)
    desk.download(STAFF, "orders", desk.orders_ticket(STAFF, to_ship, NOW), NOW).write(
        io.StringIO()
    )
    assert orders.asked[-1] == ("orders", to_ship, PARIS)


def test_the_refunds_ticket_carries_the_filters_days_only(parts: Parts) -> None:
    desk, audit, _, orders = parts
    days = OrderFilter.typed(
        {"status": "paid", "from": "2026-11-30", "to": "2026-11-30", "customer": "bob"}, PARIS
    )
    ticket = desk.refunds_ticket(STAFF, days, NOW)
    [entry] = audit.entries
    assert (entry.action, entry.subject) == ("refunds.export", "orders")
    assert entry.after == '{"from": "2026-11-30", "to": "2026-11-30"}'
    download = desk.download(STAFF, "refunds", ticket, NOW)
    assert download.filename == "refunds-2026-12-05.csv"
    out = io.StringIO()
    download.write(out)
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [["refunded_at"]]
    day = date(2026, 11, 30)
    assert orders.asked == [
        ("refunds", OrderFilter(created_from=day, created_to=day, zone=PARIS), PARIS)
    ]


@pytest.mark.parametrize(
    ("who", "export", "ticket", "at"),
    [
        (ADMIN, "catalog", "", NOW),  # another staff member's
        (STAFF, "orders", "", NOW),  # posted to another download
        (STAFF, "catalog", "", NOW + timedelta(seconds=60)),  # expired
        (STAFF, "catalog", "forged", NOW),
        (STAFF, "catalog", "x" * 101, NOW),
        (STAFF, "catalog", " ", NOW),
    ],
)
def test_a_ticket_works_only_for_its_staff_member_its_download_and_a_minute(
    parts: Parts, who: Staff, export: Any, ticket: str, at: datetime
) -> None:
    desk, audit, _, _ = parts
    issued = desk.catalog_ticket(STAFF, "generic", NOW)
    with pytest.raises(Refusal) as refused:
        desk.download(who, export, ticket or issued, at)
    assert refused.value.code == "admin.export.error.ticket"
    assert len(audit.entries) == 1


def test_refusals_issue_no_ticket_and_write_nothing(parts: Parts) -> None:
    desk, audit, tickets, _ = parts
    with pytest.raises(Refusal) as bad_format:
        desk.catalog_ticket(STAFF, "excel", NOW)
    assert bad_format.value.code == "admin.export.error.format"
    for issue in (
        lambda: desk.catalog_ticket(SHOPPER, "generic", NOW),
        lambda: desk.orders_ticket(SHOPPER, OrderFilter(), NOW),
        lambda: desk.refunds_ticket(SHOPPER, OrderFilter(), NOW),
    ):
        with pytest.raises(AccessDenied):
            issue()
    assert (audit.entries, tickets.kept) == ([], {})
    ticket = desk.catalog_ticket(STAFF, "generic", NOW)
    with pytest.raises(AccessDenied):  # a shopper cannot spend a staff member's ticket
        desk.download(SHOPPER, "catalog", ticket, NOW)
    assert len(tickets.kept) == 1


def test_an_order_filter_reads_back_as_it_was_described() -> None:
    for fields in (
        {},
        {"status": "to_ship"},
        {"status": "refunded", "from": "2026-01-31", "to": "2026-02-01", "customer": "Ann B"},
    ):
        kept = OrderFilter.typed(fields, PARIS)
        assert OrderFilter.of_described(kept.described(), PARIS) == kept
    unreadable = {"statuses": "paid,nonsense", "from": "yesterday", "to_ship": "maybe"}
    assert OrderFilter.of_described(unreadable, PARIS) == OrderFilter(
        statuses=frozenset({OrderStatus.PAID}), zone=PARIS
    )
