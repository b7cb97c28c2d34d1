"""Which attempt of another tab is left to finish: one being confirmed, not one waiting for
3-D Secure (its window may have closed with its tab), nor one declined."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from models.orders import OrderStatus
from storefront.services.checkout.attempts import CONFIRMING, under_way
from tests.unit.state.test_order_state import PLACED, order_to


def test_only_an_attempt_placed_within_confirming_and_unanswered_is_under_way() -> None:
    placed = replace(order_to("FR"), status=OrderStatus.PENDING, paid_at=None)
    assert under_way(placed, PLACED + CONFIRMING - timedelta(seconds=1))
    assert not under_way(placed, PLACED + CONFIRMING)  # its tab gone quiet: replaced
    for status in (OrderStatus.REQUIRES_ACTION, OrderStatus.FAILED, OrderStatus.CANCELED):
        assert not under_way(replace(placed, status=status), PLACED), status
    # Its last change counts (an intent attached after it was placed).
    changed = replace(placed, updated_at=PLACED + timedelta(minutes=1))
    assert under_way(changed, PLACED + CONFIRMING)


def test_an_attempt_whose_card_details_the_page_refused_is_not_under_way() -> None:
    """Stripe.js said "Check your card details." and no card left the page: the other tab's
    Pay was sent away for 2 minutes all the same (QA)."""
    placed = replace(order_to("FR"), status=OrderStatus.PENDING, paid_at=None)
    refused = replace(placed, card_refused_at=PLACED + timedelta(seconds=5))
    assert under_way(placed, PLACED + timedelta(seconds=10))
    assert not under_way(refused, PLACED + timedelta(seconds=10))
