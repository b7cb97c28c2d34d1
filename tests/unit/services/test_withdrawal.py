"""The withdrawal function's rules against in-memory fakes (services/orders/withdrawal.py):
its period (from payment until BOUTIQUE_WITHDRAWAL_DAYS after shipping), the quantities (all
by default, in part, never more than bought less what was withdrawn), one statement per
confirmation however often it comes, the guest's lookup (one refusal for any mismatch,
limited per client), and the acknowledgement (withdrawal_mail.py): once, in the order's
language, with the statement and when it was received on the shop's named clock."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
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
    withdrawal_deadline,
)
from storefront.services.orders.withdrawal_mail import WithdrawalMail
from tests.unit.services.test_order_mail import ORDER

SHIPPED_AT = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
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

    def get(self, order_id: int):  # type: ignore[no-untyped-def]
        if order_id == self.order.id:
            return self.order
        return next((s for s in self.statements if s.id == order_id), None)

    def by_reference(self, reference: str):  # type: ignore[no-untyped-def]
        return self.order if reference == self.order.reference else None

    def for_order(self, order_id: int) -> list[Statement]:
        return [s for s in self.statements if s.order_id == order_id]

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


def service(world: World, throttle: InProcessThrottle | None = None) -> Withdrawals:
    return Withdrawals(
        Orders(world),  # type: ignore[arg-type]
        world,  # type: ignore[arg-type]
        world.published.extend,
        throttle or InProcessThrottle(),
        30,
    )


def draft(**quantities: int) -> Draft:
    by_line = {int(k[1:]): v for k, v in quantities.items()}
    return Draft("Gita Gast", "gita@example.com", by_line or {0: 2, 1: 1})


def test_the_period_runs_from_payment_until_thirty_days_after_shipping() -> None:
    assert withdrawal_deadline(SHIPPED, 30) == SHIPPED_AT + timedelta(days=30)
    assert withdrawal_deadline(replace(SHIPPED, status=S.PARTIALLY_REFUNDED), 30) is not None
    # Not shipped: its cancel is the withdrawal. Canceled, refunded, or never paid: none.
    assert withdrawal_deadline(ORDER, 30) is None
    assert withdrawal_deadline(replace(SHIPPED, status=S.REFUNDED), 30) is None
    assert withdrawal_deadline(replace(SHIPPED, status=S.CANCELED), 30) is None
    assert withdrawal_deadline(replace(SHIPPED, paid_at=None), 30) is None
    world = World()
    last = SHIPPED_AT + timedelta(days=30)
    assert service(world).open_lines(SHIPPED, last) == [2, 1]
    assert service(world).open_lines(SHIPPED, last + timedelta(seconds=1)) is None


def test_a_crafted_confirmation_outside_the_period_is_refused_and_records_nothing() -> None:
    world = World()
    late = SHIPPED_AT + timedelta(days=30, minutes=1)
    with pytest.raises(Refusal) as refused:
        service(world).withdraw(ORDER.id, draft(), "key-1", late)
    assert refused.value.code == "withdraw.error.closed"
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

    refund = RefundView(1, 2_000, "succeeded", "", NOW + timedelta(days=1))
    before = Refunded(ORDER.id, SHIPPED.amounts, 0, ())
    after = Refunded(ORDER.id, SHIPPED.amounts, 2_000, (refund,))
    ((statement, due),) = withdrawals.settlements(before)
    assert (statement, due.due_minor) == (world.statements[0], 2_000)
    ((_, settled),) = withdrawals.settlements(after)
    assert (settled.due_minor, settled.refunded_at) == (0, refund.created_at)


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
