"""The withdrawal function's rules against in-memory fakes (services/orders/withdrawal.py):
its period (once shipped, until BOUTIQUE_WITHDRAWAL_DAYS after the day of receipt its delivery
promise gives: withdrawal_period.py), the quantities (all
by default, in part, never more than bought less what was withdrawn), one statement per
confirmation however often it comes, the guest's lookup (one refusal for any mismatch,
limited per client), and the acknowledgement (withdrawal_mail.py): once, in the order's
language, with the statement and when it was received on the shop's named clock."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from models.events import Event, WithdrawalReceived
from models.orders import OrderStatus as S
from storefront.adapters.throttle import InProcessThrottle
from storefront.services.admin.audit import AuditRecord
from storefront.services.admin.order_views import RefundView
from storefront.services.checkout.pricing import Totals
from storefront.services.errors import Refusal
from storefront.services.orders.ports import OrderItem
from storefront.services.orders.withdrawal import (
    GUEST_LOOKUPS,
    Draft,
    NewStatement,
    Statement,
    Withdrawals,
)
from storefront.services.orders.withdrawal_mail import WithdrawalMail
from storefront.services.orders.withdrawal_period import (
    over_text,
    period_lines,
    withdrawal_period,
)
from storefront.services.orders.withdrawal_refunds import Settlement
from storefront.services.orders.withdrawal_status import refund_text
from tests.unit.services.test_order_mail import ORDER

SHIPPED_AT = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)  # a Tuesday
# Standard delivery's 5 working days after it: Tuesday 8 December; 30 days on, 7 January.
PERIOD_ENDS = datetime(2027, 1, 8, tzinfo=UTC)
PARIS = ZoneInfo("Europe/Paris")
NOW = SHIPPED_AT + timedelta(days=3)
SHIPPED = replace(
    ORDER,
    status=S.FULFILLED,
    fulfilled_at=SHIPPED_AT,
    lines=(
        OrderItem(1, "SKU-1-0", "Chair number 1", 2, 2_000, "Oak"),
        OrderItem(2, "SKU-2-0", "Lamp number 2", 1, 500),
    ),
)


class World:
    """The order, its statements and their acknowledgements, as the SQL adapters keep them."""

    def __init__(self, order=SHIPPED) -> None:  # type: ignore[no-untyped-def]
        self.order = order
        self.statements: list[Statement] = []
        self.keys: dict[str, int] = {}
        self.published: list[Event] = []
        self.audit: list[AuditRecord] = []
        self.claims: dict[int, datetime] = {}
        self.sent: dict[int, datetime] = {}
        self.refunds: list[RefundView] = []  # the order's, as the SQL adapter reads them

    def get(self, order_id: int):  # type: ignore[no-untyped-def]
        if order_id == self.order.id:
            return self.order
        return next((s for s in self.statements if s.id == order_id), None)

    def by_reference(self, reference: str):  # type: ignore[no-untyped-def]
        return self.order if reference == self.order.reference else None

    def for_order(self, order_id: int) -> list[Statement]:
        return [s for s in self.statements if s.order_id == order_id]

    def for_orders(self, order_ids: Sequence[int]) -> dict[int, list[Statement]]:
        return {i: found for i in order_ids if (found := self.for_order(i))}

    def refunds_of(self, order_id: int) -> list[RefundView]:
        return list(self.refunds) if order_id == self.order.id else []

    def record(
        self,
        statement: NewStatement,
        check: Callable[[Sequence[Statement]], int],
        audit: AuditRecord,
    ) -> tuple[Statement, bool]:
        if statement.request_key in self.keys:
            return self.statements[self.keys[statement.request_key]], False
        value = check(self.for_order(statement.order_id))
        new = Statement(
            len(self.statements) + 1,
            statement.order_id,
            statement.name,
            statement.email,
            statement.items,
            statement.received_at,
            statement.locale,
            value,
        )
        self.keys[statement.request_key] = len(self.statements)
        self.statements.append(new)
        self.audit.append(audit)
        return new, True

    # AckClaims
    def claim_ack(self, statement_id: int, claimed_at: datetime, stale_before: datetime) -> bool:
        held = self.claims.get(statement_id)
        if statement_id in self.sent or (held is not None and held >= stale_before):
            return False
        self.claims[statement_id] = claimed_at
        return True

    def ack_sent(self, statement_id: int, claimed_at: datetime) -> None:
        if self.claims.get(statement_id) == claimed_at:
            self.sent[statement_id] = claimed_at
            del self.claims[statement_id]

    def give_back_ack(self, statement_id: int, claimed_at: datetime) -> None:
        if self.claims.get(statement_id) == claimed_at:
            del self.claims[statement_id]

    def unacknowledged(self, since: datetime, stale_before: datetime, limit: int) -> list[int]:
        return [s.id for s in self.statements if s.id not in self.sent][:limit]


class Statements:
    """The statement side of World, for WithdrawalMail (its `get` is by statement id)."""

    def __init__(self, world: World) -> None:
        self.world = world

    def get(self, statement_id: int) -> Statement | None:
        return next((s for s in self.world.statements if s.id == statement_id), None)

    def for_order(self, order_id: int) -> list[Statement]:
        return self.world.for_order(order_id)

    def refunds_of(self, order_id: int) -> list[RefundView]:
        return self.world.refunds_of(order_id)


class Orders:
    def __init__(self, world: World) -> None:
        self.world = world

    def get(self, order_id: int):  # type: ignore[no-untyped-def]
        return self.world.order if order_id == self.world.order.id else None

    def by_reference(self, reference: str):  # type: ignore[no-untyped-def]
        return self.world.by_reference(reference)


class Mailer:
    def __init__(self, fail: bool = False) -> None:
        self.sent: list[tuple[str, str, str]] = []
        self.fail = fail

    def send(self, recipient: str, subject: str, body: str) -> None:
        if self.fail:
            raise OSError("mail server down")
        self.sent.append((recipient, subject, body))


def service(
    world: World, throttle: InProcessThrottle | None = None, zone: ZoneInfo | None = None
) -> Withdrawals:
    return Withdrawals(
        Orders(world),  # type: ignore[arg-type]
        world,  # type: ignore[arg-type]
        world.published.extend,
        throttle or InProcessThrottle(),
        30,
        zone=zone or UTC,
    )


def draft(**quantities: int) -> Draft:
    by_line = {int(k[1:]): v for k, v in quantities.items()}
    return Draft("Gita Gast", "gita@example.com", by_line or {0: 2, 1: 1})


def test_the_period_runs_thirty_days_from_the_last_day_its_delivery_promises() -> None:
    """It counted 30 days from shipping, where the refund policy and the law count from
    receipt (QA): the shop records no delivery, so it counts from the last day the order's
    delivery promises after it shipped, and ends with the shop's day."""
    period = withdrawal_period(SHIPPED, 30, UTC)
    assert period is not None
    assert (period.shipped_on, period.received_on) == (date(2026, 12, 1), date(2026, 12, 8))
    assert (period.last_day, period.ends_at) == (date(2027, 1, 7), PERIOD_ENDS)
    assert withdrawal_period(replace(SHIPPED, status=S.PARTIALLY_REFUNDED), 30, UTC) == period
    # Not shipped: its cancel is the withdrawal. Canceled, refunded, or never paid: none.
    assert withdrawal_period(ORDER, 30, UTC) is None
    assert withdrawal_period(replace(SHIPPED, status=S.REFUNDED), 30, UTC) is None
    assert withdrawal_period(replace(SHIPPED, status=S.CANCELED), 30, UTC) is None
    assert withdrawal_period(replace(SHIPPED, paid_at=None), 30, UTC) is None
    world = World()
    last = PERIOD_ENDS - timedelta(microseconds=1)  # the last day, whole
    assert service(world).open_lines(SHIPPED, last) == [2, 1]
    assert service(world).open_lines(SHIPPED, PERIOD_ENDS) is None
    # 30 days after shipping, where it had closed, it is open.
    assert service(world).open_lines(SHIPPED, SHIPPED_AT + timedelta(days=31)) == [2, 1]


@pytest.mark.parametrize(
    ("shipped_at", "method", "received", "last"),
    [
        # The QA's order: shipped on Monday 7 December in Paris, standard: 14 December.
        (datetime(2026, 12, 7, 14, 0, tzinfo=UTC), "standard", (2026, 12, 14), (2027, 1, 13)),
        (datetime(2026, 12, 7, 14, 0, tzinfo=UTC), "express", (2026, 12, 8), (2027, 1, 7)),
        # Working days: Friday's express arrives on Monday, Saturday's standard on Friday.
        (datetime(2026, 12, 4, 14, 0, tzinfo=UTC), "express", (2026, 12, 7), (2027, 1, 6)),
        (datetime(2026, 12, 5, 14, 0, tzinfo=UTC), "standard", (2026, 12, 11), (2027, 1, 11)),
        # Its 30th day is Sunday 10 January: the period ends with Monday 11 January
        # (Regulation 1182/71 Art. 3(4)); Thursday's 30th day, Saturday 9 January, too.
        (datetime(2026, 12, 3, 14, 0, tzinfo=UTC), "standard", (2026, 12, 10), (2027, 1, 11)),
        # Sunday 23:30 UTC is Monday in Paris: the shop's day it shipped counts.
        (datetime(2026, 12, 6, 23, 30, tzinfo=UTC), "express", (2026, 12, 8), (2027, 1, 7)),
        # A method not recorded (or given up) is held to the slowest promise.
        (datetime(2026, 12, 7, 14, 0, tzinfo=UTC), "", (2026, 12, 14), (2027, 1, 13)),
        (datetime(2026, 12, 7, 14, 0, tzinfo=UTC), "pigeon", (2026, 12, 14), (2027, 1, 13)),
    ],
)
def test_the_day_of_receipt_is_the_last_working_day_the_method_promises_in_the_shops_days(
    shipped_at: datetime, method: str, received: tuple[int, int, int], last: tuple[int, int, int]
) -> None:
    order = replace(SHIPPED, fulfilled_at=shipped_at, shipping_method=method)
    period = withdrawal_period(order, 30, PARIS)
    assert period is not None
    assert (period.received_on, period.last_day) == (date(*received), date(*last))
    # It ends as that day ends in Paris, not in UTC.
    end = datetime.combine(date(*last) + timedelta(days=1), time(), PARIS)
    assert period.ends_at == end.astimezone(UTC)
    assert service(World(order), zone=PARIS).open_lines(order, period.ends_at) is None


def test_the_period_is_said_with_what_its_day_of_receipt_rests_on_in_each_language() -> None:
    order = replace(SHIPPED, fulfilled_at=datetime(2026, 12, 7, 14, 0, tzinfo=UTC))
    period = withdrawal_period(order, 30, PARIS)
    assert period is not None
    assert period_lines("fr", period) == [
        "Vous pouvez vous rétracter de cette commande jusqu’au 13 janvier 2027\u202f: 30 jours "
        "suivant sa réception.",
        "Nous ne savons pas quel jour votre colis arrive\u202f: nous comptons à partir du "
        "14 décembre 2026, dernier jour de son délai de livraison (Standard, 3 à 5 jours "
        "ouvrés) après son expédition le 7 décembre 2026. S’il vous est parvenu plus tard, "
        "votre délai court à partir de ce jour-là\u202f: écrivez-nous.",
    ]
    assert period_lines("en", period)[0] == (
        "You may withdraw from this order until 13 January 2027: 30 days from receiving it."
    )
    assert over_text("en", period).startswith(
        "The withdrawal period of this order ended on 13 January 2027: 30 days from receiving "
        "it, counted from 14 December 2026, "
    )


def test_a_crafted_confirmation_outside_the_period_is_refused_and_records_nothing() -> None:
    world = World()
    with pytest.raises(Refusal) as refused:
        service(world).withdraw(ORDER.id, draft(), "key-1", PERIOD_ENDS)
    assert refused.value.code == "withdraw.error.over"  # the page says until when
    world.order = replace(SHIPPED, fulfilled_at=None, status=S.PAID)
    with pytest.raises(Refusal) as refused:
        service(world).withdraw(ORDER.id, draft(), "key-1", NOW)
    assert refused.value.code == "withdraw.error.closed"
    assert (world.statements, world.published, world.audit) == ([], [], [])


def test_all_items_by_default_and_the_statement_is_recorded_audited_and_published() -> None:
    world = World()
    statement, created = service(world).withdraw(ORDER.id, draft(), "key-1", NOW)
    assert created
    assert [(i.line, i.sku, i.quantity) for i in statement.items] == [
        (0, "SKU-1-0", 2),
        (1, "SKU-2-0", 1),
    ]
    assert (statement.name, statement.email, statement.received_at) == (
        "Gita Gast",
        "gita@example.com",
        NOW,
    )
    assert statement.refund_due_by == NOW + timedelta(days=14)
    assert world.published == [WithdrawalReceived(ORDER.id, statement.id)]
    (entry,) = world.audit
    assert (entry.action, entry.subject, entry.actor_email) == (
        "order.withdrawal",
        "order:ABCDEF2345",
        "gita@example.com",
    )
    assert service(world).open_lines(SHIPPED, NOW) is None  # nothing left to withdraw


def test_a_partial_withdrawal_leaves_the_rest_and_never_more_than_bought() -> None:
    world = World()
    withdrawals = service(world)
    withdrawals.withdraw(ORDER.id, draft(l0=1, l1=0), "key-1", NOW)
    assert withdrawals.open_lines(SHIPPED, NOW) == [1, 1]
    with pytest.raises(Refusal) as refused:
        withdrawals.withdraw(ORDER.id, draft(l0=2), "key-2", NOW)
    assert refused.value.code == "withdraw.error.quantity"
    withdrawals.withdraw(ORDER.id, draft(l0=1, l1=1), "key-3", NOW)
    with pytest.raises(Refusal) as refused:
        withdrawals.withdraw(ORDER.id, draft(l0=1), "key-4", NOW)
    assert refused.value.code == "withdraw.error.all_withdrawn"
    assert len(world.statements) == 2
    assert len(world.published) == 2
    # Each records what it owes as the earlier ones leave it: a chair; then a chair, the
    # lamp and the delivery (5.00, standard), the whole order being withdrawn with them.
    assert [s.value_minor for s in world.statements] == [2_000, 2_000 + 500 + 500]


def test_each_statement_is_settled_by_the_refunds_made_since_it_came() -> None:
    world = World()
    withdrawals = service(world)
    withdrawals.withdraw(ORDER.id, draft(l0=1, l1=0), "key-1", NOW)

    @dataclass(frozen=True)
    class Refunded:  # as the admin's OrderDetail gives them
        id: int
        amounts: Totals
        refunded_minor: int
        refunds: tuple[RefundView, ...]

    # Made a day after the statement, through two days later: refunded then.
    refund = RefundView(1, 2_000, "succeeded", "", NOW + timedelta(days=1))
    refund = replace(refund, succeeded_at=NOW + timedelta(days=3))
    before = Refunded(ORDER.id, SHIPPED.amounts, 0, ())
    after = Refunded(ORDER.id, SHIPPED.amounts, 2_000, (refund,))
    ((statement, due),) = withdrawals.settlements(before)
    assert (statement, due.due_minor) == (world.statements[0], 2_000)
    ((_, settled),) = withdrawals.settlements(after)
    assert (settled.due_minor, settled.refunded_at) == (0, refund.succeeded_at)


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        (Draft("Gita", "gita@example.com", {0: 0, 1: 0}), "withdraw.error.nothing"),
        (Draft("Gita", "gita@example.com", {0: -1}), "withdraw.error.quantity"),
        (Draft("Gita", "gita@example.com", {5: 1}), "withdraw.error.quantity"),
        (Draft("Gita", "gita@example.com", {0: 3}), "withdraw.error.quantity"),
        (Draft("   ", "gita@example.com", {0: 1}), "withdraw.error.name"),
        (Draft("G" * 121, "gita@example.com", {0: 1}), "withdraw.error.name"),
        (Draft("Gita", "not an email", {0: 1}), "withdraw.error.email"),
    ],
)
def test_bad_input_is_refused_with_its_message_and_records_nothing(typed: Draft, code: str) -> None:
    world = World()
    with pytest.raises(Refusal) as at_check:
        service(world).check(ORDER.id, typed, NOW)
    with pytest.raises(Refusal) as at_confirm:
        service(world).withdraw(ORDER.id, typed, "key-1", NOW)
    assert at_check.value.code == at_confirm.value.code == code
    assert (world.statements, world.published, world.audit) == ([], [], [])


def test_a_repeated_confirmation_records_one_statement_and_one_event() -> None:
    world = World()
    first, created = service(world).withdraw(ORDER.id, draft(l0=1), "key-1", NOW)
    again, again_created = service(world).withdraw(
        ORDER.id, draft(l0=1), "key-1", NOW + timedelta(seconds=1)
    )
    assert (created, again_created) == (True, False)
    assert again == first
    assert len(world.statements) == 1
    assert world.published == [WithdrawalReceived(ORDER.id, first.id)]
    with pytest.raises(Refusal) as refused:
        service(world).withdraw(ORDER.id, draft(l0=1), "", NOW)
    assert refused.value.code == "withdraw.error.expired"


def test_the_guest_lookup_says_one_thing_for_any_mismatch_and_is_limited_per_client() -> None:
    world = World()
    withdrawals = service(world)
    for reference, email in [("ABCDEF2345", "other@example.com"), ("ZZZZZZ9999", ORDER.email)]:
        with pytest.raises(Refusal) as refused:
            withdrawals.find_for_guest(reference, email, "10.0.0.1", NOW)
        assert refused.value.code == "withdraw.error.no_match"
    found = withdrawals.find_for_guest(" abcdef2345 ", " Gita@Example.com ", "10.0.0.1", NOW)
    assert found.id == ORDER.id
    for _ in range(GUEST_LOOKUPS.attempts - 3):
        withdrawals.find_for_guest("ABCDEF2345", ORDER.email, "10.0.0.1", NOW)
    with pytest.raises(Refusal) as refused:  # the right pair too, once over the limit
        withdrawals.find_for_guest("ABCDEF2345", ORDER.email, "10.0.0.1", NOW)
    assert refused.value.code == "withdraw.error.throttled"
    assert withdrawals.find_for_guest("ABCDEF2345", ORDER.email, "10.0.0.2", NOW).id == ORDER.id


@pytest.mark.parametrize(
    ("change", "code", "link"),
    [
        ({"status": S.PAID}, "withdraw.guest.not_shipped", True),
        # Partly refunded before it shipped, money outstanding: its cancel is the withdrawal
        # (QA: it said "unpaid, canceled or refunded").
        (
            {"status": S.PARTIALLY_REFUNDED, "refunded_minor": 1_000},
            "withdraw.guest.not_shipped",
            True,
        ),
        ({"status": S.PAID, "cancel_requested_at": NOW}, "withdraw.guest.canceling", False),
        (
            {"status": S.PAID, "cancel_requested_at": NOW, "cancel_by_shop": True},
            "withdraw.guest.canceling",
            False,
        ),
        ({"status": S.PAID, "cancel_released_at": NOW}, "withdraw.guest.contact", False),
        ({"status": S.PENDING}, "withdraw.guest.nothing", False),
        ({"status": S.CANCELED, "refunded_minor": 4_500}, "withdraw.guest.nothing", False),
        ({"status": S.REFUNDED, "refunded_minor": 4_500}, "withdraw.guest.nothing", False),
        ({"status": S.FULFILLED, "fulfilled_at": SHIPPED_AT}, "withdraw.guest.not_open", False),
        # Its period over: the refusal names its last day (state/order_withdrawal.py).
        (
            {"status": S.FULFILLED, "fulfilled_at": SHIPPED_AT - timedelta(days=40)},
            "withdraw.error.over",
            False,
        ),
    ],
)
def test_the_guest_is_told_what_the_unshipped_order_allows(change, code, link) -> None:  # type: ignore[no-untyped-def]
    order = replace(SHIPPED, **({"fulfilled_at": None} | change))
    assert service(World(order)).guest_refusal(order, NOW) == (code, link)


def _mail(world: World, mailer: Mailer) -> WithdrawalMail:
    return WithdrawalMail(
        Orders(world),  # type: ignore[arg-type]
        Statements(world),  # type: ignore[arg-type]
        world,
        mailer,
        public_url="https://shop.example",
        zone=ZoneInfo("Europe/Paris"),
    )


def test_the_acknowledgement_is_sent_once_with_the_statement_and_the_time_received() -> None:
    world = World(replace(SHIPPED, locale="fr"))
    received = datetime(2026, 12, 4, 20, 5, tzinfo=UTC)
    statement, _ = service(world).withdraw(ORDER.id, draft(l0=1), "key-1", received)
    mailer = Mailer()
    assert _mail(world, mailer).send(statement.id, received)
    assert not _mail(world, mailer).send(statement.id, received + timedelta(minutes=9))
    ((to, subject, body),) = mailer.sent
    assert to == "gita@example.com"
    assert subject == "Rétractation reçue\u202f: commande ABCDEF2345"
    assert "Reçue le 4 décembre 2026 à 21\u202fh\u202f05 (heure Europe/Paris).\n" in body
    content = "Nom\u202f: Gita Gast\nCommande\u202f: ABCDEF2345\nE-mail\u202f: gita@example.com\n"
    assert content in body
    assert "- 1 × Chair number 1 (Oak)\n" in body
    assert "Lamp" not in body
    # What it will refund (QA: the mail did not say), then when.
    assert "\nNous vous rembourserons 20,00\u00a0€ pour ces articles.\nMerci de renvoyer" in body
    assert "https://shop.example/order/ABCDEF2345?key=k3y" in body


def test_a_refused_mail_gives_the_claim_back_and_the_catch_up_sends_it() -> None:
    world = World()
    statement, _ = service(world).withdraw(ORDER.id, draft(), "key-1", NOW)
    with pytest.raises(OSError, match="down"):
        _mail(world, Mailer(fail=True)).send(statement.id, NOW)
    assert world.claims == {}
    assert world.sent == {}
    mailer = Mailer()
    assert _mail(world, mailer).catch_up(NOW + timedelta(minutes=1)) == (1, 0)
    assert _mail(world, mailer).catch_up(NOW + timedelta(minutes=2)) == (0, 0)
    ((_, subject, body),) = mailer.sent
    assert subject == "Withdrawal received: order ABCDEF2345"
    assert "Received on 4 December 2026 at 10:00 (Europe/Paris time).\n" in body
    assert "- 2 × Chair number 1 (Oak)\n- 1 × Lamp number 2\n" in body


def test_the_orders_mark_says_whether_everything_or_part_was_withdrawn_in_one_read() -> None:
    world = World()
    withdrawals = service(world)
    other = replace(SHIPPED, id=ORDER.id + 1, reference="ZZZZZZ9999")
    assert withdrawals.marks([SHIPPED, other]) == {}
    withdrawals.withdraw(ORDER.id, draft(l0=1, l1=0), "key-1", NOW)
    assert withdrawals.marks([SHIPPED, other]) == {ORDER.id: "partial"}
    withdrawals.withdraw(ORDER.id, draft(l0=1, l1=1), "key-2", NOW)
    assert withdrawals.marks([SHIPPED, other]) == {ORDER.id: "whole"}


STATEMENT = Statement(1, ORDER.id, "Gita", "gita@example.com", (), NOW, "en", 2_000)
PAID_BACK = NOW + timedelta(days=2)


@pytest.mark.parametrize(
    ("settled", "said"),
    [
        (
            Settlement(2_000, 0, 2_000, None),
            "To be refunded: €20.00, by 18 December 2026 at the latest, once the items are "
            "back or you show you sent them.",
        ),
        (
            Settlement(2_000, 500, 1_500, PAID_BACK),
            "Refunded so far: €5.00. Still to be refunded: €15.00, by 18 December 2026 at the "
            "latest, once the items are back or you show you sent them.",
        ),
        (Settlement(2_000, 2_000, 0, PAID_BACK), "Refunded: €20.00, on 6 December 2026."),
        # All that was left on the order (a goodwill refund before took the rest).
        (Settlement(2_000, 1_200, 0, PAID_BACK), "Refunded: €12.00, on 6 December 2026."),
        (Settlement(0, 0, 0, None), "No refund due: nothing was paid for these items."),
        (Settlement(2_000, 0, 0, None), "No refund due: nothing is left to refund on this order."),
    ],
)
def test_the_shopper_is_told_what_a_statement_will_be_or_was_refunded(
    settled: Settlement, said: str
) -> None:
    # Received on 4 December 9:00 UTC (NOW): due 14 days on, in the shop's days.
    assert refund_text("en", STATEMENT, settled, "EUR", PARIS) == said
