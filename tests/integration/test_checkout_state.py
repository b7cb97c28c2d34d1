"""The checkout page's state across a payment step that never ended (its worker died)."""

from __future__ import annotations

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
