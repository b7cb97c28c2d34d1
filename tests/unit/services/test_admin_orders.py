"""The admin's order desk against in-memory fakes: paging, shipment checks, mails, cancels."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from models.events import ProductChanged
from models.orders import OrderStatus as S
from storefront.services.admin.audit import AuditRecord
from storefront.services.admin.order_views import OrderDetail, OrderFilter, OrderRow, RefundView
from storefront.services.admin.orders import AdminOrders, check_shipment
from storefront.services.checkout.pricing import Totals
from storefront.services.errors import AlreadyDone, Refusal
from storefront.services.inventory import CommitResult, Inventory
from storefront.services.orders.ports import Address, Moved, OrderItem, OrderRecord
from storefront.services.orders.status import SHIPPING, can_move
from storefront.services.payments import PaymentError

NOW = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
BASE = OrderDetail(
    id=1,
    reference="ABCDEF2345",
    status=S.PAID,
    email="camille@example.com",
    locale="en",
    account_id=None,
    created_at=datetime(2026, 11, 30, 12, 0, tzinfo=UTC),
    paid_at=datetime(2026, 11, 30, 12, 1, tzinfo=UTC),
    address=Address("Camille Martin", "12 rue des Lilas", "", "75011", "Paris", "FR"),
    shipping_method="standard",
    discount_code=None,
    amounts=Totals(4_000, 0, 500, 4_500, 2_000, 750, "EUR"),
    lines=(OrderItem(1, "SKU-1-0", "Chair number 1", 2, 2_000),),
    payment_intent_id=None,
    payment_error="",
    stock_short=False,
    refunded_minor=0,
    refunds=(),
    carrier="",
    tracking_number="",
    fulfilled_at=None,
)


class FakeOrders:
    """The admin store and the order store at once, over one dict of details."""

    def __init__(self, *orders: OrderDetail) -> None:
        self.orders = {o.id: o for o in orders}
        self.counted = 0
        self.audit: list[AuditRecord] = []
        # Runs between the desk's read and its move: what another request did meanwhile.
        self.meanwhile: Callable[[], None] | None = None
        self.restocked = False  # whether the stock a stock_short order lacks is there now

    def count(self, order_filter: OrderFilter) -> int:
        self.counted += 1
        return len(self.orders)

    def rows(self, order_filter: OrderFilter, offset: int, limit: int) -> list[OrderRow]:
        newest = sorted(self.orders.values(), key=lambda o: o.id, reverse=True)
        return [_row(o) for o in newest[offset : offset + limit]]

    def detail(self, order_id: int) -> OrderDetail | None:
        return self.orders.get(order_id)

    def fulfil(
        self,
        order_id: int,
        carrier: str,
        tracking_number: str,
        now: datetime,
        audit: Sequence[AuditRecord] = (),
        *,
        from_status: S,
        refunded_minor: int,
    ) -> bool:
        if self.meanwhile:
            self.meanwhile()
        order = self.orders[order_id]
        as_read = (order.status, order.refunded_minor) == (from_status, refunded_minor)
        if not as_read or order.fulfilled_at is not None or from_status not in SHIPPING:
            return False
        self.orders[order_id] = replace(
            order, status=SHIPPING[from_status], carrier=carrier,
            tracking_number=tracking_number, fulfilled_at=now,
        )  # fmt: skip
        self.audit.extend(audit)
        return True

    def get(self, order_id: int) -> OrderRecord | None:
        o = self.orders.get(order_id)
        if o is None:
            return None
        return OrderRecord(
            o.id, o.reference, o.status, o.account_id, None, o.email, o.locale, o.address,
            o.shipping_method, o.discount_code, o.amounts, o.refunded_minor,
            o.payment_intent_id, o.payment_error, "k3y", o.created_at, o.paid_at, o.lines,
            carrier=o.carrier, tracking_number=o.tracking_number, fulfilled_at=o.fulfilled_at,
        )  # fmt: skip

    def take_missing_stock(self, order_id: int) -> bool:
        if self.restocked:
            self.orders[order_id] = replace(self.orders[order_id], stock_short=False)
        return self.restocked

    def move(self, order_id: int, target: S, **_: Any) -> Moved:
        order = self.orders[order_id]
        if not can_move(order.status, target):
            return Moved(applied=False)
        self.orders[order_id] = replace(order, status=target)
        return Moved(applied=True)


def _row(o: OrderDetail) -> OrderRow:
    return OrderRow(
        o.id, o.reference, o.status, o.email, o.address.name, o.amounts.total_minor,
        o.amounts.currency, o.refunded_minor, o.created_at, o.paid_at, 2,
    )  # fmt: skip


class FakeStock:
    def __init__(self) -> None:
        self.released: list[str] = []

    def reserve(self, holder: str, lines: Any, expires_at: datetime) -> list[ProductChanged]:
        return []

    def commit(self, holder: str) -> CommitResult:
        return CommitResult(0, lost=False)

    def release(self, holder: str | None, now: datetime) -> list[ProductChanged]:
        self.released.append(str(holder))
        return []


class FakeMailer:
    def __init__(self, fails: bool = False) -> None:
        self.sent: list[tuple[str, str, str]] = []
        self.fails = fails

    def send(self, recipient: str, subject: str, body: str) -> None:
        if self.fails:
            raise OSError("mail server down")
        self.sent.append((recipient, subject, body))


def desk(
    *orders: OrderDetail, mailer: FakeMailer | None = None, abandon: Any = None
) -> tuple[AdminOrders, FakeOrders, FakeStock, FakeMailer]:
    store, stock, mail = FakeOrders(*orders), FakeStock(), mailer or FakeMailer()
    admin = AdminOrders(
        store, store, Inventory(stock, lambda _: None), mail,  # type: ignore[arg-type]
        public_url="https://shop.example/", abandon=abandon,
    )  # fmt: skip
    return admin, store, stock, mail


def refused_with(code: str) -> Any:
    """Expects a Refusal of exactly this code."""
    return pytest.raises(Refusal, match=f"^{re.escape(code)}$")


def test_a_page_beyond_the_last_shows_the_last() -> None:
    admin, *_ = desk(*(replace(BASE, id=n) for n in range(1, 6)))
    page = admin.list_orders(OrderFilter(), page=9, page_size=2)
    assert (page.page, page.pages, page.total) == (3, 3, 5)
    assert [row.id for row in page.rows] == [1]


def test_no_matching_order_is_one_empty_page() -> None:
    admin, *_ = desk()
    page = admin.list_orders(OrderFilter(), page=0)
    assert (page.rows, page.total, page.page, page.pages) == ((), 0, 1, 1)


def test_page_size_is_bounded() -> None:
    admin, *_ = desk(*(replace(BASE, id=n) for n in range(1, 151)))
    assert len(admin.list_orders(OrderFilter(), page_size=1_000).rows) == 100
    assert admin.list_orders(OrderFilter(), page_size=0).pages == 150


def test_filter_days_are_whole_utc_days() -> None:
    start, end = OrderFilter(
        created_from=date(2026, 11, 1), created_to=date(2026, 11, 30)
    ).created_range()
    assert start == datetime(2026, 11, 1, tzinfo=UTC)
    assert end == datetime(2026, 12, 1, tzinfo=UTC)
    assert OrderFilter(customer="  Camille   MARTIN ").customer_text() == "camille martin"


def test_filter_days_are_the_shops_days_in_its_time_zone() -> None:
    """Paris is UTC+1 in November, UTC+2 until 25 October."""
    paris = ZoneInfo("Europe/Paris")
    start, end = OrderFilter(
        created_from=date(2026, 10, 1), created_to=date(2026, 11, 30), zone=paris
    ).created_range()
    assert start == datetime(2026, 9, 30, 22, 0, tzinfo=UTC)
    assert end == datetime(2026, 11, 30, 23, 0, tzinfo=UTC)


def test_shipment_is_normalised() -> None:
    assert check_shipment(" DHL ", "  1z 999-aa10  123 ") == ("dhl", "1Z 999-AA10 123", {})


@pytest.mark.parametrize(
    ("carrier", "tracking", "fields"),
    [
        ("pigeon", "ABC123", {"carrier": "admin.order.error.carrier"}),
        ("dhl", "AB", {"tracking_number": "admin.order.error.tracking_number"}),
        ("dhl", "A" * 41, {"tracking_number": "admin.order.error.tracking_number"}),
        ("dhl", "ABC/123", {"tracking_number": "admin.order.error.tracking_number"}),
        ("dhl", "-ABC-", {"tracking_number": "admin.order.error.tracking_number"}),
        ("", "", {"carrier": "admin.order.error.carrier",
                  "tracking_number": "admin.order.error.tracking_number"}),
    ],
)  # fmt: skip
def test_bad_shipment_is_refused_field_by_field(
    carrier: str, tracking: str, fields: dict[str, str]
) -> None:
    admin, store, _, mailer = desk(BASE)
    with pytest.raises(Refusal) as refused:
        admin.fulfil(1, carrier, tracking, NOW)
    assert refused.value.fields == fields
    assert refused.value.code == next(iter(fields.values()))
    assert store.orders[1] == BASE
    assert mailer.sent == []


def test_fulfil_mails_the_carrier_and_tracking_number_with_the_order_link() -> None:
    admin, _, _, mailer = desk(BASE)
    shipped = admin.fulfil(1, "colissimo", "6a12345678901", NOW)
    assert (shipped.status, shipped.carrier, shipped.tracking_number, shipped.fulfilled_at) == (
        S.FULFILLED, "colissimo", "6A12345678901", NOW,
    )  # fmt: skip
    assert mailer.sent == [
        (
            "camille@example.com",
            "Your order ABCDEF2345 is on its way",
            "Hello Camille Martin,\n\n"
            "Good news: your order ABCDEF2345 has left our workshop.\n\n"
            "Carrier: Colissimo\nTracking number: 6A12345678901\n"
            "Follow the parcel on the carrier's site:\n"
            "https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901\n\n"
            # Until when the shopper may withdraw, counted from receipt as the order page and
            # the refund policy count it (QA: the page counted from shipping).
            "You may withdraw from this order until 7 January 2027: 30 days from receiving "
            "it.\nWe are not told the day your parcel arrives: we count from 8 December 2026, "
            "the last day of its delivery time (Standard, 3–5 working days) after it shipped "
            "on 1 December 2026. If it reached you later, your period runs from that day: "
            "write to us.\n\n"
            "Follow your order at any time:\n"
            "https://shop.example/order/ABCDEF2345?key=k3y",
        )
    ]


def test_the_shipping_mail_dates_the_withdrawal_period_in_the_shops_days_and_settings() -> None:
    store, mail = FakeOrders(replace(BASE, locale="fr")), FakeMailer()
    admin = AdminOrders(
        store, store, Inventory(FakeStock(), lambda _: None), mail,  # type: ignore[arg-type]
        public_url="https://shop.example/", withdrawal_days=14,
        zone=ZoneInfo("Pacific/Kiritimati"),  # UTC+14: 1 December 9:30 UTC is the 1st, 23:30
    )  # fmt: skip
    admin.fulfil(1, "dhl", "JD1", NOW + timedelta(minutes=45))  # 10:15 UTC: 2 December there
    ((_, _, body),) = mail.sent
    assert "jusqu’au 23 décembre 2026\u202f: 14 jours suivant sa réception.\n" in body
    assert "à partir du 9 décembre 2026, " in body
    assert "après son expédition le 2 décembre 2026. " in body


def test_an_order_paid_short_of_stock_ships_only_once_that_stock_is_taken() -> None:
    short = replace(BASE, stock_short=True)
    admin, store, _, mailer = desk(short)
    with refused_with("admin.order.error.stock_short"):
        admin.fulfil(1, "colissimo", "6a12345678901", NOW)
    assert (store.orders[1].status, store.orders[1].fulfilled_at, mailer.sent) == (
        S.PAID, None, [],
    )  # fmt: skip
    store.restocked = True
    shipped = admin.fulfil(1, "colissimo", "6a12345678901", NOW)
    assert (shipped.status, shipped.stock_short) == (S.FULFILLED, False)


def test_fulfil_hands_its_audit_entries_to_the_move_itself() -> None:
    admin, store, _, _ = desk(BASE)
    seen: list[tuple[OrderDetail, OrderDetail]] = []

    def audit(before: OrderDetail, after: OrderDetail) -> list[AuditRecord]:
        seen.append((before, after))
        return [AuditRecord(1, "a@example.com", "order.fulfil", "order:X", "{}", "{}")]

    with refused_with("admin.order.error.carrier"):
        admin.fulfil(1, "pigeon", "1Z999", NOW, audit)
    assert (seen, store.audit) == ([], [])
    shipped = admin.fulfil(1, " UPS ", "1z 999", NOW, audit)
    ((before, after),) = seen
    assert before == BASE
    assert after == shipped  # the entry describes the order as the move leaves it
    assert [e.action for e in store.audit] == ["order.fulfil"]


def test_fulfil_mail_speaks_the_language_of_the_order() -> None:
    admin, _, _, mailer = desk(replace(BASE, locale="fr"))
    admin.fulfil(1, "other", "XY-42-FR", NOW)
    ((_, subject, body),) = mailer.sent
    assert subject == "Votre commande ABCDEF2345 est en route"
    assert "Transporteur\u202f: autre transporteur\nNuméro de suivi\u202f: XY-42-FR" in body


def test_a_second_fulfil_is_told_already_done_and_mails_nothing_more() -> None:
    """Already shipped is no fault (a double click, another tab): the refusal says that what
    was asked is so, for the page to tell plainly."""
    admin, store, _, mailer = desk(BASE)
    admin.fulfil(1, "ups", "1Z999", NOW)
    with pytest.raises(AlreadyDone) as refused:
        admin.fulfil(1, "dhl", "OTHER-1", NOW)
    assert refused.value.code == "admin.order.error.already_fulfilled"
    assert (store.orders[1].carrier, store.orders[1].tracking_number) == ("ups", "1Z999")
    assert len(mailer.sent) == 1


@pytest.mark.parametrize(
    ("status", "code"),
    [
        (S.PENDING, "admin.order.error.not_paid"),
        (S.FAILED, "admin.order.error.not_paid"),
        (S.CANCELED, "admin.order.error.canceled"),
        (S.REFUNDED, "admin.order.error.refunded"),
    ],
)
def test_only_paid_or_partially_refunded_orders_are_fulfilled(status: S, code: str) -> None:
    admin, store, _, mailer = desk(replace(BASE, status=status))
    with pytest.raises(Refusal) as refused:
        admin.fulfil(1, "ups", "1Z999", NOW)
    assert refused.value.code == code
    assert store.orders[1].status is status
    assert mailer.sent == []


PART_REFUNDED = replace(
    BASE,
    status=S.PARTIALLY_REFUNDED,
    refunded_minor=500,
    refunds=(RefundView(1, 500, "succeeded", "goodwill", NOW),),
)


def test_a_partially_refunded_order_ships_what_is_left_and_stays_partially_refunded() -> None:
    """80 EUR paid, 5 given back as a goodwill gesture before shipping: the rest ships, and
    the status still says where the money stands."""
    admin, store, _, mailer = desk(PART_REFUNDED)
    seen: list[tuple[OrderDetail, OrderDetail]] = []

    def audit(before: OrderDetail, after: OrderDetail) -> list[AuditRecord]:
        seen.append((before, after))
        return [AuditRecord(1, "a@example.com", "order.fulfil", "order:X", "{}", "{}")]

    shipped = admin.fulfil(1, "colissimo", "6a12345678901", NOW, audit)
    assert (shipped.status, shipped.carrier, shipped.tracking_number, shipped.fulfilled_at) == (
        S.PARTIALLY_REFUNDED, "colissimo", "6A12345678901", NOW,
    )  # fmt: skip
    assert (shipped.refunded_minor, shipped.refundable_minor) == (500, 4_000)
    assert [subject for _, subject, _ in mailer.sent] == ["Your order ABCDEF2345 is on its way"]
    assert seen == [(PART_REFUNDED, shipped)]
    assert [e.action for e in store.audit] == ["order.fulfil"]
    with refused_with("admin.order.error.already_fulfilled"):
        admin.fulfil(1, "dhl", "OTHER-1", NOW)
    assert (store.orders[1].carrier, store.orders[1].tracking_number) == (
        "colissimo", "6A12345678901",
    )  # fmt: skip
    assert (len(mailer.sent), len(store.audit)) == (1, 1)


@pytest.mark.parametrize("status", [S.PARTIALLY_REFUNDED, S.REFUNDED])
def test_an_order_shipped_then_refunded_is_refused_as_already_shipped(status: S) -> None:
    order = replace(
        PART_REFUNDED, status=status, carrier="ups", tracking_number="1Z999", fulfilled_at=NOW
    )
    admin, store, _, mailer = desk(order)
    with refused_with("admin.order.error.already_fulfilled"):
        admin.fulfil(1, "dhl", "OTHER-1", NOW)
    assert store.orders[1] == order
    assert mailer.sent == []


def test_shippable_is_unshipped_and_paid_or_partially_refunded() -> None:
    assert [s for s in S if replace(BASE, status=s).shippable] == [S.PAID, S.PARTIALLY_REFUNDED]
    assert not replace(PART_REFUNDED, fulfilled_at=NOW).shippable


def test_a_refund_settled_since_the_page_was_drawn_stops_the_shipment() -> None:
    """The page said 10 EUR less had been refunded than the order now has: the merchant sees
    what is left before shipping it."""
    admin, store, _, mailer = desk(PART_REFUNDED)
    shown = PART_REFUNDED.refundable_minor + 1_000  # before the last refund settled
    with refused_with("admin.order.error.refunded_meanwhile"):
        admin.fulfil(1, "ups", "1Z999", NOW, shown_refundable_minor=shown)
    assert (store.orders[1].fulfilled_at, mailer.sent) == (None, [])
    shown = PART_REFUNDED.refundable_minor
    assert admin.fulfil(1, "ups", "1Z999", NOW, shown_refundable_minor=shown).fulfilled_at


@pytest.mark.parametrize("order", [BASE, PART_REFUNDED])
def test_a_refund_between_the_read_and_the_move_stops_the_shipment(order: OrderDetail) -> None:
    """A partial refund settled meanwhile: the merchant is told, and sees what is left before
    shipping it; nothing ships and no mail goes."""
    admin, store, _, mailer = desk(order)

    def refund() -> None:
        now = store.orders[1]
        store.orders[1] = replace(
            now, status=S.PARTIALLY_REFUNDED, refunded_minor=now.refunded_minor + 1_000
        )

    store.meanwhile = refund
    with refused_with("admin.order.error.refunded_meanwhile"):
        admin.fulfil(1, "ups", "1Z999", NOW, lambda *_: [])
    assert (store.orders[1].fulfilled_at, store.orders[1].tracking_number) == (None, "")
    assert (mailer.sent, store.audit) == ([], [])
    store.meanwhile = None
    assert admin.fulfil(1, "ups", "1Z999", NOW).refunded_minor == order.refunded_minor + 1_000


@pytest.mark.parametrize(
    ("meanwhile", "code"),
    [
        ({"fulfilled_at": NOW, "tracking_number": "1Z111"}, "admin.order.error.already_fulfilled"),
        ({"status": S.REFUNDED, "refunded_minor": 4_500}, "admin.order.error.refunded"),
    ],
)
def test_a_partially_refunded_order_moved_on_meanwhile_is_refused_with_why(
    meanwhile: dict[str, Any], code: str
) -> None:
    admin, store, _, mailer = desk(PART_REFUNDED)
    store.meanwhile = lambda: store.orders.update({1: replace(store.orders[1], **meanwhile)})
    with refused_with(code) as refused:
        admin.fulfil(1, "dhl", "JD0002", NOW)
    assert isinstance(refused.value, AlreadyDone) == ("fulfilled_at" in meanwhile)
    assert store.orders[1] == replace(PART_REFUNDED, **meanwhile)
    assert mailer.sent == []


def test_an_unknown_order_is_refused() -> None:
    admin, *_ = desk()
    with refused_with("admin.order.error.not_found"):
        admin.fulfil(7, "ups", "1Z999", NOW)
    assert admin.detail(7) is None


def test_a_failing_mail_server_does_not_unship_and_the_mail_can_be_resent() -> None:
    mailer = FakeMailer(fails=True)
    admin, *_ = desk(BASE, mailer=mailer)
    assert admin.fulfil(1, "ups", "1Z999", NOW).status is S.FULFILLED
    mailer.fails = False
    admin.resend_shipped_mail(1)
    assert [subject for _, subject, _ in mailer.sent] == ["Your order ABCDEF2345 is on its way"]


def test_resending_the_shipping_mail_of_an_unshipped_order_is_refused() -> None:
    admin, _, _, mailer = desk(BASE)
    with refused_with("admin.order.error.not_fulfilled"):
        admin.resend_shipped_mail(1)
    assert mailer.sent == []


def test_cancel_without_intent_moves_and_releases_the_hold() -> None:
    admin, _, stock, _ = desk(replace(BASE, status=S.PENDING, paid_at=None))
    assert admin.cancel(1, NOW).status is S.CANCELED
    assert stock.released == ["order:1"]


def test_cancel_of_an_order_with_an_intent_goes_through_checkout_abandon() -> None:
    calls: list[tuple[int, datetime]] = []

    def abandon(order_id: int, now: datetime) -> None:
        calls.append((order_id, now))
        store.move(order_id, S.CANCELED)

    admin, store, stock, _ = desk(
        replace(BASE, status=S.REQUIRES_ACTION, payment_intent_id="pi_1"), abandon=abandon
    )
    assert admin.cancel(1, NOW).status is S.CANCELED
    assert calls == [(1, NOW)]
    assert stock.released == []  # abandon's settlement gives the stock back itself


def test_cancel_refused_when_the_shopper_paid_meanwhile() -> None:
    def abandon(order_id: int, now: datetime) -> None:
        store.move(order_id, S.PAID)

    admin, store, stock, _ = desk(
        replace(BASE, status=S.PENDING, payment_intent_id="pi_1"), abandon=abandon
    )
    with refused_with("admin.order.error.paid_meanwhile"):
        admin.cancel(1, NOW)
    assert store.orders[1].status is S.PAID
    assert stock.released == []  # the stock paid for stays sold


def test_cancel_refused_when_the_provider_is_unreachable() -> None:
    def abandon(order_id: int, now: datetime) -> None:
        raise PaymentError("timeout", retryable=True)

    admin, store, stock, _ = desk(
        replace(BASE, status=S.PENDING, payment_intent_id="pi_1"), abandon=abandon
    )
    with refused_with("admin.order.error.provider"):
        admin.cancel(1, NOW)
    assert store.orders[1].status is S.PENDING
    assert stock.released == []


def test_cancel_of_an_order_with_an_intent_needs_a_payment_provider() -> None:
    admin, store, _, _ = desk(replace(BASE, status=S.PENDING, payment_intent_id="pi_1"))
    with refused_with("admin.order.error.provider"):
        admin.cancel(1, NOW)
    assert store.orders[1].status is S.PENDING


@pytest.mark.parametrize(
    ("status", "code"),
    [
        (S.PAID, "admin.order.error.refund_instead"),
        (S.FULFILLED, "admin.order.error.refund_instead"),
        (S.PARTIALLY_REFUNDED, "admin.order.error.refund_instead"),
        (S.REFUNDED, "admin.order.error.not_cancelable"),
        (S.CANCELED, "admin.order.error.already_canceled"),
    ],
)
def test_only_unpaid_orders_are_canceled(status: S, code: str) -> None:
    admin, store, stock, _ = desk(replace(BASE, status=status))
    with pytest.raises(Refusal) as refused:
        admin.cancel(1, NOW)
    assert refused.value.code == code
    assert store.orders[1].status is status
    assert stock.released == []


def test_refundable_leaves_out_refunded_and_pending_refunds() -> None:
    refunds = (
        RefundView(1, 1_000, "succeeded", "", NOW),
        RefundView(2, 700, "pending", "", NOW),
        RefundView(3, 900, "failed", "", NOW),
    )
    order = replace(BASE, status=S.PARTIALLY_REFUNDED, refunded_minor=1_000, refunds=refunds)
    assert (order.pending_refund_minor, order.refundable_minor) == (700, 2_800)
    assert replace(order, status=S.PENDING).refundable_minor == 0
    assert replace(order, refunded_minor=4_500).refundable_minor == 0
