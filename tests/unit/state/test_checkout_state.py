"""The checkout page's state when a payment attempt fails: what the page is told, so that
the focus (left on the page's body by Pay, disabled while busy) goes somewhere useful."""

from __future__ import annotations

from typing import Any

from models.orders import OrderStatus
from state.checkout import CHECKOUT_FORM, CheckoutState
from tests.unit.state.test_listing_state import at


def test_a_declined_card_is_a_refusal_of_the_form_that_the_page_hears_each_time() -> None:
    page: Any = at(CheckoutState, "/checkout")
    for attempt in (1, 2):  # the same decline twice is two refusals: the focus moves twice
        page._order_id, page.busy = 7, True
        assert page._after(7, OrderStatus.FAILED, "Your card was declined.") is None
        assert page.busy is False
        assert "Your card was declined." in page.message["en"]
        assert page.refused == f"{CHECKOUT_FORM}#{attempt}"
        assert page.errors == {}  # no field at fault: the message by Pay takes the focus


def test_a_paid_step_is_no_refusal() -> None:
    page: Any = at(CheckoutState, "/checkout")
    page._order_id, page._placed, page.busy = 7, {"reference": "BQ7", "key": "k"}, True
    assert page._after(7, OrderStatus.PAID, "") is not None  # the order page
    assert (page.refused, page.message) == ("", {})
