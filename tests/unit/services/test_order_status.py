"""The order state machine only moves forward."""

from __future__ import annotations

import pytest

from models.orders import OrderStatus as S
from storefront.services.orders.status import (
    SHIPPING,
    can_move,
    can_reverse,
    refund_status,
    refundable,
    sources_of,
)


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (S.PENDING, S.PAID),
        (S.PENDING, S.REQUIRES_ACTION),
        (S.REQUIRES_ACTION, S.FAILED),
        (S.FAILED, S.PAID),
        (S.PAID, S.FULFILLED),
        (S.FULFILLED, S.PARTIALLY_REFUNDED),
        (S.PARTIALLY_REFUNDED, S.REFUNDED),
        (S.PENDING, S.CANCELED),
    ],
)
def test_forward_moves_are_allowed(current: S, target: S) -> None:
    assert can_move(current, target)


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (S.PAID, S.FAILED),  # a late "payment failed" after the success
        (S.PAID, S.PENDING),
        (S.PAID, S.PAID),  # paid once
        (S.REFUNDED, S.PARTIALLY_REFUNDED),
        (S.CANCELED, S.PAID),
        (S.FULFILLED, S.PAID),
        (S.PAID, S.CANCELED),  # money taken: refund instead
    ],
)
def test_backward_or_repeated_moves_are_refused(current: S, target: S) -> None:
    assert not can_move(current, target)


def test_nothing_leads_back_to_pending_and_paid_comes_only_from_unpaid() -> None:
    assert sources_of(S.PENDING) == frozenset()
    assert sources_of(S.PAID) == {S.PENDING, S.REQUIRES_ACTION, S.FAILED}


def test_shipping_is_a_move_of_the_machine_and_keeps_what_a_refund_said() -> None:
    assert all(can_move(current, shipped) for current, shipped in SHIPPING.items())
    assert SHIPPING == {S.PAID: S.FULFILLED, S.PARTIALLY_REFUNDED: S.PARTIALLY_REFUNDED}


def test_only_a_refunds_failure_takes_an_order_back_and_only_as_far_as_its_refunds() -> None:
    """A refund that went through and then failed: the order follows what is still refunded
    (refund_status), back from refunded or partially refunded only; no order move may."""
    assert can_reverse(S.REFUNDED, S.PARTIALLY_REFUNDED)
    assert can_reverse(S.REFUNDED, refund_status(0, 4_500, shipped=False))  # paid
    assert can_reverse(S.PARTIALLY_REFUNDED, refund_status(0, 4_500, shipped=True))  # fulfilled
    assert refund_status(4_500, 4_500, shipped=True) is S.REFUNDED
    for current, target in [
        (S.PAID, S.PENDING), (S.FULFILLED, S.PAID), (S.CANCELED, S.PAID), (S.REFUNDED, S.PENDING),
        (S.PARTIALLY_REFUNDED, S.REFUNDED),
    ]:  # fmt: skip
        assert not can_reverse(current, target)
    assert not can_move(S.REFUNDED, S.PAID)


def test_refunds_are_taken_of_charged_orders_and_of_canceled_ones_paid_once() -> None:
    """A canceled order paid once was closed by its refunds; one of them failing since leaves
    it owed, so it takes a refund again. One canceled unpaid was never charged."""
    charged = {S.PAID, S.FULFILLED, S.PARTIALLY_REFUNDED}
    assert {s for s in S if refundable(s, paid=True)} == charged | {S.CANCELED}
    assert {s for s in S if refundable(s, paid=False)} == charged
