"""The checkout page's state across a payment step that never ended (its worker died)."""

from __future__ import annotations

from typing import Any

from models.orders import OrderStatus
from state.checkout import STEP_SECONDS_AT_MOST, CheckoutState
from storefront.bootstrap import Shop
from tests.integration.test_admin_authorization import state_at


async def test_a_step_whose_worker_died_frees_the_page_once_no_step_could_still_run(
    current_shop: Shop,
) -> None:
    page = state_at(CheckoutState, "", {})
    page._start_step()  # type: ignore[attr-defined]  # then the worker is killed (a deploy)
    await page.load()  # type: ignore[attr-defined]  # the shopper reloads
    assert page.busy is True  # type: ignore[attr-defined]  # a step may still be running
    page._in_flight_until -= STEP_SECONDS_AT_MOST + 1  # type: ignore[attr-defined]
    await page.load()  # type: ignore[attr-defined]  # later
    assert page.busy is False  # type: ignore[attr-defined]  # Pay works again


async def test_signing_in_or_out_lets_go_of_the_payment_under_way(current_shop: Shop) -> None:
    """Shopper A's order (Pay pressed, not paid) must not be shown, paid or canceled by the
    next person at the tab: a late answer of A's step leads nowhere."""
    page: Any = state_at(CheckoutState, "", {})
    page._order_id, page._placed = 7, {"reference": "BQ-7", "key": "access"}
    page.busy = True
    page._forget_account()  # A signs out
    assert (page._order_id, page._placed, page.busy) == (0, {}, False)
    assert page._after(7, OrderStatus.PAID, "") is None  # no redirect to A's order page
