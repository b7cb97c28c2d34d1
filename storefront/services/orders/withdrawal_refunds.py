"""What each withdrawal statement owes the shopper, and what of it has been refunded
(Directive 2011/83/EU Art. 13; the statements: withdrawal.py).

A statement's value: each unit it withdraws at the price paid for it, less its share of the
order's discount (in proportion to its price), counted on all the goods the order's statements
have withdrawn so far and rounded half up to the cent (as credit notes count VAT): together
an order's statements owe what was paid for its goods to the cent, never more, however they
split it. The delivery paid is owed only by the statement withdrawing the last of the goods
(the whole contract withdrawn: Art. 13(1)), and no more than standard delivery would have
cost for them (Art. 13(2): an express delivery's extra stays the shopper's); a partial
withdrawal owes none, the goods kept having used it. The return's own cost is the shopper's
(Art. 14(1)). The value is recorded with the statement, under the order's lock.

What has been refunded for a statement: the refunds that went through after it was received,
each given to the statements received before it, oldest first, up to what each is owed (what
it left over is not a later statement's). Nothing is due any more once nothing is left to
refund on the order."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from storefront.services.checkout.pricing import SHIPPING, ShippingMethod, shipping_price

if TYPE_CHECKING:
    from storefront.services.orders.ports import OrderRecord
    from storefront.services.orders.withdrawal import Statement, WithdrawnItem

WENT_THROUGH = "succeeded"  # a refund reversed since (a closed card) is failed: nothing came back


@dataclass(frozen=True, slots=True)
class Paid:
    """What the shopper paid for an order, as its withdrawals count it."""

    unit_prices: tuple[int, ...]  # per line, in the order's line order
    quantities: tuple[int, ...]
    discount_minor: int
    delivery_minor: int  # owed back with the last of the goods

    @classmethod
    def of(cls, order: OrderRecord) -> Paid:
        a = order.amounts
        goods = a.subtotal_minor - a.discount_minor
        return cls(
            tuple(line.unit_price_minor for line in order.lines),
            tuple(line.quantity for line in order.lines),
            a.discount_minor,
            standard_delivery(order.shipping_method, a.currency, a.shipping_minor, goods),
        )


def standard_delivery(method: str, currency: str, paid_minor: int, goods_minor: int) -> int:
    """The delivery paid, but no more than standard delivery costs for goods worth
    `goods_minor` (after discount) at the shop's rates; what was paid when that is unknown."""
    if method == ShippingMethod.STANDARD or ShippingMethod.STANDARD not in SHIPPING.get(
        currency, {}
    ):
        return paid_minor
    return min(paid_minor, shipping_price(ShippingMethod.STANDARD, currency, goods_minor))


def values(paid: Paid, statements: Iterable[Sequence[WithdrawnItem]]) -> list[int]:
    """Each statement's value, oldest first (see the module's docstring)."""
    subtotal = sum(p * n for p, n in zip(paid.unit_prices, paid.quantities, strict=True))
    discount = min(max(paid.discount_minor, 0), subtotal)
    left = list(paid.quantities)
    gross = counted = 0
    found: list[int] = []
    for items in statements:
        was_whole = not any(left)
        for item in items:
            if 0 <= item.line < len(left):
                units = min(max(item.quantity, 0), left[item.line])
                left[item.line] -= units
                gross += units * paid.unit_prices[item.line]
        net = (2 * gross * (subtotal - discount) + subtotal) // (2 * subtotal) if subtotal else 0
        delivery = paid.delivery_minor if not any(left) and not was_whole else 0
        found.append(net - counted + delivery)
        counted = net
    return found


class RefundSeen(Protocol):
    @property
    def amount_minor(self) -> int: ...
    @property
    def status(self) -> str: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def succeeded_at(self) -> datetime | None: ...  # when it went through, if recorded (0058)


@dataclass(frozen=True, slots=True)
class Settlement:
    value_minor: int  # owed for its goods
    refunded_minor: int  # of it, refunded by refunds made since it was received
    due_minor: int  # still owed: 0 once refunded, or once nothing is left to refund
    refunded_at: datetime | None  # the last refund given to it


def settle(
    statements: Sequence[Statement], refunds: Iterable[RefundSeen], left_minor: int
) -> list[Settlement]:
    """Each statement's settlement, oldest first; `left_minor`: what is left to refund on
    the order (its total less what was refunded)."""
    given = [0] * len(statements)
    last: list[datetime | None] = [None] * len(statements)
    through = [r for r in refunds if r.status == WENT_THROUGH]
    for refund in sorted(through, key=lambda r: r.created_at):
        rest = refund.amount_minor
        for i, statement in enumerate(statements):
            take = min(rest, statement.value_minor - given[i])
            if take > 0 and statement.received_at <= refund.created_at:
                # Refunded on the day it went through (a card refund can take days), or,
                # for one before that was recorded (0058), on the day it was made.
                went_through = refund.succeeded_at or refund.created_at
                given[i], last[i], rest = given[i] + take, went_through, rest - take
    settled = []
    budget = max(left_minor, 0)
    for i, statement in enumerate(statements):
        due = min(statement.value_minor - given[i], budget)
        budget -= due
        settled.append(Settlement(statement.value_minor, given[i], due, last[i]))
    return settled


def settle_order(
    order: OrderRecord, statements: Sequence[Statement], refunds: Iterable[RefundSeen]
) -> list[Settlement]:
    """`settle` for the order's statements, with what is left to refund on it."""
    return settle(statements, refunds, order.amounts.total_minor - order.refunded_minor)


def refund_to_offer(settled: Iterable[Settlement], pending_minor: int) -> int | None:
    """The refund form's amount while a statement is owed: what is still owed, less the
    refunds on their way; None when none is owed (the form offers all that is left)."""
    owed = sum(s.due_minor for s in settled)
    return max(owed - pending_minor, 0) if owed > 0 else None
