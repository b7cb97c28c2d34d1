"""What a withdrawal statement owes and what of it was refunded (services/orders/
withdrawal_refunds.py): the goods at the price paid less their share of the discount, rounded
so that an order's statements together never owe more than was paid; the delivery only with
the last of the goods, no dearer than standard; refunds made after a statement given to it
and the statements before it, oldest first; nothing due once nothing is left to refund."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from itertools import product

from storefront.services.checkout.pricing import Totals
from storefront.services.orders.ports import OrderItem
from storefront.services.orders.withdrawal import Statement, WithdrawnItem
from storefront.services.orders.withdrawal_refunds import (
    Paid,
    Settlement,
    refund_to_offer,
    settle,
    values,
)
from tests.unit.services.test_order_mail import ORDER

AT = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
# QA's order: headphones 43.99 and a case 25.65, a 10 % code (6.96): 62.68, delivered free.
HEADSET = replace(
    ORDER,
    lines=(
        OrderItem(1, "HP-1", "Headphones", 1, 4_399),
        OrderItem(2, "CASE-1", "Case", 1, 2_565),
    ),
    amounts=Totals(6_964, 696, 0, 6_268, 2_000, 1_045, "EUR"),
)
# Three units at 1.00 less a third: each unit's share of the discount is not a whole cent.
THIRDS = replace(
    ORDER,
    lines=(OrderItem(1, "A", "A", 3, 100),),
    amounts=Totals(300, 100, 490, 690, 2_000, 115, "EUR"),
)


def item(line: int, quantity: int = 1) -> WithdrawnItem:
    return WithdrawnItem(line, "", "", "", quantity)


def statement(value: int, at: datetime = AT, id: int = 1) -> Statement:
    return Statement(id, 1, "Gita", "gita@example.com", (item(0),), at, "en", value)


@dataclass(frozen=True)
class Refund:
    amount_minor: int
    created_at: datetime
    status: str = "succeeded"
    succeeded_at: datetime | None = None  # not recorded before migration 0058


def test_the_goods_owe_the_price_paid_less_their_share_of_the_code() -> None:
    """QA: 1 × headphones of 43.99 under a 10 % code: 39.59, not the 62.68 left on the order."""
    assert values(Paid.of(HEADSET), [[item(0)]]) == [3_959]
    assert values(Paid.of(HEADSET), [[item(0)], [item(1)]]) == [3_959, 2_309]
    assert 3_959 + 2_309 == 6_268


def test_statements_together_never_owe_more_than_was_paid_however_they_split_it() -> None:
    """Each third of a unit rounds up alone (0.67 × 3 = 2.01 > 2.00): counted on the goods
    withdrawn so far, the cents come out right whatever the split."""
    paid = Paid.of(THIRDS)
    assert values(paid, [[item(0)], [item(0)], [item(0)]]) == [67, 66, 67 + 490]
    for split in product(range(4), repeat=3):
        withdrawn = [[item(0, n)] for n in split]
        owed = values(paid, withdrawn)
        assert all(v >= 0 for v in owed)
        assert sum(owed) <= THIRDS.amounts.total_minor
        if sum(split) >= 3:
            assert sum(owed) == THIRDS.amounts.total_minor  # all of it back, delivery too
    # Never more than bought: a statement naming more (or a line not in the order) counts
    # what is left of the line, nothing else.
    assert values(paid, [[item(0, 5), item(3)], [item(0)]]) == [690, 0]


def test_the_delivery_is_owed_only_with_the_last_goods_and_no_dearer_than_standard() -> None:
    """Art. 13: the standard delivery back when the whole order is withdrawn; a part of it
    owes none (the goods kept used it), and express's extra stays the shopper's."""
    standard = Paid.of(THIRDS)  # 4.90 paid for standard delivery
    assert values(standard, [[item(0, 2)], [item(0, 1)]]) == [133, 67 + 490]
    assert values(standard, [[item(0, 3)]]) == [200 + 490]
    express = replace(
        THIRDS, shipping_method="express", amounts=replace(THIRDS.amounts, shipping_minor=1_290)
    )
    assert values(Paid.of(express), [[item(0, 3)]]) == [200 + 490]
    # Goods of 50.00 or more travel free by standard delivery: express owes nothing back.
    big = replace(
        express,
        lines=(OrderItem(1, "A", "A", 1, 6_000),),
        amounts=Totals(6_000, 0, 1_290, 7_290, 2_000, 1_215, "EUR"),
    )
    assert values(Paid.of(big), [[item(0)]]) == [6_000]


def test_a_refund_after_the_statement_settles_it_and_one_before_does_not() -> None:
    owed = [statement(3_959)]
    before = Refund(3_959, AT - timedelta(hours=1))  # another matter, earlier
    assert settle(owed, [before], 6_268 - 3_959) == [Settlement(3_959, 0, 2_309, None)]
    after = Refund(3_959, AT + timedelta(days=2))
    assert settle(owed, [after], 2_309) == [Settlement(3_959, 3_959, 0, after.created_at)]
    part = Refund(2_000, AT + timedelta(days=2))
    assert settle(owed, [part], 4_268) == [Settlement(3_959, 2_000, 1_959, part.created_at)]
    # Pending, failed, or reversed after going through (a closed card): nothing came back.
    for status in ("pending", "failed"):
        assert settle(owed, [replace(after, status=status)], 6_268)[0].due_minor == 3_959


def test_refunds_go_to_the_statements_in_the_order_they_came() -> None:
    """A refund between two statements is the first's only; one after both covers the
    oldest first, and what it leaves over of its amount is nobody's."""
    first, second = statement(1_000, AT, 1), statement(2_000, AT + timedelta(days=3), 2)
    early = Refund(1_500, AT + timedelta(days=1))
    late = Refund(1_200, AT + timedelta(days=4))
    assert settle([first, second], [late, early], 10_000) == [
        Settlement(1_000, 1_000, 0, early.created_at),
        Settlement(2_000, 1_200, 800, late.created_at),
    ]
    both = Refund(2_500, AT + timedelta(days=4))
    assert settle([first, second], [both], 10_000) == [
        Settlement(1_000, 1_000, 0, both.created_at),
        Settlement(2_000, 1_500, 500, both.created_at),
    ]


def test_nothing_is_due_once_nothing_is_left_to_refund() -> None:
    """Refunded before the statement (in full, or all but a part): what is due is no more
    than what is left, the oldest statement's first."""
    first, second = statement(1_000, AT, 1), statement(2_000, AT, 2)
    assert [s.due_minor for s in settle([first, second], [], 1_500)] == [1_000, 500]
    assert [s.due_minor for s in settle([first, second], [], 0)] == [0, 0]


def test_the_refund_form_offers_what_is_owed_less_what_is_on_its_way() -> None:
    due = Settlement(3_959, 0, 3_959, None)
    done = Settlement(1_000, 1_000, 0, AT)
    assert refund_to_offer([due, done], 0) == 3_959
    assert refund_to_offer([due], 3_959) == 0  # its refund is pending: nothing more
    assert refund_to_offer([done], 0) is None  # none owed: the form offers all that is left
    assert refund_to_offer([], 0) is None
