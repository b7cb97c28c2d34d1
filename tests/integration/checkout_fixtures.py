"""A shop with payments on localstripe, and helpers to fill carts and pay like a browser."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import httpx
from sqlalchemy import text

from storefront.bootstrap import Shop
from storefront.bootstrap_commerce import Commerce
from storefront.services.catalog_writer import save_drafts
from storefront.services.checkout.form import CheckoutForm
from storefront.services.checkout.service import Checkout, Placed
from tests.localstripe import PUBLISHABLE_KEY, SECRET_KEY, WEBHOOK_SECRET
from tests.unit.conftest import CHAIRS, draft

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
ADDRESS = {
    "name": "Camille Martin",
    "line1": "12 rue des Lilas",
    "line2": "",
    "postal_code": "75011",
    "city": "Paris",
    "country": "FR",
}
VISA = "pm_card_visa"
DECLINED = "pm_card_chargeCustomerFail"  # declined when charged (4000 0000 0000 0341)


def paying_shop(
    make_shop: Callable[..., Shop], database_url: str, localstripe: str, **settings: object
) -> Shop:
    """A shop taking payments on localstripe, with two products; `settings`: others."""
    shop = make_shop(
        database_url,
        stripe_secret_key=SECRET_KEY,
        stripe_publishable_key=PUBLISHABLE_KEY,
        stripe_webhook_secret=WEBHOOK_SECRET,
        stripe_api_base=localstripe,
        **settings,
    )
    drafts = [draft(1, stock=10, price=2_000), draft(2, stock=50, price=6_000)]
    shop.run(save_drafts, drafts, categories=[CHAIRS])
    return shop


def commerce(shop: Shop) -> Commerce:
    assert shop.commerce is not None
    return shop.commerce


def checkout(shop: Shop) -> Checkout:
    assert shop.commerce is not None
    assert shop.commerce.checkout is not None
    return shop.commerce.checkout


def form(**changes: object) -> CheckoutForm:
    values: dict[str, object] = {
        "email": "camille@example.com",
        "address": ADDRESS,
        "shipping_method": "standard",
    }
    return CheckoutForm(**(values | changes))  # type: ignore[arg-type]


def place(
    shop: Shop, guest: str, sku: str = "SKU-1-0", quantity: int = 1, **changes: object
) -> Placed:
    assert shop.carts is not None
    shop.carts.add(guest, None, sku, quantity)
    return checkout(shop).place_order((guest, None), form(**changes), NOW)


def card_token(localstripe: str, number: str) -> str:
    """What Stripe.js's createToken gives the browser: the id of the card it created."""
    response = httpx.post(
        f"{localstripe}/v1/tokens",
        data={
            "card[number]": number, "card[exp_month]": "12", "card[exp_year]": "2030",
            "card[cvc]": "123", "key": PUBLISHABLE_KEY,
        },
    )  # fmt: skip
    response.raise_for_status()
    return str(response.json()["card"]["id"])


def authenticate(localstripe: str, intent_id: str, client_secret: str, ok: bool) -> None:
    """The shopper's answer in the 3-D Secure window."""
    response = httpx.post(
        f"{localstripe}/v1/payment_intents/{intent_id}/_authenticate",
        params={"success": "true" if ok else "false"},
        json={"key": PUBLISHABLE_KEY, "client_secret": client_secret},
    )
    response.raise_for_status()


def authenticate_order(
    shop: Shop, localstripe: str, order_id: int, client_secret: str, ok: bool = True
) -> None:
    """The shopper's answer in the 3-D Secure window, for the intent the order pays by now."""
    order = commerce(shop).orders.get(order_id)
    assert order is not None
    assert order.payment_intent_id
    authenticate(localstripe, order.payment_intent_id, client_secret, ok)


def scalar(shop: Shop, sql: str, **params: object) -> int:
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        return int(connection.execute(text(sql), params).scalar_one())
