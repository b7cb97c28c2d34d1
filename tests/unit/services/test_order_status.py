"""The order state machine only moves forward."""

from __future__ import annotations

import pytest

from models.orders import OrderStatus as S
from storefront.services.orders.status import SHIPPING, can_move, sources_of


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
