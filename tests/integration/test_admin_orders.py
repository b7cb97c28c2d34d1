"""The admin's order desk on real SQLite and PostgreSQL: list, detail, ship, cancel, and the
order page after a refusal."""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Table, insert, select, text, update
from starlette.testclient import TestClient

from models.orders import OrderStatus as S
from models.types import utc_now
from state.admin.guard import AdminState
from state.admin.order_rows import order_row
from state.admin.order_view import order_view
from state.admin.orders import AdminOrdersState, AdminOrderState
from state.order import OrderState
from state.order_history import OrderHistoryState
from state.order_withdrawal import OrderWithdrawalState
from storefront.adapters.mailer import OutboxMailer
from storefront.adapters.sql_admin_orders import REFUND, SqlAdminOrders
from storefront.adapters.sql_order_records import NOTE
from storefront.adapters.sql_order_store import ORDER, SqlOrderStore
from storefront.adapters.sql_refunds import SqlRefundStore
from storefront.api.routes import build_api
from storefront.bootstrap import Shop, set_shop
from storefront.i18n import translations
from storefront.services.admin.audit import AuditRecord
from storefront.services.admin.order_views import OrderDetail, OrderFilter
from storefront.services.admin.orders import AdminOrders
from storefront.services.catalog_writer import save_drafts
from storefront.services.checkout.pricing import Totals
from storefront.services.errors import AlreadyDone, Refusal
from storefront.services.inventory import Inventory
from storefront.services.orders.ports import Address, NewOrder, OrderItem
from storefront.services.orders.withdrawal import Draft
from storefront.services.payments import ProviderRefund
from tests.integration.admin_fixtures import (
    admin_of,
    post_export,
    sign_up,
    staff_of,
    team_sessions,
    unwritable_audit,
)
from tests.integration.test_admin_authorization import router_at, state_at, visit
from tests.unit.conftest import CHAIRS, draft

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


@dataclass
class Desk:
    shop: Shop
    admin: AdminOrders
    orders: SqlOrderStore
    inventory: Inventory

    def sql(self, statement: str, **params: object) -> list[tuple[object, ...]]:
        assert self.shop.engine is not None
        with self.shop.engine.begin() as connection:
            result = connection.execute(text(statement), params)
            return [tuple(row) for row in result] if result.returns_rows else []

    def insert(self, table: Table, **values: object) -> None:
        # Through the typed table: SQLite keeps datetimes as text, in SQLAlchemy's format.
        assert self.shop.engine is not None
        with self.shop.engine.begin() as connection:
            connection.execute(insert(table).values(values))

    def place(
        self, n: int, *, email: str = "", name: str = "Camille Martin", quantity: int = 1,
        created: datetime = NOW, locale: str = "en", vat: tuple[int, int] = (2_000, 400),
    ) -> int:  # fmt: skip
        """An unpaid order holding its stock, as checkout leaves it; `vat`: its rate in basis
        points and the VAT its 25.00 (quantity 1) included."""
        lines = (OrderItem(1, "SKU-1-0", "Chair number 1", quantity, 2_000, "Red"),)
        order_id = self.orders.create(
            NewOrder(
                reference=f"REF{n:07d}", access_key=f"key-{n}", account_id=None, cart_id=None,
                email=email or f"shopper{n}@example.com", locale=locale,
                address=Address(name, "12 rue des Lilas", "", "75011", "Paris", "FR"),
                shipping_method="standard", discount_code=None,
                amounts=Totals(2_000 * quantity, 0, 500, 2_000 * quantity + 500, *vat, "EUR"),
                lines=lines,
            )
        )  # fmt: skip
        assert self.inventory.reserve(f"order:{order_id}", [("SKU-1-0", quantity)], NOW)
        assert self.shop.engine is not None
        with self.shop.engine.begin() as connection:
            connection.execute(
                update(ORDER).where(ORDER.c.id == order_id).values(created_at=created)
            )
        return order_id

    def paid(self, n: int, **kwargs: object) -> int:
        order_id = self.place(n, **kwargs)  # type: ignore[arg-type]
        assert self.orders.move(order_id, S.PAID).applied
        return order_id

    def state(self, order_id: int) -> tuple[object, ...]:
        assert self.shop.engine is not None
        columns = (ORDER.c.status, ORDER.c.carrier, ORDER.c.tracking_number, ORDER.c.fulfilled_at)
        with self.shop.engine.connect() as connection:
            row = connection.execute(select(*columns).where(ORDER.c.id == order_id)).one()
        return tuple(row)

    def mails(self) -> list[tuple[object, ...]]:
        """The shop's mails but the team's own (a staff member's link to a password, the
        notice of the password they set with it) and the sign-up welcomes (their link confirms
        an address), by their subjects in any language: the shop writes in its own
        (admin_fixtures.joined_by_mail)."""
        skipped = {
            subject
            for key in (
                "account.mail.team.subject",
                "account.mail.changed.subject",
                "account.mail.welcome.subject",
            )
            for subject in translations(key).values()
        }
        mails = self.sql("select recipient, subject, body from mail_outbox order by id")
        return [mail for mail in mails if mail[1] not in skipped]

    def stock(self) -> int:
        (row,) = self.sql("select stock from variant where sku = 'SKU-1-0'")
        return int(str(row[0]))


@pytest.fixture
def desk(database_url: str, make_shop: Callable[..., Shop]) -> Desk:
    return make_desk(database_url, make_shop)


def make_desk(database_url: str, make_shop: Callable[..., Shop]) -> Desk:
    """A shop with one product (50 in stock) and its admin's orders service."""
    shop = make_shop(database_url)
    shop.run(save_drafts, [draft(1, stock=50, price=2_000)], categories=[CHAIRS])
    assert shop.engine is not None
    assert shop.commerce is not None
    assert shop.inventory is not None
    orders = shop.commerce.orders
    assert isinstance(orders, SqlOrderStore)
    admin = AdminOrders(
        SqlAdminOrders(shop.engine),
        orders,
        shop.inventory,
        OutboxMailer(shop.engine),
        public_url="https://shop.example",
    )
    return Desk(shop, admin, orders, shop.inventory)


def ids(desk: Desk, order_filter: OrderFilter, **paging: int) -> list[int]:
    return [row.id for row in desk.admin.list_orders(order_filter, **paging).rows]


def test_orders_list_newest_first_filtered_by_status(desk: Desk) -> None:
    pending = desk.place(1, created=NOW - timedelta(hours=3))
    paid = desk.paid(2, created=NOW - timedelta(hours=2))
    other_paid = desk.paid(3, created=NOW - timedelta(hours=1))
    assert ids(desk, OrderFilter()) == [other_paid, paid, pending]
    assert ids(desk, OrderFilter(statuses=frozenset({S.PAID}))) == [other_paid, paid]
    assert ids(desk, OrderFilter(statuses=frozenset({S.PENDING, S.CANCELED}))) == [pending]


def test_the_shipped_filter_keeps_every_order_that_left_refunded_since_or_not(desk: Desk) -> None:
    """The list marks a shipped order refunded since with a "Shipped" badge: the filter and
    the CSV export's rows (the same conditions) keep it too (QA: status = fulfilled alone)."""
    shipped = desk.paid(1, created=NOW - timedelta(hours=4))
    partly = desk.paid(2, created=NOW - timedelta(hours=3))
    whole = desk.paid(3, created=NOW - timedelta(hours=2))
    unshipped_partly = desk.paid(4, created=NOW - timedelta(hours=1))
    for order_id in (shipped, partly, whole):
        desk.admin.fulfil(order_id, "ups", f"1Z999AA{order_id}", NOW)
    refund(desk, partly, 500, "p" * 24)
    whole_order = desk.orders.get(whole)
    assert whole_order is not None
    refund(desk, whole, whole_order.amounts.total_minor, "w" * 24)  # all of it, after it left
    refund(desk, unshipped_partly, 500, "u" * 24)
    only = OrderFilter(statuses=frozenset({S.FULFILLED}))
    assert ids(desk, only) == [whole, partly, shipped]
    stream = io.StringIO()
    assert desk.admin.export(only, stream, UTC) == 3
    exported = [row["reference"] for row in csv.DictReader(io.StringIO(stream.getvalue()))]
    references = [desk.orders.get(i).reference for i in (shipped, partly, whole)]  # type: ignore[union-attr]
    assert exported == references
    # The others are their status, as their badge says: shipped or not.
    partly_refunded = OrderFilter(statuses=frozenset({S.PARTIALLY_REFUNDED}))
    assert ids(desk, partly_refunded) == [unshipped_partly, partly]
    assert ids(desk, OrderFilter(statuses=frozenset({S.REFUNDED}))) == [whole]
    assert ids(desk, OrderFilter(statuses=frozenset({S.PAID}))) == []


def test_the_refund_owed_filter_keeps_the_canceled_orders_whose_refund_failed_since(
    desk: Desk,
) -> None:
    """Canceled by its full refund, which failed after it went through (a closed card): the
    customer is owed it, so the list marks it and the "Refund owed" filter (and its CSV)
    keeps it until it is refunded again. A canceled order whose refund stood, one canceled
    unpaid and a paid one are neither kept nor marked."""
    owed = desk.paid(1, created=NOW - timedelta(hours=4))
    stood = desk.paid(2, created=NOW - timedelta(hours=3))
    unpaid = desk.place(3, created=NOW - timedelta(hours=2))
    paid = desk.paid(4, created=NOW - timedelta(hours=1))
    refund(desk, owed, 2_500, "o" * 24)  # all of it, unshipped: canceled
    refund(desk, stood, 2_500, "s" * 24)
    desk.admin.cancel(unpaid, NOW)
    assert desk.shop.engine is not None
    store = SqlRefundStore(desk.shop.engine)
    failed = ProviderRefund("re_oooo", 2_500, "EUR", "failed", NOW, request_key="o" * 24)
    assert store.sync(owed, [failed]).changed
    assert desk.sql("select status, refunded_minor from sales_order order by id") == [
        ("canceled", 0), ("canceled", 2_500), ("canceled", 0), ("paid", 0),
    ]  # fmt: skip

    chosen = OrderFilter.typed({"status": "refund_owed"})
    assert chosen == OrderFilter(refund_owed=True)
    assert OrderFilter.of_described(chosen.described()) == chosen  # the download's ticket
    assert ids(desk, chosen) == [owed]
    rows = desk.admin.list_orders(OrderFilter()).rows
    assert [(row.id, row.refund_owed) for row in rows] == [
        (paid, False), (unpaid, False), (stood, False), (owed, True),
    ]  # fmt: skip
    assert [order_row(row).refund_owed for row in rows] == [False, False, False, True]
    stream = io.StringIO()
    assert desk.admin.export(chosen, stream, UTC) == 1

    # Refunded again: on its way, then gone through, it is owed no more.
    again = store.open(owed, 2_500, "a" * 24, "card closed")
    assert not isinstance(again, str)
    assert ids(desk, chosen) == []
    assert store.close(again.id, "re_again", "succeeded")
    assert ids(desk, chosen) == []
    assert [row.refund_owed for row in desk.admin.list_orders(OrderFilter()).rows] == [
        False, False, False, False,
    ]  # fmt: skip
    assert desk.sql("select status, refunded_minor from sales_order where id = :id", id=owed) == [
        ("canceled", 2_500)
    ]


def test_orders_list_keeps_whole_utc_days_of_the_date_range(desk: Desk) -> None:
    before = desk.place(1, created=datetime(2026, 11, 9, 23, 59, 59, tzinfo=UTC))
    first = desk.place(2, created=datetime(2026, 11, 10, 0, 0, tzinfo=UTC))
    last = desk.place(3, created=datetime(2026, 11, 12, 23, 59, 59, tzinfo=UTC))
    after = desk.place(4, created=datetime(2026, 11, 13, 0, 0, tzinfo=UTC))
    days = OrderFilter(created_from=date(2026, 11, 10), created_to=date(2026, 11, 12))
    assert ids(desk, days) == [last, first]
    assert ids(desk, OrderFilter(created_from=date(2026, 11, 13))) == [after]
    assert ids(desk, OrderFilter(created_to=date(2026, 11, 9))) == [before]
    assert (
        ids(desk, OrderFilter(created_from=date(2026, 11, 12), created_to=date(2026, 11, 10))) == []
    )


async def test_the_orders_list_says_when_its_from_date_is_after_its_to_date(desk: Desk) -> None:
    """Rather than "0 orders", as if none were placed in those days."""
    desk.paid(1)
    sessions = team_sessions(desk.shop)
    set_shop(desk.shop)
    try:
        listing: Any = state_at(AdminOrdersState, sessions.admin, {})
        assert listing.loaded is False  # "no order matches" waits for the first answer
        await listing.load_page()
        assert (listing.total, listing.loaded) == (1, True)
        await listing.apply_filters({"from": "2026-11-30", "to": "2026-11-01"})
        root: Any = await listing.get_state(AdminState)
        assert root.problem == translations("admin.orders.error.dates")
        assert listing.errors == {"to": translations("admin.orders.error.to_before_from")}
        assert (listing.rows, listing.total) == ([], 0)
        await listing.apply_filters({"from": "2026-11-01", "to": "2026-11-30"})
        assert (root.problem, listing.errors, listing.total) == ({}, {}, 1)
        await listing.apply_filters({"from": "2026-11-30", "to": "2026-11-30"})  # one day
        assert (root.problem, listing.total) == ({}, 1)
    finally:
        set_shop(None)


def test_orders_list_finds_a_customer_by_email_name_or_reference(desk: Desk) -> None:
    camille = desk.place(1, email="camille@example.com", created=NOW - timedelta(hours=2))
    dupont = desk.place(2, name="Jean Dupont", email="jd@example.org", created=NOW)
    percent = desk.place(3, email="100%off@example.net", created=NOW - timedelta(hours=1))
    assert ids(desk, OrderFilter(customer="  CAMILLE@Example ")) == [camille]
    assert ids(desk, OrderFilter(customer="dupont")) == [dupont]
    assert ids(desk, OrderFilter(customer="ref0000003")) == [percent]
    # A reference's first characters, as read off a mail (QA); not its middle.
    assert ids(desk, OrderFilter(customer="ref00000")) == [dupont, percent, camille]
    assert ids(desk, OrderFilter(customer="EF0000003")) == []
    assert ids(desk, OrderFilter(customer="%")) == [percent]  # wildcards match themselves
    assert ids(desk, OrderFilter(customer="example")) == [dupont, percent, camille]


def test_orders_list_finds_a_name_or_email_whatever_its_case_and_accents(desk: Desk) -> None:
    cafe = desk.place(1, name="Café Crème", email="cc@example.com", created=NOW)
    chloe = desk.place(2, name="C Martin", email="chloé@exemple.fr", created=NOW)
    for typed in ("cafe creme", "CAFE", "café", "CAFÉ CRÈME"):
        assert ids(desk, OrderFilter(customer=typed)) == [cafe], typed
    assert ids(desk, OrderFilter(customer="CHLOE@")) == [chloe]
    assert ids(desk, OrderFilter(customer="cafe cream")) == []


def test_orders_list_finds_an_order_by_its_invoice_credit_note_or_payment_number(
    desk: Desk,
) -> None:
    """QA: an accountant's or Stripe's number found nothing; whole numbers only."""
    invoiced = desk.paid(1)
    other = desk.paid(2)
    assert desk.shop.engine is not None
    with desk.shop.engine.begin() as connection:
        connection.execute(
            text("update sales_order set payment_intent_id = 'pi_mBqITvjEGg' where id = :id"),
            {"id": other},
        )
        connection.execute(
            text("insert into order_refund (order_id, amount_minor, request_key, reason, status,"
                 " created_at, reversed) values (:id, 100, 'k', '', 'succeeded', :at, false)"),
            {"id": other, "at": NOW},
        )  # fmt: skip
        refund_id = connection.execute(text("select max(id) from order_refund")).scalar_one()
        invoice = connection.execute(
            text("select invoice_number from sales_order where id = :id"), {"id": invoiced}
        ).scalar_one()
    desk.insert(NOTE, number="A2026-000009", order_id=other, refund_id=refund_id,
                amount_minor=100, issued_at=NOW, issue_date=NOW.date())  # fmt: skip
    assert invoice
    assert ids(desk, OrderFilter(customer=invoice.lower())) == [invoiced]
    assert ids(desk, OrderFilter(customer=" a2026-000009 ")) == [other]
    assert ids(desk, OrderFilter(customer="pi_mBqITvjEGg")) == [other]
    assert ids(desk, OrderFilter(customer="pi_mbqitvjegg")) == []  # Stripe's ids are cased
    assert ids(desk, OrderFilter(customer="A2026-00000")) == []


def test_orders_list_pages_with_the_total_of_all_pages(desk: Desk) -> None:
    placed = [desk.place(n, created=NOW + timedelta(minutes=n)) for n in range(1, 6)]
    first = desk.admin.list_orders(OrderFilter(), page=1, page_size=2)
    assert ([r.id for r in first.rows], first.total, first.pages) == (placed[:2:-1], 5, 3)
    last = desk.admin.list_orders(OrderFilter(), page=3, page_size=2)
    assert [r.id for r in last.rows] == [placed[0]]
    beyond = desk.admin.list_orders(OrderFilter(), page=40, page_size=2)
    assert (beyond.page, [r.id for r in beyond.rows]) == (3, [placed[0]])
    paid_only = desk.admin.list_orders(OrderFilter(statuses=frozenset({S.PAID})), page=2)
    assert (paid_only.rows, paid_only.total, paid_only.page, paid_only.pages) == ((), 0, 1, 1)


def test_orders_list_rows_count_units_and_leave_out_the_demo_history(desk: Desk) -> None:
    order_id = desk.paid(1, quantity=3, name="Jean Dupont", email="jd@example.org")
    desk.insert(ORDER, source="demo", status="paid", total_minor=100, created_at=NOW,
                updated_at=NOW, email="", locale="en", ship_name="", ship_line1="",
                ship_line2="", ship_postal_code="", ship_city="", ship_country="",
                shipping_method="", subtotal_minor=0, discount_minor=0, shipping_minor=0,
                vat_rate_bp=0, vat_minor=0, refunded_minor=0, payment_error="", carrier="",
                tracking_number="", currency="EUR")  # fmt: skip
    page = desk.admin.list_orders(OrderFilter())
    assert page.total == 1
    (row,) = page.rows
    assert (row.id, row.reference, row.status, row.email, row.customer_name) == (
        order_id, "REF0000001", S.PAID, "jd@example.org", "Jean Dupont",
    )  # fmt: skip
    assert (row.total_minor, row.currency, row.refunded_minor, row.item_count) == (
        6_500, "EUR", 0, 3,
    )  # fmt: skip
    assert row.created_at == NOW
    assert row.paid_at is not None


def test_order_detail_has_lines_amounts_address_and_refunds(desk: Desk) -> None:
    order_id = desk.paid(1, quantity=2)
    desk.sql("update sales_order set payment_intent_id = 'pi_123' where id = :id", id=order_id)
    assert desk.orders.move(order_id, S.PARTIALLY_REFUNDED, refunded_minor=1_000).applied
    for key, amount, status, at in [("a", 1_000, "succeeded", NOW), ("b", 700, "pending", NOW)]:
        desk.insert(
            REFUND, order_id=order_id, amount_minor=amount, request_key=key, reason="scratched",
            status=status, created_at=at + timedelta(minutes=len(key)),
        )  # fmt: skip
    detail = desk.admin.detail(order_id)
    assert detail is not None
    assert (detail.reference, detail.status, detail.email, detail.locale) == (
        "REF0000001", S.PARTIALLY_REFUNDED, "shopper1@example.com", "en",
    )  # fmt: skip
    assert [(i.sku, i.title, i.quantity, i.unit_price_minor) for i in detail.lines] == [
        ("SKU-1-0", "Chair number 1", 2, 2_000)
    ]
    assert detail.amounts == Totals(4_000, 0, 500, 4_500, 2_000, 400, "EUR")
    assert (detail.address.name, detail.address.city, detail.shipping_method) == (
        "Camille Martin", "Paris", "standard",
    )  # fmt: skip
    assert (detail.payment_intent_id, detail.refunded_minor) == ("pi_123", 1_000)
    assert [(r.amount_minor, r.status, r.reason) for r in detail.refunds] == [
        (1_000, "succeeded", "scratched"),
        (700, "pending", "scratched"),
    ]
    assert (detail.pending_refund_minor, detail.refundable_minor) == (700, 2_800)
    assert (detail.carrier, detail.tracking_number, detail.fulfilled_at) == ("", "", None)
    assert detail.invoice_number is not None  # given when it was paid: the page links it
    assert order_view(detail).invoice_number == detail.invoice_number
    # The country by its name in the page's language, not its code.
    view = order_view(detail)
    assert (view.address[-1], view.country_labels) == (
        "75011 Paris",
        {"en": "France", "fr": "France"},
    )
    assert desk.admin.detail(order_id + 100) is None


def test_a_refund_is_settled_once_and_its_close_says_which_call_did(desk: Desk) -> None:
    """Two calls settling one refund (a retry beside the request it repeats): one reports
    it settled now, so only that one is audited."""
    order_id = desk.paid(1)
    assert desk.shop.engine is not None
    store = SqlRefundStore(desk.shop.engine)
    row = store.open(order_id, 1_000, "k" * 24, "scratched")
    assert not isinstance(row, str)
    assert store.close(row.id, "re_1", "succeeded") is True
    assert store.close(row.id, "re_1", "succeeded") is False
    assert desk.sql("select refunded_minor, status from sales_order") == [
        (1_000, "partially_refunded")
    ]


def test_a_refund_made_at_the_provider_is_recorded_once_and_shown_as_made_there(
    desk: Desk,
) -> None:
    order_id = desk.paid(1)
    assert desk.shop.engine is not None
    store = SqlRefundStore(desk.shop.engine)
    dashboard = ProviderRefund("re_dash", 300, "EUR", "succeeded", NOW, request_key="")
    assert store.sync(order_id, [dashboard]).changed
    assert not store.sync(order_id, [dashboard]).changed  # its next event: once
    detail = desk.admin.detail(order_id)
    assert detail is not None
    shown = order_view(detail).refunds
    assert [(r.amount_minor, r.status, r.made_at_provider) for r in shown] == [
        (300, "succeeded", True)
    ]
    # A refund of ours asked before refunds carried their key, whose event came before its
    # answer: recorded from the provider first, then the request's row takes it over.
    row = store.open(order_id, 500, "k" * 24, "scratched")
    assert not isinstance(row, str)
    early = ProviderRefund("re_ours", 500, "EUR", "succeeded", NOW, request_key="")
    assert store.sync(order_id, [dashboard, early]).changed
    assert store.close(row.id, "re_ours", "succeeded")
    assert desk.sql(
        "select amount_minor, request_key, provider_refund_id from order_refund order by id"
    ) == [(300, "provider:re_dash", "re_dash"), (500, "k" * 24, "re_ours")]
    assert desk.sql("select refunded_minor, status from sales_order") == [
        (800, "partially_refunded")
    ]


def test_pending_refunds_are_listed_those_waiting_longest_first(desk: Desk) -> None:
    """Waiting since asked, or since last compared with the provider's refunds: a refund
    the provider keeps pending for weeks takes its turn, and lets the others have theirs."""
    order_id = desk.paid(1, quantity=3)
    opened = [
        ("a", "pending", 30, None),
        ("b", "succeeded", 20, None),
        ("c", "pending", 10, None),
        ("d", "pending", 1, None),
        ("e", "pending", 60 * 24 * 20, 8),  # asked 20 days ago, compared 8 minutes ago
    ]
    for key, status, minutes, checked in opened:
        desk.insert(
            REFUND, order_id=order_id, amount_minor=100, request_key=key, reason="",
            status=status, created_at=NOW - timedelta(minutes=minutes),
            checked_at=None if checked is None else NOW - timedelta(minutes=checked),
        )  # fmt: skip
    assert desk.shop.engine is not None
    store = SqlRefundStore(desk.shop.engine)
    before = NOW - timedelta(minutes=5)
    assert [r.request_key for r in store.pending(before, limit=10)] == ["a", "c", "e"]
    assert [r.request_key for r in store.pending(before, limit=1)] == ["a"]
    assert [r.request_key for r in store.pending(NOW - timedelta(minutes=9), 10)] == ["a", "c"]


def test_fulfil_ships_a_paid_order_and_mails_its_tracking_number(desk: Desk) -> None:
    order_id = desk.paid(1, locale="fr")
    shipped = desk.admin.fulfil(order_id, "Colissimo", " 6a 1234-5678 ", NOW)
    assert (shipped.status, shipped.carrier, shipped.tracking_number) == (
        S.FULFILLED, "colissimo", "6A 1234-5678",
    )  # fmt: skip
    assert desk.state(order_id) == ("fulfilled", "colissimo", "6A 1234-5678", NOW)
    ((recipient, subject, body),) = desk.mails()
    assert (recipient, subject) == (
        "shopper1@example.com",
        "Votre commande REF0000001 est en route",
    )
    assert "Transporteur\u202f: Colissimo\nNuméro de suivi\u202f: 6A 1234-5678" in str(body)
    assert "https://shop.example/order/REF0000001?key=key-1" in str(body)


def test_a_fulfil_and_its_audit_entry_are_written_together_or_not_at_all(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    order_id = desk.paid(1)

    def audit(before: OrderDetail, after: OrderDetail) -> list[AuditRecord]:
        change = f"{before.status.value}>{after.status.value}:{after.tracking_number}"
        return [AuditRecord(None, "boss@example.com", "order.fulfil", change, "{}", "{}")]

    with monkeypatch.context() as patched:
        patched.setattr("storefront.adapters.sql_admin_orders.write_audit", unwritable_audit)
        with pytest.raises(RuntimeError):
            desk.admin.fulfil(order_id, "ups", "1Z999AA1", NOW, audit)
    assert desk.state(order_id) == ("paid", "", "", None)  # not shipped without its entry
    assert (desk.mails(), desk.sql("select subject from admin_audit")) == ([], [])
    desk.admin.fulfil(order_id, "ups", "1Z999AA1", NOW, audit)
    assert desk.state(order_id) == ("fulfilled", "ups", "1Z999AA1", NOW)
    assert desk.sql("select subject from admin_audit") == [("paid>fulfilled:1Z999AA1",)]
    # A move that does not happen (the order moved on since it was read) writes no entry.
    assert desk.shop.engine is not None
    entry = AuditRecord(None, "boss@example.com", "order.fulfil", "again", "{}", "{}")
    assert not SqlAdminOrders(desk.shop.engine).fulfil(
        order_id, "dhl", "JD1", NOW, [entry], from_status=S.PAID, refunded_minor=0
    )
    assert len(desk.sql("select subject from admin_audit")) == 1


def test_a_second_fulfil_is_refused_and_sends_no_second_mail(desk: Desk) -> None:
    order_id = desk.paid(1)
    desk.admin.fulfil(order_id, "ups", "1Z999AA1", NOW)
    with pytest.raises(Refusal) as refused:
        desk.admin.fulfil(order_id, "dhl", "JD0002", NOW + timedelta(hours=1))
    assert refused.value.code == "admin.order.error.already_fulfilled"
    assert desk.state(order_id) == ("fulfilled", "ups", "1Z999AA1", NOW)
    assert len(desk.mails()) == 1


def test_racing_fulfils_ship_once_and_mail_once(desk: Desk) -> None:
    order_id = desk.paid(1)

    def ship(n: int) -> bool:
        try:
            desk.admin.fulfil(order_id, "dhl", f"JD{n:04d}", NOW)
        except Refusal:
            return False
        return True

    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(ship, range(6)))
    assert results.count(True) == 1
    assert len(desk.mails()) == 1


def test_fulfil_of_an_unpaid_order_is_refused_and_changes_nothing(desk: Desk) -> None:
    order_id = desk.place(1)
    with pytest.raises(Refusal) as refused:
        desk.admin.fulfil(order_id, "ups", "1Z999AA1", NOW)
    assert refused.value.code == "admin.order.error.not_paid"
    assert desk.state(order_id) == ("pending", "", "", None)
    assert desk.mails() == []


def refund(desk: Desk, order_id: int, amount_minor: int, key: str = "g" * 24) -> None:
    """A refund settled as the provider's answer settles it (no provider here)."""
    assert desk.shop.engine is not None
    store = SqlRefundStore(desk.shop.engine)
    row = store.open(order_id, amount_minor, key, "goodwill")
    assert not isinstance(row, str)
    assert store.close(row.id, f"re_{key[:4]}", "succeeded")


def test_a_partially_refunded_order_ships_once_and_stays_partially_refunded(desk: Desk) -> None:
    """A goodwill refund before shipping: the rest ships, the shopper is mailed once, and the
    status still says where the money stands."""
    order_id = desk.paid(1)
    refund(desk, order_id, 500)
    shipped = desk.admin.fulfil(order_id, "ups", "1Z999AA1", NOW)
    assert (shipped.status, shipped.refunded_minor, shipped.fulfilled_at) == (
        S.PARTIALLY_REFUNDED, 500, NOW,
    )  # fmt: skip
    assert desk.state(order_id) == ("partially_refunded", "ups", "1Z999AA1", NOW)
    with pytest.raises(Refusal) as refused:
        desk.admin.fulfil(order_id, "dhl", "JD0002", NOW + timedelta(hours=1))
    assert refused.value.code == "admin.order.error.already_fulfilled"
    assert desk.state(order_id) == ("partially_refunded", "ups", "1Z999AA1", NOW)
    ((recipient, subject, _),) = desk.mails()
    assert (recipient, subject) == ("shopper1@example.com", "Your order REF0000001 is on its way")
    # What the shopper's pages read: shipped, whatever the status says of the refund.
    record = desk.orders.get(order_id)
    assert record is not None
    assert (record.status, record.carrier, record.tracking_number, record.fulfilled_at) == (
        S.PARTIALLY_REFUNDED, "ups", "1Z999AA1", NOW,
    )  # fmt: skip


def test_the_shipping_move_happens_only_from_the_order_as_read_unshipped(desk: Desk) -> None:
    """The status alone cannot tell: a partially refunded order keeps it when shipped, and
    when refunded again. The move and its audit entry need the order exactly as read."""
    assert desk.shop.engine is not None
    store = SqlAdminOrders(desk.shop.engine)
    order_id = desk.paid(1)
    read = desk.admin.detail(order_id)  # paid, nothing refunded
    refund(desk, order_id, 500)  # meanwhile

    def ship(status: S, refunded_minor: int, tracking: str) -> bool:
        entry = AuditRecord(None, "boss@example.com", "order.fulfil", tracking, "{}", "{}")
        return store.fulfil(
            order_id, "ups", tracking, NOW, [entry],
            from_status=status, refunded_minor=refunded_minor,
        )  # fmt: skip

    assert read is not None
    assert not ship(read.status, read.refunded_minor, "STALE1")  # paid as read: not any more
    read = desk.admin.detail(order_id)  # partially refunded, 5.00
    assert read is not None
    refund(desk, order_id, 700, "h" * 24)  # a second partial refund: the status stays
    assert not ship(read.status, read.refunded_minor, "STALE2")
    assert desk.state(order_id) == ("partially_refunded", "", "", None)
    assert ship(S.PARTIALLY_REFUNDED, 1_200, "1Z999AA1")
    assert not ship(S.PARTIALLY_REFUNDED, 1_200, "AGAIN1")  # shipped already
    assert desk.state(order_id) == ("partially_refunded", "ups", "1Z999AA1", NOW)
    assert desk.sql("select subject from admin_audit") == [("1Z999AA1",)]
    assert desk.sql("select refunded_minor from sales_order") == [(1_200,)]


def test_racing_fulfils_of_a_partially_refunded_order_ship_once_and_mail_once(
    desk: Desk,
) -> None:
    order_id = desk.paid(1)
    refund(desk, order_id, 500)

    def ship(n: int) -> str:
        try:
            desk.admin.fulfil(order_id, "dhl", f"JD{n:04d}", NOW)
        except Refusal as refused:
            return refused.code
        return "shipped"

    with ThreadPoolExecutor(max_workers=6) as pool:
        results = sorted(pool.map(ship, range(6)))
    assert results == ["admin.order.error.already_fulfilled"] * 5 + ["shipped"]
    assert len(desk.mails()) == 1
    assert desk.state(order_id)[0] == "partially_refunded"


def test_orders_to_ship_are_paid_or_partially_refunded_and_not_shipped(desk: Desk) -> None:
    hours = iter(range(10, 0, -1))

    def at() -> datetime:
        return NOW - timedelta(hours=next(hours))

    desk.place(1, created=at())  # unpaid
    paid = desk.paid(2, created=at())
    goodwill = desk.paid(3, created=at())
    refund(desk, goodwill, 500)
    shipped_then_refunded = desk.paid(4, created=at())
    desk.admin.fulfil(shipped_then_refunded, "ups", "1Z999AA4", NOW)
    refund(desk, shipped_then_refunded, 500, "h" * 24)
    shipped = desk.paid(5, created=at())
    desk.admin.fulfil(shipped, "ups", "1Z999AA5", NOW)
    assert ids(desk, OrderFilter(to_ship=True)) == [goodwill, paid]
    partly = OrderFilter(statuses=frozenset({S.PARTIALLY_REFUNDED}))
    assert ids(desk, partly) == [shipped_then_refunded, goodwill]
    assert ids(desk, replace(partly, to_ship=True)) == [goodwill]
    rows = {row.id: row.fulfilled_at for row in desk.admin.list_orders(OrderFilter()).rows}
    assert (rows[shipped], rows[shipped_then_refunded], rows[goodwill], rows[paid]) == (
        NOW, NOW, None, None,
    )  # fmt: skip


def test_fulfil_with_a_bad_carrier_or_tracking_number_changes_nothing(desk: Desk) -> None:
    order_id = desk.paid(1)
    with pytest.raises(Refusal) as refused:
        desk.admin.fulfil(order_id, "pigeon", "<script>", NOW)
    assert (refused.value.code, refused.value.fields) == (
        "admin.order.error.carrier",
        {
            "carrier": "admin.order.error.carrier",
            "tracking_number": "admin.order.error.tracking_number",
        },
    )
    assert desk.state(order_id) == ("paid", "", "", None)
    assert desk.mails() == []


def test_cancel_of_an_unpaid_order_gives_its_stock_back(desk: Desk) -> None:
    order_id = desk.place(1, quantity=4)
    assert desk.stock() == 46
    canceled = desk.admin.cancel(order_id, NOW)
    assert canceled.status is S.CANCELED
    assert desk.state(order_id)[0] == "canceled"
    assert desk.stock() == 50
    assert desk.sql(
        "select status from stock_reservation where holder = :h", h=f"order:{order_id}"
    ) == [("released",)]
    with pytest.raises(AlreadyDone) as refused:  # told as done, not as a fault
        desk.admin.cancel(order_id, NOW)
    assert refused.value.code == "admin.order.error.already_canceled"
    assert desk.stock() == 50


def test_cancel_of_a_paid_order_is_refused_and_changes_nothing(desk: Desk) -> None:
    order_id = desk.paid(1, quantity=4)
    with pytest.raises(Refusal) as refused:
        desk.admin.cancel(order_id, NOW)
    assert refused.value.code == "admin.order.error.refund_instead"
    assert desk.state(order_id)[0] == "paid"
    assert desk.stock() == 46
    assert desk.sql(
        "select status from stock_reservation where holder = :h", h=f"order:{order_id}"
    ) == [("committed",)]


@asynccontextmanager
async def paid_order_page(desk: Desk, refunded: int = 0) -> AsyncIterator[tuple[Any, int]]:
    """The admin's page of a paid order (`refunded` minor units of it refunded first), opened
    by an admin, and the order's id; the page's path ends in 1 (state_at), the order's id."""
    order_id = desk.paid(1)
    assert order_id == 1
    if refunded:
        refund(desk, order_id, refunded)
    set_shop(desk.shop)
    try:
        page: Any = state_at(AdminOrderState, team_sessions(desk.shop).admin, {})
        await page.load_page()
        yield page, order_id
    finally:
        set_shop(None)


async def test_the_order_page_shows_the_order_as_it_is_after_a_refused_action(desk: Desk) -> None:
    async with paid_order_page(desk) as (page, order_id):
        # Its lines as the invoice names them: options, and the price paid each (QA).
        [line] = page.order.lines
        assert (line.options, line.unit_price_minor, line.line_total_minor) == ("Red", 2_000, 2_000)
        key = page.refund_key
        desk.admin.fulfil(order_id, "ups", "1Z999AA1", NOW)  # someone ships it meanwhile
        await page.fulfil(
            {"ship_key": page.ship_key, "carrier": "dhl", "tracking_number": "JD0002"}
        )
        root: Any = await page.get_state(AdminState)
        # Said plainly, not as a fault: what was asked is so, and nothing changed.
        assert (root.notice, root.problem) == (
            translations("admin.order.error.already_fulfilled"), {},
        )  # fmt: skip
        assert (desk.state(order_id), len(desk.mails())) == (
            ("fulfilled", "ups", "1Z999AA1", NOW), 1,
        )  # fmt: skip
        order = page.order
        assert (order.status, order.tracking_number, order.can_fulfil) == (
            "fulfilled", "1Z999AA1", False,
        )  # fmt: skip
        assert page.refund_key == key
        # Unshipped again, to refuse a bad shipment next.
        desk.sql(
            "update sales_order set status = 'paid', carrier = '', tracking_number = '', "
            "fulfilled_at = null"
        )
        await page.fulfil(
            {"ship_key": page.ship_key, "carrier": "pigeon", "tracking_number": "JD0002"}
        )
        assert page.errors == {"carrier": translations("admin.order.error.carrier")}
        assert root.problem == translations("admin.order.error.carrier")
        assert (page.order.status, page.refund_key) == ("paid", key)


async def test_a_double_click_of_mark_shipped_ships_once_and_says_shipped(desk: Desk) -> None:
    """The browser sends the form twice before the page redraws: the second submit carries
    the key the first one used, and neither ships again nor turns the notice into a
    refusal."""
    async with paid_order_page(desk) as (page, order_id):
        form = {"ship_key": page.ship_key, "carrier": "ups", "tracking_number": "1Z999AA1"}
        await page.fulfil(form)
        await page.fulfil(form)
        root: Any = await page.get_state(AdminState)
        shipped = translations("admin.order.shipped")
        assert (root.notice["en"], root.problem) == (
            shipped["en"].format(reference="REF0000001"), {},
        )  # fmt: skip
        assert desk.state(order_id)[:3] == ("fulfilled", "ups", "1Z999AA1")
        assert len(desk.mails()) == 1
        assert desk.sql("select action from admin_audit where action like 'order.%'") == [
            ("order.fulfil",)
        ]
        assert (page.order.status, page.order.can_fulfil) == ("fulfilled", False)


async def test_a_double_click_of_email_again_mails_the_shopper_once(desk: Desk) -> None:
    async with paid_order_page(desk) as (page, _):
        ship = {"ship_key": page.ship_key, "carrier": "ups", "tracking_number": "1Z999AA1"}
        await page.fulfil(ship)
        assert len(desk.mails()) == 1
        again = {"resend_key": page.resend_key}
        await page.resend_mail(again)
        await page.resend_mail(again)
        assert len(desk.mails()) == 2
        root: Any = await page.get_state(AdminState)
        assert (root.notice["en"], root.problem) == ("Email sent.", {})
        await page.resend_mail({"resend_key": page.resend_key})  # a later, deliberate click
        assert len(desk.mails()) == 3
        # Each one audited, by whom (QA: nothing kept a trace of them).
        assert desk.sql("select action from admin_audit where action like 'order.%'") == [
            ("order.fulfil",), ("order.mail_resent",), ("order.mail_resent",),
        ]  # fmt: skip


async def test_the_order_pages_refuse_control_characters_and_huge_numbers_calmly(
    desk: Desk,
) -> None:
    """A NUL fails PostgreSQL's text, and int() raises past 4,300 digits: neither may crash
    a handler."""
    order_id = desk.paid(1)
    assert order_id == 1  # the page's path ends in 1 (state_at)
    sessions = team_sessions(desk.shop)
    set_shop(desk.shop)
    try:
        page: Any = state_at(AdminOrderState, sessions.admin, {})
        await page.load_page()
        await page.fulfil(
            {"ship_key": page.ship_key, "carrier": "ups", "tracking_number": "1Z999\x00AA1"}
        )
        root: Any = await page.get_state(AdminState)
        assert root.problem == translations("form.error.control")
        await page.ask_refund({"amount": "1", "reason": "\x00", "key": page.refund_key})
        assert root.problem == translations("form.error.control")
        assert (desk.state(order_id)[0], desk.sql("select count(*) from order_refund")) == (
            "paid", [(0,)],
        )  # fmt: skip
        shown = "0" * 5_000 + "2500"  # unreadable: shipped unchecked, as without the field
        await page.fulfil(
            {"carrier": "ups", "tracking_number": "1Z999AA1", "shown_refundable": shown}
            | {"ship_key": page.ship_key}
        )
        assert (root.problem, page.errors) == ({}, {})
        assert desk.state(order_id)[:3] == ("fulfilled", "ups", "1Z999AA1")
        listing: Any = state_at(AdminOrdersState, sessions.admin, {})
        await listing.apply_filters({"customer": "shopper1\x00@example.com"})
        assert [row.id for row in listing.rows] == [order_id]
    finally:
        set_shop(None)


async def test_the_order_page_draws_its_forms_again_for_each_order_it_shows(desk: Desk) -> None:
    """The refund amount is a field filled once from the order shown: going on to another
    order must draw it again (a new form key), or it keeps the last order's amount."""
    first, second = desk.paid(1), desk.paid(2, quantity=2)
    sessions = team_sessions(desk.shop)
    set_shop(desk.shop)
    try:
        page: Any = state_at(AdminOrderState, sessions.admin, {})
        visit(page, f"/admin/orders/{first}", sessions.admin)
        await page.load_page()
        key = page.form_key
        visit(page, f"/admin/orders/{second}", sessions.admin)
        await page.load_page()
        assert (page.order.refundable_text, page.form_key != key) == ("45.00", True)
        key = page.form_key
        sent = {"ship_key": page.ship_key, "carrier": "pigeon", "tracking_number": "JD0002"}
        await page.fulfil(sent)  # refused
        assert page.form_key == key  # what was typed stays to be corrected
    finally:
        set_shop(None)


async def test_a_paid_cancel_over_a_staff_members_limit_is_left_to_an_admin(desk: Desk) -> None:
    """Its full refund is over the limit: not offered to them (it was, and refused once
    confirmed; QA), the page says an admin cancels it; one under the limit is offered."""
    big, small = desk.paid(1, quantity=5), desk.paid(2)  # 105.00 and 25.00; the limit 100.00
    sessions = team_sessions(desk.shop)
    set_shop(desk.shop)
    try:
        page: Any = state_at(AdminOrderState, sessions.staff, {})
        visit(page, f"/admin/orders/{big}", sessions.staff)
        await page.load_page()
        assert (page.order.can_cancel_paid, page.order.cancel_needs_admin) == (False, True)
        visit(page, f"/admin/orders/{small}", sessions.staff)
        await page.load_page()
        assert (page.order.can_cancel_paid, page.order.cancel_needs_admin) == (True, False)
        admin: Any = state_at(AdminOrderState, sessions.admin, {})
        visit(admin, f"/admin/orders/{big}", sessions.admin)
        await admin.load_page()
        assert (admin.order.can_cancel_paid, admin.order.cancel_needs_admin) == (True, False)
    finally:
        set_shop(None)


async def test_the_order_page_ships_a_partially_refunded_order_and_shows_it_shipped(
    desk: Desk,
) -> None:
    async with paid_order_page(desk, refunded=500) as (page, order_id):
        order = page.order
        assert (order.status, order.can_fulfil, order.shipped_at) == (
            "partially_refunded", True, "",
        )  # fmt: skip
        await page.fulfil(
            {"ship_key": page.ship_key, "carrier": "colissimo", "tracking_number": "6A 1234-5678"}
        )
        root: Any = await page.get_state(AdminState)
        assert (root.problem, page.errors) == ({}, {})
        order = page.order
        assert (order.status, order.tracking_number, order.can_fulfil) == (
            "partially_refunded", "6A 1234-5678", False,
        )  # fmt: skip
        assert datetime.fromisoformat(order.shipped_at) == desk.state(order_id)[3]
        assert (order.refunded_minor, order.refundable_minor) == (500, 2_000)
        assert len(desk.mails()) == 1
        assert desk.sql("select action from admin_audit where action like 'order.%'") == [
            ("order.fulfil",)
        ]


async def test_the_shoppers_pages_say_a_withdrawal_and_what_it_will_refund(desk: Desk) -> None:
    """After a withdrawal the account's list of orders said only "Shipped", and the order's
    page thanked for it within the hour (QA): both say it, the page with what it refunds."""
    kept, withdrawn = desk.paid(1, quantity=2), desk.paid(2, quantity=2)
    assert desk.shop.accounts is not None
    assert desk.shop.commerce is not None
    session = sign_up(desk.shop, "shopper1@example.com")
    account_id = desk.shop.accounts.session(session, NOW)
    desk.sql("update sales_order set account_id = :a, created_at = :now", a=account_id, now=NOW)
    desk.admin.fulfil(kept, "ups", "1Z999AA1", NOW)
    desk.admin.fulfil(withdrawn, "ups", "1Z999AA2", NOW)
    one = Draft("Camille Martin", "shopper2@example.com", {0: 1})
    received = NOW + timedelta(days=1)
    desk.shop.commerce.withdrawals.withdraw(withdrawn, one, "k1", received)
    set_shop(desk.shop)
    try:
        history: Any = state_at(OrderHistoryState, session, {})
        await history.load()
        listed = {o.reference: (o.status_labels["en"], o.withdrawal_labels) for o in history.orders}
        assert listed == {
            "REF0000001": ("Shipped", {}),
            "REF0000002": ("Shipped", translations("order.withdrawn.partial")),
        }
        page: Any = state_at(OrderState, session, {})
        page.parent_state.router = router_at(
            "/order/REF0000002", session, {"reference": "REF0000002"}
        )
        await page.load()
        assert (page.found, page.just_placed) == (True, False)  # "Order REF0000002"
        shown: Any = await page.get_state(OrderWithdrawalState)
        assert shown.mark == {
            "en": "Partial withdrawal received",
            "fr": "Rétractation partielle reçue",
        }
        (sent,) = shown.sent
        assert sent.refund["en"] == (
            "To be refunded: €20.00, by 15 December 2026 at the latest, once the items are back "
            "or you show you sent them."
        )
        refund(desk, withdrawn, 2_000)  # made since the statement (NOW + 2 days: its clock)
        desk.sql(
            "update order_refund set created_at = :at, succeeded_at = :at",
            at=received + timedelta(days=1),
        )
        await page.load()
        (sent,) = shown.sent
        assert sent.refund["en"] == "Refunded: €20.00, on 2 December 2026."
    finally:
        set_shop(None)


async def test_the_shoppers_pages_show_a_partially_refunded_order_shipped(desk: Desk) -> None:
    """The status badge says where the money stands; the shopper also sees that it left, and
    how to track it (the shipping mail links to this page)."""
    goodwill, plain = desk.paid(1), desk.paid(2)
    refund(desk, goodwill, 500)
    assert desk.shop.accounts is not None
    session = sign_up(desk.shop, "shopper1@example.com")
    account_id = desk.shop.accounts.session(session, NOW)
    desk.sql("update sales_order set account_id = :a", a=account_id)

    async def order_page(reference: str) -> Any:
        page: Any = state_at(OrderState, session, {})
        page.parent_state.router = router_at(
            f"/order/{reference}", session, {"reference": reference}
        )
        await page.load()
        assert page.found
        return page

    async def history() -> dict[str, tuple[str, bool]]:
        page: Any = state_at(OrderHistoryState, session, {})
        await page.load()
        return {o.reference: (o.status_labels["en"], o.shipped_too) for o in page.orders}

    set_shop(desk.shop)
    try:
        page = await order_page("REF0000001")
        assert (page.shipped_at, page.tracking_number, page.carrier_labels) == ("", "", {})
        assert await history() == {
            "REF0000001": ("Partially refunded", False),
            "REF0000002": ("Paid", False),
        }
        desk.admin.fulfil(goodwill, "other", "XY-42-FR", NOW)
        desk.admin.fulfil(plain, "ups", "1Z999AA1", NOW)
        page = await order_page("REF0000001")
        assert (page.status_labels["en"], page.shipped_at, page.tracking_number) == (
            "Partially refunded", NOW.isoformat(), "XY-42-FR",
        )  # fmt: skip
        assert page.carrier_labels == {"en": "another carrier", "fr": "autre transporteur"}
        page = await order_page("REF0000002")
        assert (page.status_labels["en"], page.tracking_number) == ("Shipped", "1Z999AA1")
        assert page.carrier_labels == {"en": "UPS", "fr": "UPS"}
        assert await history() == {
            "REF0000001": ("Partially refunded", True),
            "REF0000002": ("Shipped", False),  # the status says it already
        }
        # The same tab opens an order it may not see: nothing of the last one stays.
        page.parent_state.router = router_at("/order/NOPE", session, {"reference": "NOPE"})
        await page.load()
        assert (page.found, page.loaded, page.email, page.tracking_number, page.lines) == (
            False, True, "", "", [],
        )  # fmt: skip
    finally:
        set_shop(None)


def test_the_filtered_orders_download_as_csv_in_batches_for_the_books(desk: Desk) -> None:
    """Every matching order (more than one batch), oldest first, amounts in major units with
    their VAT, dates in the shop's time zone; a name a spreadsheet would run as a formula is
    written as text."""
    for n in range(1, 8):
        desk.paid(n, created=NOW - timedelta(minutes=10 - n))
    desk.paid(8, vat=(2_550, 508))  # to Finland, at 25.5 %
    desk.place(9, name='=HYPERLINK("https://evil.example")')  # unpaid: filtered out below
    stream = io.StringIO()
    paris = ZoneInfo("Europe/Paris")
    written = desk.admin.export(
        OrderFilter(statuses=frozenset({S.PAID}), zone=paris), stream, paris
    )
    rows = list(csv.DictReader(io.StringIO(stream.getvalue())))
    assert written == len(rows) == 8
    assert [row["reference"] for row in rows] == [f"REF{n:07d}" for n in range(1, 9)]
    first = rows[0]
    assert (first["status"], first["currency"], first["total"], first["shipping"]) == (
        "paid",
        "EUR",
        "25.00",
        "5.00",
    )
    assert (first["vat_rate_percent"], first["vat_included"], first["items"]) == ("20", "4.00", "1")
    assert (rows[7]["vat_rate_percent"], rows[7]["vat_included"]) == ("25.5", "5.08")
    assert first["placed_at"] == "2026-11-30T12:51:00+01:00"  # 11:51 UTC, in Paris
    assert (first["invoice_number"], first["credit_notes"]) == ("F2026-000001", "")
    everything = io.StringIO()
    desk.admin.export(OrderFilter(), everything, UTC)
    unpaid = next(
        r for r in csv.DictReader(io.StringIO(everything.getvalue())) if r["status"] == "pending"
    )
    assert unpaid["name"] == '\'=HYPERLINK("https://evil.example")'


def test_the_orders_download_counts_no_sale_for_an_order_never_paid(desk: Desk) -> None:
    """An order canceled before it was paid (abandoned, declined) keeps its row, as the list
    shows it, but nothing of it counts as sold: its amounts and units are zero and its
    `sale` says no. A paid order stays a sale, and so does one canceled by its full refund."""
    paid = desk.paid(1)
    desk.admin.cancel(desk.place(2, quantity=2), NOW)
    desk.place(3)  # awaiting payment
    closed = desk.paid(4)
    desk.sql("update sales_order set refunded_minor = 2500, status = 'canceled' where id = :id",
             id=closed)  # fmt: skip
    stream = io.StringIO()
    assert desk.admin.export(OrderFilter(), stream, UTC) == 4
    money = ("subtotal", "discount", "shipping", "total", "vat_included", "refunded", "items")
    rows = [
        (r["reference"], r["status"], r["sale"], *(r[column] for column in money))
        for r in csv.DictReader(io.StringIO(stream.getvalue()))
    ]
    assert rows == [
        ("REF0000001", "paid", "yes", "20.00", "0.00", "5.00", "25.00", "4.00", "0.00", "1"),
        ("REF0000002", "canceled", "no", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0"),
        ("REF0000003", "pending", "no", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0"),
        ("REF0000004", "canceled", "yes", "20.00", "0.00", "5.00", "25.00", "4.00", "25.00", "1"),
    ]
    assert desk.state(paid)[0] == "paid"


def test_staff_download_the_orders_the_filter_shows_by_ticket(desk: Desk) -> None:
    sessions = team_sessions(desk.shop)
    desk.paid(1, email="camille@example.com")
    desk.paid(2, email="bob@example.com")
    staff = staff_of(desk.shop, sessions.staff)
    asked = OrderFilter.typed({"customer": "camille@", "status": "paid"}, desk.shop.settings.zone)
    ticket = admin_of(desk.shop).exports.orders_ticket(staff, asked, utc_now())
    set_shop(desk.shop)
    try:
        client = TestClient(build_api())
        for cookie in ("", sessions.shopper, "forged-token"):
            refused = post_export(client, cookie, "orders", ticket)
            assert refused.status_code == 403
            assert "camille@example.com" not in refused.text
        answer = post_export(client, sessions.staff, "orders", ticket)
    finally:
        set_shop(None)
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/csv")
    assert answer.headers["cache-control"] == "no-store"
    day = utc_now().astimezone(desk.shop.settings.zone).date().isoformat()
    assert answer.headers["content-disposition"] == f'attachment; filename="orders-{day}.csv"'
    assert [r["email"] for r in csv.DictReader(io.StringIO(answer.text))] == ["camille@example.com"]
    (entry,) = desk.sql(
        "select action, actor_email, after from admin_audit where action = 'orders.export'"
    )
    assert entry[:2] == ("orders.export", "sam@example.com")
    assert '"customer": "camille@"' in str(entry[2])
    assert '"orders": 1' in str(entry[2])
