"""Two tabs paying one cart, on real SQLite and PostgreSQL with localstripe: the tab whose
attempt the other replaced is told what happened (the cart paid there, with its order's
page; or its payment replaced), never left on a bare "Canceled" (QA); an attempt being
confirmed is not canceled under it; one charge, stock taken once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import httpx
from sqlalchemy import text

from models.orders import OrderStatus
from models.types import utc_now
from state.cart import CartState
from state.checkout import CheckoutState
from state.checkout_calls import with_reason
from storefront.adapters.stripe_gateway import StripeGateway
from storefront.bootstrap import Shop, set_shop
from storefront.i18n import translations
from storefront.services.checkout.attempts import CONFIRMING
from storefront.services.checkout.form import SHOWN_TOTAL
from tests.integration.checkout_fixtures import ADDRESS, card_token, paying_shop, scalar
from tests.integration.test_checkout_state import (
    at_the_bank,
    checkout_with_a_line,
    the_same_tab_forgotten,
)
from tests.localstripe import PUBLISHABLE_KEY, SECRET_KEY

VISA = "4242424242424242"


async def press_pay(page: Any) -> list[Any]:
    """Pay pressed: the order placed, and the browser asked for the card (or a refusal)."""
    await page._requote()
    pay = CheckoutState.event_handlers["pay"].fn  # background events, run here directly
    sent = {"email": "ann@example.com", **ADDRESS, SHOWN_TOTAL: str(page.amounts.total_minor)}
    return [step async for step in pay(page, sent)]


async def card_ready(page: Any, localstripe_url: str, number: str) -> list[Any]:
    """The browser's card for the order Pay placed: the server confirms it."""
    ready = CheckoutState.event_handlers["card_ready"].fn
    card = card_token(localstripe_url, number)
    return [step async for step in ready(page, {"card": card})]


def paid_orders(shop: Shop) -> list[tuple[str, str]]:
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        rows = connection.execute(
            text("select reference, access_key from sales_order where status = 'paid'")
        )
        return [(str(reference), str(key)) for reference, key in rows]


def attempts_aged(shop: Shop, by: timedelta) -> None:
    """Every unpaid attempt placed and changed `by` earlier (its tab gone quiet)."""
    assert shop.engine is not None
    with shop.engine.begin() as connection:
        earlier = utc_now() - by
        connection.execute(
            text("update sales_order set created_at = :t, updated_at = :t"), {"t": earlier}
        )


def stock_and_holds(shop: Shop) -> tuple[int, int]:
    stock = scalar(shop, "select stock from variant where sku = 'SKU-1-0'")
    held = scalar(shop, "select count(*) from stock_reservation where status = 'held'")
    return stock, held


async def test_a_tab_at_its_banks_window_hears_the_cart_was_paid_in_the_other_tab(
    database_url: str, make_shop: Callable[..., Shop], localstripe_url: str
) -> None:
    """Case b: tab A at its 3-D Secure window, tab B pays with a card that needs none, then
    A completes the authentication: A showed its own order, "Canceled" (QA)."""
    shop = paying_shop(make_shop, database_url, localstripe_url)
    set_shop(shop)
    try:
        tab_a = await checkout_with_a_line(shop)
        first, secret = await at_the_bank(shop, tab_a, localstripe_url)
        _cart_b, tab_b = await the_same_tab_forgotten("socket-b")
        await tab_b.load()
        [_tokenize] = await press_pay(tab_b)
        [to_order] = await card_ready(tab_b, localstripe_url, VISA)
        [(reference, key)] = paid_orders(shop)
        assert f"/order/{reference}?key={key}" in str(to_order)
        # The bank's window answers for an intent the other tab's Pay canceled: refused.
        assert shop.commerce is not None
        intent_id = shop.commerce.orders.get(first).payment_intent_id  # type: ignore[union-attr]
        httpx.post(
            f"{localstripe_url}/v1/payment_intents/{intent_id}/_authenticate",
            params={"success": "true"},
            json={"key": PUBLISHABLE_KEY, "client_secret": secret},
        )
        authenticated = CheckoutState.event_handlers["authenticated"].fn
        assert [step async for step in authenticated(tab_a, {})] == []  # no "Canceled" page
        assert tab_a.message == translations("checkout.replaced_paid")
        assert tab_a.replaced_href == f"/order/{reference}?key={key}"
        cart_a: Any = await tab_a.get_state(CartState)
        assert (cart_a.count, tab_a.paid_elsewhere) == (0, True)
        assert tab_a.paid_elsewhere_href == f"/order/{reference}?key={key}"
        assert (tab_a.busy, tab_a._order_id) == (False, 0)
        # One charge: A's intent canceled, its order canceled unpaid; the stock taken once.
        gateway = StripeGateway(SECRET_KEY, api_base=localstripe_url)
        assert gateway.retrieve_intent(str(intent_id)).status == "canceled"
        assert shop.commerce.orders.get(first).status is OrderStatus.CANCELED  # type: ignore[union-attr]
        assert len(paid_orders(shop)) == 1
        assert stock_and_holds(shop) == (9, 0)
    finally:
        set_shop(None)


async def test_pay_pressed_in_two_tabs_at_once_pays_the_first_and_the_second_yields(
    database_url: str, make_shop: Callable[..., Shop], localstripe_url: str
) -> None:
    """Case a: the second tab's Pay canceled the first's attempt as it was being
    confirmed (its confirmation then refused), and the first tab ended on "Canceled" (QA).
    It is left to finish; the second says a payment is under way in another tab."""
    shop = paying_shop(make_shop, database_url, localstripe_url)
    set_shop(shop)
    try:
        tab_a = await checkout_with_a_line(shop)
        _cart_b, tab_b = await the_same_tab_forgotten("socket-b")
        await tab_b.load()
        [_tokenize] = await press_pay(tab_a)  # A's order placed, its card on its way
        assert await press_pay(tab_b) == []
        assert tab_b.message == translations("checkout.error.in_progress")
        assert (tab_b._order_id, tab_b.busy) == (0, False)
        assert scalar(shop, "select count(*) from sales_order") == 1  # nothing placed
        [to_order] = await card_ready(tab_a, localstripe_url, VISA)
        [(reference, key)] = paid_orders(shop)
        assert f"/order/{reference}?key={key}" in str(to_order)
        await tab_b.load()  # B in front again: the cart paid in A, and where
        assert (tab_b.paid_elsewhere, tab_b.paid_elsewhere_href) == (
            True,
            f"/order/{reference}?key={key}",
        )
        assert stock_and_holds(shop) == (9, 0)
    finally:
        set_shop(None)


async def test_an_attempt_left_unconfirmed_is_replaced_and_its_tab_told_so_when_it_comes_back(
    database_url: str, make_shop: Callable[..., Shop], localstripe_url: str
) -> None:
    """An attempt placed CONFIRMING ago and never confirmed (its card never came) is no
    longer spared: the other tab's Pay replaces it. Its card arriving then confirms
    nothing, and the tab says its payment was replaced, or the cart paid there."""
    shop = paying_shop(make_shop, database_url, localstripe_url)
    set_shop(shop)
    try:
        tab_a = await checkout_with_a_line(shop)
        _cart_b, tab_b = await the_same_tab_forgotten("socket-b")
        await tab_b.load()
        [_tokenize] = await press_pay(tab_a)
        first = tab_a._order_id
        attempts_aged(shop, CONFIRMING + timedelta(seconds=5))
        [_tokenize] = await press_pay(tab_b)  # B's attempt replaces A's, unpaid yet
        assert shop.commerce is not None
        assert shop.commerce.orders.get(first).status is OrderStatus.CANCELED  # type: ignore[union-attr]
        assert await card_ready(tab_a, localstripe_url, VISA) == []
        assert tab_a.message == translations("checkout.replaced")
        assert (tab_a.replaced_href, tab_a._order_id, tab_a.busy) == ("", 0, False)
        assert paid_orders(shop) == []  # A's card charged nothing
        [to_order] = await card_ready(tab_b, localstripe_url, VISA)
        assert "/order/" in str(to_order)
        assert len(paid_orders(shop)) == 1
        assert stock_and_holds(shop) == (9, 0)
    finally:
        set_shop(None)


async def test_an_attempt_whose_card_details_the_page_refused_is_replaced_by_the_other_tab(
    database_url: str, make_shop: Callable[..., Shop], localstripe_url: str
) -> None:
    """Tab A's Pay placed its order, then Stripe.js refused the card details ("Check your
    card details."): no card reached the provider. A closed, B opened the checkout and paid
    with a good card: "a payment for this cart is under way in another tab" for 2 minutes
    (QA). B's Pay replaces A's attempt and pays, once."""
    shop = paying_shop(make_shop, database_url, localstripe_url)
    set_shop(shop)
    try:
        tab_a = await checkout_with_a_line(shop)
        [_tokenize] = await press_pay(tab_a)
        first = tab_a._order_id
        ready = CheckoutState.event_handlers["card_ready"].fn
        incomplete = {"error": "Your card number is incomplete."}
        assert [step async for step in ready(tab_a, incomplete)] == []
        assert tab_a.message == with_reason("checkout.error.card", incomplete["error"])
        assert shop.commerce is not None
        orders = shop.commerce.orders
        refused = orders.get(first)
        assert refused is not None
        assert refused.status is OrderStatus.PENDING  # still its cart's, for a new tab
        assert refused.card_refused_at is not None
        _cart_b, tab_b = await the_same_tab_forgotten("socket-b")  # A closed: B opened
        await tab_b.load()
        [_tokenize] = await press_pay(tab_b)
        assert tab_b.message == {}
        assert orders.get(first).status is OrderStatus.CANCELED  # type: ignore[union-attr]
        [to_order] = await card_ready(tab_b, localstripe_url, VISA)
        [(reference, key)] = paid_orders(shop)
        assert f"/order/{reference}?key={key}" in str(to_order)
        assert reference != refused.reference
        gateway = StripeGateway(SECRET_KEY, api_base=localstripe_url)
        assert gateway.retrieve_intent(str(refused.payment_intent_id)).status == "canceled"
        assert stock_and_holds(shop) == (9, 0)
        # Noted once, and only while pending: a canceled attempt is left as it is.
        assert not orders.card_refused(first, utc_now())
        assert orders.get(first).card_refused_at == refused.card_refused_at  # type: ignore[union-attr]
    finally:
        set_shop(None)
