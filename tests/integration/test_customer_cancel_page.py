"""The order page's cancel on real states and a shop paying through localstripe: offered
with the refund named, a guest by link asked the order's email, a wrong one refused with
nothing changed, the right one cancels and the page shows it canceled; a cancel under way,
and one Stripe refused (the page then tells the shopper to contact the shop)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import reflex as rx
from reflex.istate.data import RouterData
from starlette.testclient import TestClient

from models.orders import OrderStatus
from models.types import utc_now
from state.checkout import CheckoutState
from state.order import OrderState
from state.order_cancel import OrderCancelState
from state.order_withdrawal import OrderWithdrawalState
from storefront.adapters.stripe_gateway import StripeGateway
from storefront.api import routes
from storefront.api.routes import build_api
from storefront.bootstrap import Shop, set_shop
from storefront.i18n import translations
from storefront.services.accounts.credentials import masked_email
from storefront.services.orders.ports import OrderRecord
from tests.integration.checkout_fixtures import VISA, checkout, commerce, paying_shop, place, scalar
from tests.integration.test_admin_refunds import AnsweredPending
from tests.integration.test_stripe_webhook import outcome, rows
from tests.localstripe import event, move_refund
from tests.ports import free_port


@pytest.fixture
def shop(database_url: str, make_shop: Callable[..., Shop], localstripe_url: str) -> Shop:
    return paying_shop(make_shop, database_url, localstripe_url)


def page_at(reference: str, key: str) -> tuple[Any, Any]:
    root = rx.State(_reflex_internal_init=True)
    root.router = RouterData.from_router_data(
        {
            "pathname": f"/order/{reference}",
            "asPath": f"/order/{reference}?key={key}",
            "query": {"key": key},
            "headers": {},
        }
    )
    states = []
    for cls in (OrderState, OrderCancelState):
        state: rx.State = root
        for name in cls.get_full_name().split(".")[1:]:
            state = state.substates[name]
        states.append(state)
    return states[0], states[1]


def paid_guest_order(shop: Shop) -> OrderRecord:
    """A guest's order of one SKU-2-0 (60.00 in all), paid."""
    placed = place(shop, "g1", "SKU-2-0", 1)
    assert checkout(shop).pay(placed.order_id, VISA).status is OrderStatus.PAID
    order = commerce(shop).orders.get(placed.order_id)
    assert order is not None
    return order


async def test_a_guest_by_link_cancels_a_paid_order_from_its_page(shop: Shop) -> None:
    order = paid_guest_order(shop)
    set_shop(shop)
    try:
        page, cancel = page_at(order.reference, order.access_key)
        await page.load()
        assert page.cancel_offered
        assert page.cancel_needs_email
        assert "€60.00 will be refunded" in page.cancel_labels["en"]
        assert "60,00\u00a0€ seront remboursés" in page.cancel_labels["fr"]
        cancel.ask()
        assert cancel.about == order.reference  # what the page shows beside this order only
        await cancel.confirm({"email": "someone@example.com"})
        assert cancel.error == translations("cancel.error.email")
        assert cancel.email_refused  # its field is marked invalid
        assert scalar(shop, "select count(*) from order_refund") == 0
        await cancel.confirm({"email": order.email})
        assert cancel.error == {}
        assert not cancel.email_refused
        assert "€60.00 refunded" in cancel.done["en"]
        assert page.status_labels == translations("order.status.canceled")
        assert not page.cancel_offered
        assert page.refunded_minor == 6_000
        done = cancel.done
        # A double click's second submit, run once the first is done: nothing more, and no
        # "already canceled" under the success.
        await cancel.confirm({"email": order.email})
        assert (cancel.error, cancel.done) == ({}, done)
        assert scalar(shop, "select count(*) from order_refund") == 1
        cancel.done = {}  # a new look at the page (the state of another order's page)
        await cancel.confirm({"email": order.email})
        assert cancel.error == translations("cancel.error.already_canceled")
    finally:
        set_shop(None)


async def test_emails_typed_into_a_tabs_checkout_never_unmask_the_order_email(
    shop: Shop,
) -> None:
    """Security review: the order's email showed whole to a tab whose checkout field held
    it, which any browser may set, so a link's holder could test guesses without limit
    (the cancel form takes 5 an hour) and then cancel. Only the tab that placed it sees it."""
    order = paid_guest_order(shop)
    set_shop(shop)
    try:
        page, _ = page_at(order.reference, order.access_key)
        (await page.get_state(CheckoutState)).keep_typed("email", order.email)
        await page.load()
        assert page.cancel_needs_email
        assert page.email == masked_email(order.email)
        assert (await page.get_state(OrderWithdrawalState)).email == ""
    finally:
        set_shop(None)


async def test_a_stranger_without_the_key_is_offered_nothing_and_refused(shop: Shop) -> None:
    order = paid_guest_order(shop)
    set_shop(shop)
    try:
        page, cancel = page_at(order.reference, "not-the-key")
        await page.load()
        assert not page.found
        assert not page.cancel_offered
        await cancel.confirm({"email": order.email})  # forced anyway
        assert cancel.error == translations("cancel.error.not_allowed")
        assert scalar(shop, "select count(*) from sales_order where status = 'paid'") == 1
    finally:
        set_shop(None)


async def test_a_cancel_stripe_refuses_says_on_the_page_to_contact_the_shop(
    shop: Shop, localstripe_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    order = paid_guest_order(shop)
    refunds = commerce(shop).refunds
    assert refunds is not None
    failing = AnsweredPending(refunds._payments, localstripe_url, status="failed")
    monkeypatch.setattr(refunds, "_payments", failing)
    set_shop(shop)
    try:
        page, cancel = page_at(order.reference, order.access_key)
        await page.load()
        assert not page.cancel_claimed
        assert not page.cancel_released
        cancel.ask()
        await cancel.confirm({"email": order.email})
        # The page's own notice says it, once: no red error beside it, no offer again.
        assert (cancel.error, cancel.done, cancel.asking) == ({}, {}, False)
        assert page.cancel_released
        assert not page.cancel_claimed
        assert not page.cancel_offered
        assert page.status_labels == translations("order.status.paid")
        assert page.refund_owed_labels == {}  # nothing was refunded: nothing is owed back
        # It says the order stands and may ship, that it cannot be canceled here again,
        # and who settles it (the page adds the shop's address).
        said = translations("cancel.released")
        assert "your order is not canceled, and it may still ship" in said["en"]
        assert "It can no longer be canceled from this page" in said["en"]
        assert "the shop will contact you" in said["en"]
        assert "votre commande n’est pas annulée, et elle peut encore être expédiée" in said["fr"]
        assert scalar(shop, "select count(*) from sales_order where status = 'paid'") == 1
    finally:
        set_shop(None)


async def test_a_cancel_whose_refund_failed_since_says_it_is_canceled_and_the_refund_owed(
    shop: Shop, localstripe_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The card took the refund, then its bank sent it back (a closed card): the order
    stays canceled, the admin lists it as "Refund owed", and the shopper's page said only
    "Canceled", the refund gone from it."""
    order = paid_guest_order(shop)
    monkeypatch.setattr(routes, "get_settings", lambda: shop.settings)
    set_shop(shop)
    try:
        page, cancel = page_at(order.reference, order.access_key)
        await page.load()
        cancel.ask()
        await cancel.confirm({"email": order.email})
        assert page.status_labels == translations("order.status.canceled")
        assert page.refund_owed_labels == {}  # refunded in full: nothing owed
        ((refund_id,),) = rows(shop, "select provider_refund_id from order_refund")
        failed = move_refund(localstripe_url, str(refund_id), "failed")
        client = TestClient(build_api())
        assert outcome(client, event("evt_cancel_failed", "refund.failed", failed)) == "applied"
        await page.load()
        assert page.status_labels == translations("order.status.canceled")
        assert page.refund_owed_labels["en"].startswith(
            "This order is canceled, but €60.00 of its refund did not reach you"
        )
        assert "The shop owes it to you and will refund it" in page.refund_owed_labels["en"]
        assert page.refund_owed_labels["fr"].startswith(
            "Cette commande est annulée, mais 60,00\u00a0€ de son remboursement"
        )
        assert (page.cancel_offered, page.cancel_claimed, page.cancel_released) == (
            False,
            False,
            False,
        )
    finally:
        set_shop(None)


async def test_stripe_out_of_reach_leaves_the_cancel_recorded_and_says_to_try_again(
    shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It said "nothing was changed" beside the note that the cancel was asked and the
    order will not ship: the claim is taken, the refund not asked yet."""
    order = paid_guest_order(shop)
    refunds = commerce(shop).refunds
    assert refunds is not None
    reachable = refunds._payments
    key = shop.settings.stripe_secret_key
    assert key is not None
    unreachable = StripeGateway(key, api_base=f"http://127.0.0.1:{free_port()}")
    monkeypatch.setattr(refunds, "_payments", unreachable)
    set_shop(shop)
    try:
        page, cancel = page_at(order.reference, order.access_key)
        await page.load()
        cancel.ask()
        await cancel.confirm({"email": order.email})
        assert cancel.error == translations("cancel.error.provider_claimed")
        assert "Your cancel is recorded and the order will not ship" in cancel.error["en"]
        assert cancel.asking  # its button is there to press again
        assert (page.cancel_claimed, page.cancel_offered) == (True, True)
        assert page.status_labels == translations("order.status.paid")
        assert scalar(shop, "select count(*) from order_refund where status = 'succeeded'") == 0

        monkeypatch.setattr(refunds, "_payments", reachable)  # Stripe answers again
        await cancel.confirm({"email": order.email})
        assert cancel.error == {}
        assert "€60.00 refunded" in cancel.done["en"]
        assert page.status_labels == translations("order.status.canceled")
        assert scalar(shop, "select count(*) from order_refund") == 1
    finally:
        set_shop(None)


async def test_a_cancel_under_way_says_so_on_the_page(shop: Shop) -> None:
    order = paid_guest_order(shop)
    assert commerce(shop).cancels._store.claim(order.id, utc_now())  # its refund not through
    set_shop(shop)
    try:
        page, _ = page_at(order.reference, order.access_key)
        await page.load()
        assert page.cancel_claimed
        assert not page.cancel_released
    finally:
        set_shop(None)
