"""The checkout page's state across a payment step that never ended (its worker died)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from reflex.istate.data import RouterData
from sqlalchemy import text

from models.orders import OrderStatus
from models.types import utc_now
from state import checkout_payment
from state.cart import CartState
from state.checkout import CheckoutState
from state.checkout_payment import STEP_SECONDS_AT_MOST
from storefront.adapters.stripe_gateway import StripeGateway
from storefront.bootstrap import Shop, set_shop
from storefront.i18n import translations
from storefront.services.accounts.credentials import token_hash
from storefront.services.checkout.discounts import create_discount, new_discount
from storefront.services.checkout.form import SHOWN_TOTAL
from storefront.services.checkout.service import PaymentStep
from storefront.services.product_edits import set_variant_price
from tests.integration.admin_fixtures import sign_up
from tests.integration.checkout_fixtures import (
    ADDRESS,
    VISA,
    authenticate_order,
    card_token,
    checkout,
    form,
    paying_shop,
    scalar,
)
from tests.integration.test_admin_authorization import state_at
from tests.localstripe import SECRET_KEY


async def checkout_with_a_line(shop: Shop) -> Any:
    """The checkout page of a guest's tab (cart "tab-cart", one line), as a socket opens it."""
    root = CheckoutState.get_root_state()(_reflex_internal_init=True)  # type: ignore[call-arg]
    root.router = RouterData.from_router_data(
        {"pathname": "/checkout", "headers": {}, "ip": "198.51.100.7", "sid": "socket"}
    )
    cart: Any = await root.get_state(CartState)
    cart.cart_token = "tab-cart"
    assert shop.carts is not None
    shop.carts.add(token_hash("tab-cart"), None, "SKU-1-0", 1)
    return await root.get_state(CheckoutState)


async def test_checkout_tells_a_line_cut_to_the_stock_once_not_at_every_visit(
    database_url: str, make_shop: Callable[..., Shop], localstripe_url: str
) -> None:
    """QA: opened again, checkout said "we reduced the quantity" each time, until the cart
    page (the only one that forgot what it had told) was opened."""
    shop = paying_shop(make_shop, database_url, localstripe_url)
    set_shop(shop)
    try:
        page = await checkout_with_a_line(shop)
        cart: Any = await page.get_state(CartState)
        assert shop.carts is not None
        assert shop.engine is not None
        shop.carts.add(token_hash("tab-cart"), None, "SKU-1-0", 3)
        with shop.engine.begin() as connection:
            connection.execute(text("update variant set stock = 2 where sku = 'SKU-1-0'"))

        def shown() -> list[tuple[int, str]]:
            return [(line.quantity, line.status) for line in cart.lines]

        await page.load()
        assert shown() == [(2, "reduced")]
        await page._requote()  # a checkout step: still said
        assert shown() == [(2, "reduced")]
        await page.load()  # checkout opened again
        assert shown() == [(2, "ok")]
    finally:
        set_shop(None)


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
    assert page._after(7, PaymentStep(OrderStatus.PAID)) is None  # no redirect to A's order page


async def test_an_order_placed_while_the_tab_signed_out_is_not_taken_over(
    database_url: str,
    make_shop: Callable[..., Shop],
    localstripe_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Pay waits on the provider; meanwhile the tab signs out: the order placed for the last
    shopper must not become the page's (its next person could open it or cancel it)."""
    shop = paying_shop(make_shop, database_url, localstripe_url)
    set_shop(shop)
    try:
        page = await checkout_with_a_line(shop)
        await page._requote()  # the total the page shows
        assert shop.commerce is not None
        assert shop.commerce.checkout is not None
        place = shop.commerce.checkout.place_order

        def signed_out_meanwhile(*args: Any, **kwargs: Any) -> Any:
            placed = place(*args, **kwargs)
            page._forget_account()
            return placed

        monkeypatch.setattr(shop.commerce.checkout, "place_order", signed_out_meanwhile)
        pay = CheckoutState.event_handlers["pay"].fn  # a background event, run here directly
        sent = {"email": "ann@example.com", **ADDRESS, SHOWN_TOTAL: str(page.amounts.total_minor)}
        steps = [step async for step in pay(page, sent)]
        assert steps == []  # no card asked for
        assert (page._order_id, page._placed, page.busy) == (0, {}, False)
        assert scalar(shop, "select count(*) from sales_order") == 1  # with its cart
    finally:
        set_shop(None)


async def test_a_signed_in_shopper_finds_their_first_saved_address_filled_in_and_priced(
    database_url: str, make_shop: Callable[..., Shop], localstripe_url: str
) -> None:
    """The form opens on the account's first saved address, its country's VAT in the
    totals; "a new address" empties it, and the next visit leaves it so."""
    shop = paying_shop(make_shop, database_url, localstripe_url)
    set_shop(shop)
    try:
        session = sign_up(shop, "ada@example.com")
        account = shop.accounts.account_by_email("ada@example.com")  # type: ignore[union-attr]
        assert account is not None
        assert shop.address_book is not None
        page: Any = state_at(CheckoutState, session, {})
        cart: Any = await page.get_state(CartState)
        cart.cart_token = "tab-cart"
        await page.load()  # no address saved yet: the account's name
        assert page.address["name"] == "ada"
        assert page.address["line1"] == ""
        rome = {**ADDRESS, "line1": "Via Roma 1", "postal_code": "00184", "city": "Roma"}
        first = shop.address_book.add(account.id, {**rome, "country": "IT"}, utc_now())
        shop.address_book.add(account.id, ADDRESS, utc_now())  # a second one, in France
        assert shop.carts is not None
        shop.carts.add(token_hash("tab-cart"), account.id, "SKU-1-0", 1)
        await page.load()
        assert page.saved_choice == str(first.id)
        assert page.address["line1"] == "Via Roma 1"
        assert (page.country, page.amounts.vat_rate_bp) == ("IT", 2_200)
        await page.use_saved_address("")  # "Enter a new address"
        assert (page.saved_choice, page.address["line1"]) == ("", "")
        await page.load()  # back from the cart, say
        assert (page.saved_choice, page.address["line1"]) == ("", "")
        await page.use_saved_address(str(first.id))
        assert page.country == "IT"
        page.keep_typed("city", "Roma")  # as it was: still that address
        assert page.saved_choice == str(first.id)
        await page.set_country("FR")  # another address now: the list no longer names it (QA)
        assert page.saved_choice == ""
        await page.use_saved_address(str(first.id))
        page.keep_typed("line1", "Via Nazionale 2")
        assert page.saved_choice == ""
        page._forget_account()  # signed out: the next person starts from the shop's default
        assert (page.country, page.address["line1"], page.saved_choice) == ("FR", "", "")
    finally:
        set_shop(None)


async def test_a_cart_paid_in_another_tab_says_so_at_checkout_not_that_it_is_empty(
    database_url: str, make_shop: Callable[..., Shop], localstripe_url: str
) -> None:
    """Two tabs, Pay in both: the one that yielded found its cart emptied by the other's
    payment and said only "Your cart is empty.", just after Pay (QA)."""
    shop = paying_shop(make_shop, database_url, localstripe_url)
    set_shop(shop)
    try:
        page: Any = state_at(CheckoutState, "", {})
        cart: Any = await page.get_state(CartState)
        cart.cart_token = "tab-cart"
        assert shop.carts is not None
        shop.carts.add(token_hash("tab-cart"), None, "SKU-1-0", 1)
        await page._requote()
        assert not page.paid_elsewhere
        other_tab = checkout(shop)
        placed = other_tab.place_order((token_hash("tab-cart"), None), form(), utc_now())
        assert other_tab.pay(placed.order_id, VISA).status is OrderStatus.PAID
        await page._requote()  # the tab in front again (CartState.catch_up), or Pay refused
        assert cart.count == 0
        assert page.paid_elsewhere
        cart.cart_token = "a-cart-never-filled"
        await page._requote()
        assert not page.paid_elsewhere
    finally:
        set_shop(None)


async def test_a_page_drawn_again_during_3d_secure_keeps_the_form_and_says_nothing_was_charged(
    database_url: str, make_shop: Callable[..., Shop], localstripe_url: str
) -> None:
    """A reload (or Back then Forward) while the bank's 3-D Secure window was open emptied
    every field and said nothing of the payment started (QA)."""
    shop = paying_shop(make_shop, database_url, localstripe_url)
    set_shop(shop)
    try:
        page = await checkout_with_a_line(shop)
        await page._requote()
        pay = CheckoutState.event_handlers["pay"].fn  # background events, run here directly
        card_ready = CheckoutState.event_handlers["card_ready"].fn
        sent = {"email": "ann@example.com", **ADDRESS, SHOWN_TOTAL: str(page.amounts.total_minor)}
        [_tokenize] = [step async for step in pay(page, sent)]
        card = card_token(localstripe_url, "4000002500003155")  # 3-D Secure asked
        [_authenticate] = [step async for step in card_ready(page, {"card": card})]
        order_id = page._order_id
        assert shop.commerce is not None
        started = shop.commerce.orders.get(order_id)
        assert started is not None
        assert started.status is OrderStatus.REQUIRES_ACTION

        drawn_again = CheckoutState.event_handlers["drawn_again"].fn
        # A reconnection redraws the page while the bank's window is open: it answers.
        asked = await page.load()
        assert any("boutiqueCheckout.confirming" in str(step) for step in asked)
        assert [step async for step in drawn_again(page, True)] == []
        assert page.message == {}
        # A reload, the bank's window gone: what was typed is there, and the provider says
        # the payment waits still, so nothing was charged.
        await page.load()
        assert page.email == "ann@example.com"
        assert page.address["line1"] == ADDRESS["line1"]
        assert [step async for step in drawn_again(page, False)] == []
        assert page.message == translations("checkout.interrupted")
        assert page._order_id == order_id  # Pay settles it first, then pays again
        await page.load()  # said once
        assert [step async for step in drawn_again(page, False)] == []
        assert page.message == {}

        # Authenticated in the bank's window after all, the page drawn again before it
        # heard: the provider says paid, and the page is the order's.
        page._interrupted_told = 0
        assert started.payment_intent_id
        intent = StripeGateway(SECRET_KEY, api_base=localstripe_url).retrieve_intent(
            started.payment_intent_id
        )
        authenticate_order(shop, localstripe_url, order_id, intent.client_secret)
        [redirect] = [step async for step in drawn_again(page, False)]
        assert f"/order/{started.reference}?key=" in str(redirect)
        assert "&paid=1" in str(redirect)  # the checkout's return: its one visit thanking
        paid = shop.commerce.orders.get(order_id)
        assert paid is not None
        assert paid.status is OrderStatus.PAID
        # Back to the checkout from the order page: the cart this tab paid is no news.
        await page._requote()
        assert not page.paid_elsewhere
    finally:
        set_shop(None)


async def test_pay_pressed_as_a_new_price_arrives_charges_only_the_total_the_page_showed(
    database_url: str, make_shop: Callable[..., Shop], localstripe_url: str
) -> None:
    """The price changed as the shopper pressed Pay: the live update had priced the page's
    state again before Pay ran, and the guard compared that total with itself, charging €80
    more than the button said (QA)."""
    shop = paying_shop(make_shop, database_url, localstripe_url)
    set_shop(shop)
    try:
        page = await checkout_with_a_line(shop)
        await page._requote()
        shown = page.amounts.total_minor
        with shop.uow() as uow:
            product_id = uow.catalog.product_keys()["P1"][0]
        line_price = scalar(shop, "select price_minor from variant where sku = 'SKU-1-0'")
        shop.run(set_variant_price, product_id, "SKU-1-0", line_price + 8_000)
        await page._requote_live()  # the change reaches the tab first
        now = page.amounts.total_minor
        assert now > shown
        pay = CheckoutState.event_handlers["pay"].fn
        sent = {"email": "ann@example.com", **ADDRESS, SHOWN_TOTAL: str(shown)}
        assert [step async for step in pay(page, sent)] == []
        assert page.message == translations("checkout.error.total_changed")
        assert scalar(shop, "select count(*) from sales_order") == 0  # nothing placed
        # A page drawn before Pay sent its total (open across a deploy) is asked to reload.
        del sent[SHOWN_TOTAL]
        assert [step async for step in pay(page, sent)] == []
        assert page.message == translations("checkout.error.reload")
        assert scalar(shop, "select count(*) from sales_order") == 0
        # Pressed again, the page showing the new total: paid at it.
        sent[SHOWN_TOTAL] = str(now)
        [_tokenize] = [step async for step in pay(page, sent)]
        assert scalar(shop, "select total_minor from sales_order") == now
    finally:
        set_shop(None)


async def test_a_code_pay_refused_keeps_its_reason_beside_its_field(
    database_url: str, make_shop: Callable[..., Shop], localstripe_url: str
) -> None:
    """A code dropped by a live update just before Pay, which Pay then refused: "Please
    correct the highlighted fields" with nothing highlighted (QA)."""
    shop = paying_shop(make_shop, database_url, localstripe_url)
    set_shop(shop)
    try:
        page = await checkout_with_a_line(shop)
        await page._requote()
        page.discount_code = "GONE10"  # as the page held it, no longer a code of the shop
        pay = CheckoutState.event_handlers["pay"].fn
        sent = {"email": "ann@example.com", **ADDRESS, SHOWN_TOTAL: str(page.amounts.total_minor)}
        assert [step async for step in pay(page, sent)] == []
        assert page.message == translations("checkout.error.form")
        assert page.errors["discount"] == translations("checkout.error.discount_unknown")
        assert scalar(shop, "select count(*) from sales_order") == 0
    finally:
        set_shop(None)


def shop_with_a_one_use_code(
    make_shop: Callable[..., Shop], database_url: str, localstripe_url: str
) -> Shop:
    """A paying shop with the code ONCE50 (50 %, one use)."""
    shop = paying_shop(make_shop, database_url, localstripe_url)
    assert shop.commerce is not None
    once = new_discount("ONCE50", kind="percent", value=50, usage_limit=1)
    create_discount(shop.commerce.discounts, once)
    return shop


def use_up_the_code(shop: Shop) -> None:
    """Another shopper's order takes ONCE50's one use."""
    assert shop.engine is not None
    with shop.engine.begin() as connection:
        connection.execute(text("update discount_code set used_count = 1"))


async def test_a_code_a_new_pricing_dropped_stops_pay_once_to_say_so(
    database_url: str, make_shop: Callable[..., Shop], localstripe_url: str
) -> None:
    """QA: a code another shopper used up was dropped by a live update, its reason beside
    its field, and Pay charged the full price at once: it stops first, once, to say so."""
    shop = shop_with_a_one_use_code(make_shop, database_url, localstripe_url)
    set_shop(shop)
    try:
        page = await checkout_with_a_line(shop)
        await page.apply_code({"discount_code": "once50"})
        assert page.discount_code == "ONCE50"
        use_up_the_code(shop)
        await page._requote_live()
        assert (page.discount_code, "discount" in page.errors) == ("", True)
        pay = CheckoutState.event_handlers["pay"].fn
        sent = {"email": "ann@example.com", **ADDRESS, SHOWN_TOTAL: str(page.amounts.total_minor)}
        assert [step async for step in pay(page, sent)] == []
        assert page.message == translations("checkout.error.code_dropped", code="ONCE50")
        assert "discount" in page.errors  # the reason stays beside its field
        assert scalar(shop, "select count(*) from sales_order") == 0
        [_tokenize] = [step async for step in pay(page, sent)]  # pressed again: it pays
        assert scalar(shop, "select total_minor from sales_order") == page.amounts.total_minor
    finally:
        set_shop(None)


async def test_a_code_typed_after_one_used_up_meanwhile_does_not_say_the_first_stays(
    database_url: str, make_shop: Callable[..., Shop], localstripe_url: str
) -> None:
    """Review: "Code ONCE50 stays applied" was said of a code that had just been used up
    by another shopper too; and a code dropped is not told to the next person at the tab."""
    shop = shop_with_a_one_use_code(make_shop, database_url, localstripe_url)
    set_shop(shop)
    try:
        page = await checkout_with_a_line(shop)
        await page.apply_code({"discount_code": "ONCE50"})
        use_up_the_code(shop)
        await page.apply_code({"discount_code": "NOPE"})
        assert page.errors["discount"] == translations("checkout.error.discount_unknown")
        assert page.discount_code == ""
        page._code_dropped = "ONCE50"  # as a live update would have left it
        page._forget_account()  # signed out: the next person at the tab hears nothing of it
        assert page._code_dropped == ""
    finally:
        set_shop(None)


async def test_a_checkout_opened_again_after_a_3d_secure_left_resumes_its_choices(
    database_url: str, make_shop: Callable[..., Shop], localstripe_url: str
) -> None:
    """The tab closed during 3-D Secure: checkout opened again came back as Standard
    delivery and an empty form (QA). A new tab of the same cart resumes what the attempt
    was placed with, once: what the shopper changes after stays."""
    shop = paying_shop(make_shop, database_url, localstripe_url)
    set_shop(shop)
    try:
        page = await checkout_with_a_line(shop)
        await page._requote()
        await CheckoutState.event_handlers["set_shipping_method"].fn(page, "express")
        pay = CheckoutState.event_handlers["pay"].fn
        card_ready = CheckoutState.event_handlers["card_ready"].fn
        sent = {"email": "ann@example.com", **ADDRESS, SHOWN_TOTAL: str(page.amounts.total_minor)}
        [_tokenize] = [step async for step in pay(page, sent)]
        card = card_token(localstripe_url, "4000002500003155")  # 3-D Secure asked
        [_authenticate] = [step async for step in card_ready(page, {"card": card})]
        # The tab is closed; a new one opens checkout on the same cart.
        root = CheckoutState.get_root_state()(_reflex_internal_init=True)  # type: ignore[call-arg]
        root.router = RouterData.from_router_data(
            {"pathname": "/checkout", "headers": {}, "ip": "198.51.100.7", "sid": "socket-2"}
        )
        cart: Any = await root.get_state(CartState)
        cart.cart_token = "tab-cart"
        again: Any = await root.get_state(CheckoutState)
        await again.load()
        assert (again.shipping_method, again.email) == ("express", "ann@example.com")
        assert again.address["line1"] == ADDRESS["line1"]
        assert again.amounts.total_minor == page.amounts.total_minor
        await CheckoutState.event_handlers["set_shipping_method"].fn(again, "standard")
        await again.load()  # the shopper's own choice stays
        assert again.shipping_method == "standard"
    finally:
        set_shop(None)


async def at_the_bank(shop: Shop, page: Any, localstripe_url: str) -> tuple[int, str]:
    """Pay pressed on `page` with a card whose bank asks for 3-D Secure: the order, now
    waiting for it, and the client secret its answer is sent with."""
    await page._requote()
    pay = CheckoutState.event_handlers["pay"].fn  # background events, run here directly
    card_ready = CheckoutState.event_handlers["card_ready"].fn
    sent = {"email": "ann@example.com", **ADDRESS, SHOWN_TOTAL: str(page.amounts.total_minor)}
    [_tokenize] = [step async for step in pay(page, sent)]
    card = card_token(localstripe_url, "4000002500003155")
    [_authenticate] = [step async for step in card_ready(page, {"card": card})]
    assert shop.commerce is not None
    started = shop.commerce.orders.get(page._order_id)
    assert started is not None
    assert started.payment_intent_id
    intent = StripeGateway(SECRET_KEY, api_base=localstripe_url).retrieve_intent(
        started.payment_intent_id
    )
    return started.id, intent.client_secret


async def the_same_tab_forgotten(sid: str) -> tuple[Any, Any]:
    """The tab of cart "tab-cart" with its state started anew (a restart): its cart and
    checkout states."""
    root = CheckoutState.get_root_state()(_reflex_internal_init=True)  # type: ignore[call-arg]
    root.router = RouterData.from_router_data(
        {"pathname": "/checkout", "headers": {}, "ip": "198.51.100.7", "sid": sid}
    )
    cart: Any = await root.get_state(CartState)
    cart.cart_token = "tab-cart"
    return cart, await root.get_state(CheckoutState)


async def test_a_checkout_opened_on_a_forgotten_attempt_paid_meanwhile_says_the_cart_is_paid(
    database_url: str,
    make_shop: Callable[..., Shop],
    localstripe_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """3-D Secure finished while the shop restarted (its webhook refused meanwhile): the tab
    had forgotten its order, and checkout offered Pay again on a cart already paid, with no
    word (QA). Opened on that attempt, checkout asks the provider, and says it is paid."""
    shop = paying_shop(make_shop, database_url, localstripe_url)
    set_shop(shop)
    try:
        page = await checkout_with_a_line(shop)
        order_id, secret = await at_the_bank(shop, page, localstripe_url)
        authenticate_order(shop, localstripe_url, order_id, secret)  # unheard
        # The shop restarted: the tab's state is gone, its cart (a cookie) is not.
        cart, again = await the_same_tab_forgotten("socket-2")
        steps = await again.load()
        assert CheckoutState.settle_forgotten in steps
        assert (cart.count, again.paid_elsewhere) == (1, False)
        # Sent again at once (a crafted client): the provider is asked once.
        asked: list[int] = []
        real = checkout_payment.interrupted_step
        monkeypatch.setattr(
            checkout_payment, "interrupted_step", lambda c, o: asked.append(o) or real(c, o)
        )
        settle = CheckoutState.event_handlers["settle_forgotten"].fn
        await settle(again)
        await settle(again)
        assert asked == [order_id]
        paid = shop.commerce.orders.get(order_id)
        assert paid is not None
        assert paid.status is OrderStatus.PAID
        assert (cart.count, again.paid_elsewhere) == (0, True)
        assert scalar(shop, "select count(*) from sales_order where status = 'paid'") == 1
    finally:
        set_shop(None)


async def test_the_banks_answer_on_a_page_the_shop_forgot_says_the_cart_is_paid(
    database_url: str, make_shop: Callable[..., Shop], localstripe_url: str
) -> None:
    """The shop restarted while the bank's 3-D Secure window was open; the shopper then
    finished it: the page's state was gone, so its answer was dropped and the page offered
    Pay on a cart already paid (QA)."""
    shop = paying_shop(make_shop, database_url, localstripe_url)
    set_shop(shop)
    try:
        page = await checkout_with_a_line(shop)
        order_id, secret = await at_the_bank(shop, page, localstripe_url)
        # The same tab and cart, its state started anew, never loaded since.
        forgotten_cart, forgotten = await the_same_tab_forgotten("socket")
        authenticate_order(shop, localstripe_url, order_id, secret)
        authenticated = CheckoutState.event_handlers["authenticated"].fn
        assert [step async for step in authenticated(forgotten, {})] == []
        assert (forgotten_cart.count, forgotten.paid_elsewhere) == (0, True)
    finally:
        set_shop(None)


async def test_the_cart_page_says_a_payment_of_it_waits_for_the_bank_in_another_tab(
    database_url: str, make_shop: Callable[..., Shop], localstripe_url: str
) -> None:
    """A line removed in one tab while the bank's window was open in another was charged
    all the same, with no word (QA): the cart page says the payment pays the cart as it was."""
    shop = paying_shop(make_shop, database_url, localstripe_url)
    set_shop(shop)
    try:
        page = await checkout_with_a_line(shop)
        cart_tab: Any = state_at(CartState, "/cart", {})
        cart_tab.cart_token = "tab-cart"
        await cart_tab.load()
        assert not cart_tab.paying_elsewhere
        order_id, secret = await at_the_bank(shop, page, localstripe_url)
        await cart_tab.load()
        assert cart_tab.paying_elsewhere
        authenticate_order(shop, localstripe_url, order_id, secret)
        await CheckoutState.event_handlers["authenticated"].fn(page, {}).__anext__()
        await cart_tab.load()
        assert not cart_tab.paying_elsewhere
    finally:
        set_shop(None)
