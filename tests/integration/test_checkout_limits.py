"""Discount codes and unpaid orders held to the limits per client (services/throttle.py), on
real SQLite and PostgreSQL, paying through localstripe (the limits' Redis twin:
test_throttle.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest
from reflex.istate.data import RouterData

from state.cart import CartState
from state.checkout import CheckoutState
from storefront.bootstrap import Shop, set_shop
from storefront.i18n import translations
from storefront.services.accounts.credentials import token_hash
from storefront.services.checkout.discounts import DiscountStore, create_discount, new_discount
from storefront.services.checkout.pricing import Discount
from storefront.services.checkout.quotes import CheckoutError, Quote
from storefront.services.checkout.service import Checkout, Placed
from storefront.services.payments import PaymentError, PaymentGateway, PaymentIntent
from storefront.services.throttle import REFUSED_CODES, UNPAID_ORDERS
from tests.integration.checkout_fixtures import NOW, form, paying_shop, scalar

BOT = "192.0.2.66"
SHOPPER = "198.51.100.7"
PLENTY = "SKU-2-0"  # 50 in stock: the limit, not the stock, stops the bot


class CountedIntents:
    """The shop's gateway to localstripe, counting the intents opened; `down` makes opening
    one time out, as a provider outage would."""

    def __init__(self, gateway: PaymentGateway) -> None:
        self.gateway = gateway
        self.opened = 0
        self.down = False

    def create_intent(
        self, *, amount_minor: int, currency: str, metadata: Mapping[str, str], idempotency_key: str
    ) -> PaymentIntent:
        if self.down:
            raise PaymentError("timeout", retryable=True)
        self.opened += 1
        return self.gateway.create_intent(
            amount_minor=amount_minor,
            currency=currency,
            metadata=metadata,
            idempotency_key=idempotency_key,
        )

    def __getattr__(self, name: str) -> Any:
        return getattr(self.gateway, name)


class CountedLookups:
    """The discount store, counting the codes looked up."""

    def __init__(self, store: DiscountStore) -> None:
        self.store = store
        self.lookups: list[str] = []

    def active(self, code: str, cart_id: int | None = None) -> Discount | None:
        self.lookups.append(code)
        return self.store.active(code, cart_id)

    def add(self, discount: Discount) -> bool:
        return self.store.add(discount)


@pytest.fixture
def lookups(shop: Shop) -> CountedLookups:
    assert shop.commerce is not None
    assert isinstance(shop.commerce.discounts, CountedLookups)
    return shop.commerce.discounts


@pytest.fixture
def gateway(shop: Shop) -> CountedIntents:
    return checkout(shop)._payments  # type: ignore[return-value]


@pytest.fixture
def shop(database_url: str, make_shop: Callable[..., Shop], localstripe_url: str) -> Iterator[Shop]:
    shop = paying_shop(make_shop, database_url, localstripe_url)
    commerce = shop.commerce
    assert commerce is not None
    assert commerce.checkout is not None
    assert commerce.gateway is not None
    assert shop.carts is not None
    assert shop.inventory is not None
    discounts = CountedLookups(commerce.discounts)
    create_discount(discounts, new_discount("WELCOME10", kind="percent", value=10))
    checkout = Checkout(
        shop.carts,
        commerce.orders,
        discounts=discounts,
        inventory=shop.inventory,
        payments=CountedIntents(commerce.gateway),
        settlement=commerce.settlement,
        throttle=commerce.checkout._throttle,  # the shop's own (in-process without Redis)
    )
    shop.commerce = replace(commerce, checkout=checkout, discounts=discounts)
    set_shop(shop)
    yield shop
    set_shop(None)


def checkout(shop: Shop) -> Checkout:
    assert shop.commerce is not None
    assert shop.commerce.checkout is not None
    return shop.commerce.checkout


def place(shop: Shop, cart: str, client: str, sku: str = PLENTY, **options: object) -> Placed:
    assert shop.carts is not None
    if not shop.carts.view(cart, None).lines:
        shop.carts.add(cart, None, sku, 1)
    return checkout(shop).place_order((cart, None), form(), NOW, client=client, **options)  # type: ignore[arg-type]


def held(shop: Shop) -> tuple[int, int, int]:
    """(orders, stock reservations, stock of the bot's product)."""
    return (
        scalar(shop, "select count(*) from sales_order"),
        scalar(shop, "select count(*) from stock_reservation"),
        scalar(shop, f"select stock from variant where sku = '{PLENTY}'"),
    )


def test_guessed_codes_stop_at_the_limit_and_none_is_looked_up_after(
    shop: Shop, lookups: CountedLookups
) -> None:
    assert shop.carts is not None
    shop.carts.add("g1", None, "SKU-1-0", 1)
    cart = shop.carts.view("g1", None)
    for n in range(REFUSED_CODES.attempts):
        quote = checkout(shop).quotes.quote_choices(
            cart, "FR", "standard", f"GUESS{n}", NOW, client=BOT
        )
        assert quote.errors == {"discount": "checkout.error.discount_unknown"}
    looked_up = len(lookups.lookups)
    # Over the limit even a real code is refused unseen: "accepted" would answer the guess.
    quote = checkout(shop).quotes.quote_choices(
        cart, "FR", "standard", "WELCOME10", NOW, client=BOT
    )
    assert quote.errors == {"discount": "checkout.error.too_many_codes"}
    assert quote.code == ""
    assert quote.totals is not None
    assert quote.totals.discount_minor == 0  # priced without it
    assert len(lookups.lookups) == looked_up
    # Another client is not held by it; the bot may try again in the next window.
    elsewhere = checkout(shop).quotes.quote_choices(
        cart, "FR", "standard", "WELCOME10", NOW, client=SHOPPER
    )
    assert elsewhere.code == "WELCOME10"
    later = NOW + timedelta(seconds=REFUSED_CODES.window_seconds)
    again = checkout(shop).quotes.quote_choices(
        cart, "FR", "standard", "WELCOME10", later, client=BOT
    )
    assert again.code == "WELCOME10"


def test_a_code_that_exists_is_never_counted(shop: Shop) -> None:
    """The shopper's code is priced again at every change of the page: it costs nothing."""
    assert shop.carts is not None
    shop.carts.add("g1", None, "SKU-1-0", 1)
    cart = shop.carts.view("g1", None)

    def quote(code: str) -> Quote:
        return checkout(shop).quotes.quote_choices(
            cart, "FR", "standard", code, NOW, client=SHOPPER
        )

    for _ in range(REFUSED_CODES.attempts * 2):
        # As the shop writes it, however it was typed.
        assert (quote(" welcome10").code, quote("welcome10").errors) == ("WELCOME10", {})
    for n in range(REFUSED_CODES.attempts):
        assert quote(f"TYPO{n}").errors == {"discount": "checkout.error.discount_unknown"}
    assert quote("welcome10").errors == {"discount": "checkout.error.too_many_codes"}


def test_an_order_with_a_code_over_the_limit_is_refused_and_nothing_is_placed(
    shop: Shop, lookups: CountedLookups
) -> None:
    assert shop.carts is not None
    shop.carts.add("g1", None, "SKU-1-0", 1)
    cart = shop.carts.view("g1", None)
    for n in range(REFUSED_CODES.attempts):
        checkout(shop).quotes.quote_choices(cart, "FR", "standard", f"GUESS{n}", NOW, client=BOT)
    looked_up = len(lookups.lookups)
    with pytest.raises(CheckoutError) as refused:
        checkout(shop).place_order(("g1", None), form(discount_code="GUESS99"), NOW, client=BOT)
    assert refused.value.fields == {"discount": "checkout.error.too_many_codes"}
    assert len(lookups.lookups) == looked_up
    assert scalar(shop, "select count(*) from sales_order") == 0


def test_unpaid_orders_from_fresh_carts_stop_at_the_limit_and_hold_nothing_more(
    shop: Shop, gateway: CountedIntents
) -> None:
    """A script filling fresh carts to hold a product's stock gets the limit's holds, not all
    of it."""
    limit = UNPAID_ORDERS.attempts
    for n in range(limit):
        place(shop, f"bot-{n}", BOT)
    before, intents = held(shop), gateway.opened
    assert before == (limit, limit, 50 - limit)
    with pytest.raises(CheckoutError) as refused:
        place(shop, "bot-next", BOT)
    assert refused.value.code == "checkout.error.too_many_orders"
    assert translations(refused.value.code)["fr"].startswith("Trop de commandes")
    assert held(shop) == before  # no order, no stock held
    assert gateway.opened == intents  # no PaymentIntent
    # Shoppers elsewhere buy as usual; the bot again once the window has passed.
    assert place(shop, "shopper", SHOPPER)
    later = NOW + timedelta(seconds=UNPAID_ORDERS.window_seconds)
    assert checkout(shop).place_order(("bot-next", None), form(), later, client=BOT)


def test_paying_again_from_the_same_cart_is_not_counted(shop: Shop) -> None:
    """A shopper whose card fails in the browser presses Pay again and again: each new order
    replaces the last, which gives its stock back, so nothing more is held."""
    placed = place(shop, "g1", SHOPPER)
    for _ in range(UNPAID_ORDERS.attempts * 2):
        placed = place(shop, "g1", SHOPPER, replaces=placed.order_id)
    assert held(shop)[1:] == (UNPAID_ORDERS.attempts * 2 + 1, 49)  # one hold left
    for n in range(UNPAID_ORDERS.attempts - 1):  # the first order counted
        place(shop, f"other-{n}", SHOPPER)
    with pytest.raises(CheckoutError, match="too_many_orders"):
        place(shop, "one-more", SHOPPER)


def test_orders_that_could_not_be_placed_are_not_counted(
    shop: Shop, gateway: CountedIntents
) -> None:
    assert shop.carts is not None
    shop.carts.add("g1", None, PLENTY, 1)
    bad = form(address={**form().address, "postal_code": "nope"})
    for _ in range(UNPAID_ORDERS.attempts):
        with pytest.raises(CheckoutError, match=r"checkout\.error\.form"):
            checkout(shop).place_order(("g1", None), bad, NOW, client=SHOPPER)
    gateway.down = True  # the order is made, then canceled when no intent can be opened
    for n in range(UNPAID_ORDERS.attempts):
        with pytest.raises(CheckoutError, match="provider"):
            place(shop, f"down-{n}", SHOPPER)
    gateway.down = False
    for n in range(UNPAID_ORDERS.attempts):
        place(shop, f"up-{n}", SHOPPER)
    with pytest.raises(CheckoutError, match="too_many_orders"):
        place(shop, "one-more", SHOPPER)


async def test_the_checkout_page_says_to_try_codes_again_later(shop: Shop) -> None:
    root = CheckoutState.get_root_state()(_reflex_internal_init=True)  # type: ignore[call-arg]
    root.router = RouterData.from_router_data(
        {"pathname": "/checkout", "headers": {}, "ip": BOT, "sid": "socket"}
    )
    page = await root.get_state(CheckoutState)
    cart = await root.get_state(CartState)
    cart.cart_token = "bots-cart"  # type: ignore[attr-defined]
    assert shop.carts is not None
    shop.carts.add(token_hash("bots-cart"), None, "SKU-1-0", 1)
    for n in range(REFUSED_CODES.attempts):
        await page.apply_code({"discount_code": f"GUESS{n}"})  # type: ignore[attr-defined]
        assert page.errors == {"discount": translations("checkout.error.discount_unknown")}  # type: ignore[attr-defined]
    await page.apply_code({"discount_code": "WELCOME10"})  # type: ignore[attr-defined]
    assert page.errors == {"discount": translations("checkout.error.too_many_codes")}  # type: ignore[attr-defined]
    assert page.discount_code == ""  # type: ignore[attr-defined]
    assert page.errors["discount"]["fr"].startswith("Trop de codes")  # type: ignore[attr-defined]


async def test_a_code_applied_is_said_and_written_as_the_shop_writes_it(shop: Shop) -> None:
    root = CheckoutState.get_root_state()(_reflex_internal_init=True)  # type: ignore[call-arg]
    root.router = RouterData.from_router_data(
        {"pathname": "/checkout", "headers": {}, "ip": SHOPPER, "sid": "socket"}
    )
    page: Any = await root.get_state(CheckoutState)
    cart: Any = await root.get_state(CartState)
    cart.cart_token = "tab-cart"
    assert shop.carts is not None
    shop.carts.add(token_hash("tab-cart"), None, "SKU-1-0", 1)
    answer = await page.apply_code({"discount_code": "welcome10 "})
    assert (page.discount_code, page.amounts.discount_code) == ("WELCOME10", "WELCOME10")
    assert page.discount_note == {"en": "Code WELCOME10 applied", "fr": "Code WELCOME10 appliqué"}
    script = {str(name): value for name, value in answer.args}["javascript_code"]._var_value
    assert 'getElementById("discount-code");' in script
    assert 'box.value = "WELCOME10";' in script  # the field shows it so too, in place
    # A code refused after it says why, and the code applied stays with its discount.
    discounted = page.amounts
    await page.apply_code({"discount_code": "NOPE"})
    assert page.errors == {
        "discount": {
            "en": "This discount code is not valid. Code WELCOME10 stays applied.",
            "fr": "Ce code de réduction n’est pas valide. Le code WELCOME10 reste appliqué.",
        }
    }
    assert (page.discount_code, page.amounts) == ("WELCOME10", discounted)
    # An empty code takes it away.
    await page.apply_code({"discount_code": ""})
    assert (page.discount_code, page.discount_note, page.errors) == ("", {}, {})
    # So does its Remove button, said and the field focused, and the cart forgets it too.
    await page.apply_code({"discount_code": "WELCOME10"})
    await page.apply_code({"discount_code": "NOPE"})
    answer = await page.remove_code()
    assert (page.discount_code, page.amounts.discount_minor, page.errors) == ("", 0, {})
    assert page.discount_note == translations("checkout.code_removed", code="WELCOME10")
    assert "box.focus()" in {str(n): v for n, v in answer.args}["javascript_code"]._var_value
    await page.load()
    assert page.discount_code == ""
    # Refused with none applied: none is.
    await page.apply_code({"discount_code": "NOPE"})
    assert (page.discount_code, page.discount_note) == ("", {})


async def test_a_crafted_payload_neither_locks_pay_nor_reaches_the_database(
    shop: Shop, lookups: CountedLookups
) -> None:
    """Pay marks the page busy for up to ten minutes: a payload that is not a form must be
    turned away before, and a NUL (which PostgreSQL refuses in text) gets a message."""
    root = CheckoutState.get_root_state()(_reflex_internal_init=True)  # type: ignore[call-arg]
    root.router = RouterData.from_router_data(
        {"pathname": "/checkout", "headers": {}, "ip": SHOPPER, "sid": "socket"}
    )
    page: Any = await root.get_state(CheckoutState)
    cart: Any = await root.get_state(CartState)
    cart.cart_token = "tab-cart"
    assert shop.carts is not None
    shop.carts.add(token_hash("tab-cart"), None, "SKU-1-0", 1)
    pay = CheckoutState.event_handlers["pay"].fn  # a background event, run here directly
    assert [step async for step in pay(page, [])] == []
    assert (page.busy, page._in_flight_until) == (False, 0.0)
    await page.apply_code([])
    await page.apply_code({"discount_code": "WELCOME\x0010"})
    assert page.errors == {"discount": translations("form.error.control")}
    assert (page.discount_code, lookups.lookups) == ("", [])
    typed = {"email": "camille\x00@example.com", **form().address}
    assert [step async for step in pay(page, typed)] == []
    assert (page.message, page.busy) == (translations("form.error.control"), False)
    assert held(shop)[:2] == (0, 0)  # no order, no stock held
