"""Pricing a cart with the shopper's choices (destination, delivery, discount code): the
totals are computed here only, and a code looked up counts against the client's limit on
codes not found (services/throttle.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from storefront.services.cart.service import CartView
from storefront.services.checkout.discounts import DiscountStore
from storefront.services.checkout.pricing import (
    Discount,
    PricingError,
    ShippingMethod,
    Totals,
    totals,
)
from storefront.services.errors import Refusal
from storefront.services.throttle import REFUSED_CODES, Throttle


class CheckoutError(Refusal):
    """Checkout refused; `fields` holds a message key per field at fault."""


@dataclass(frozen=True, slots=True)
class Quote:
    code: str  # the discount code applied ("" when none, or refused)
    totals: Totals | None  # None when these choices cannot be priced
    errors: dict[str, str]  # field -> message key
    amounts: dict[str, int] = field(default_factory=dict)  # what the messages name (Refusal)


class Quotes:
    """`client` (the client's key, see services/clients.py) holds a shopper's discount codes
    to REFUSED_CODES; None, for the shop's own calls, is not limited."""

    def __init__(self, discounts: DiscountStore, throttle: Throttle) -> None:
        self._discounts = discounts
        self._throttle = throttle

    def quote(
        self,
        cart: CartView,
        country: str,
        method: str,
        code: str,
        now: datetime,
        *,
        client: str | None = None,
    ) -> Totals:
        """The totals of this cart for this destination, method and code (server only)."""
        try:
            shipping = ShippingMethod(method)
        except ValueError:
            raise CheckoutError("checkout.error.shipping_method") from None
        discount = None
        if code.strip():
            discount = self._discount(code.strip().upper(), cart.cart_id, now, client)
        try:
            return totals(
                cart.subtotal_minor,
                country=country,
                method=shipping,
                currency=cart.currency,
                discount=discount,
                now=now,
            )
        except PricingError as exc:
            field = "discount" if "discount" in exc.code else "country"
            raise CheckoutError(exc.code, {field: exc.code}, amounts=exc.amounts) from None

    def _discount(
        self, code: str, cart_id: int | None, now: datetime, client: str | None
    ) -> Discount:
        """The active code. Every lookup counts against the client's REFUSED_CODES until it
        finds the code; over the limit none is looked up, so a script guessing codes learns
        nothing more (a shopper sharing its address is told to try again later)."""
        if client is not None and not REFUSED_CODES.take(self._throttle, client, now):
            raise CheckoutError(
                "checkout.error.too_many_codes", {"discount": "checkout.error.too_many_codes"}
            )
        discount = self._discounts.active(code, cart_id)
        if discount is None:
            raise CheckoutError(
                "checkout.error.discount_unknown", {"discount": "checkout.error.discount_unknown"}
            )
        if client is not None:
            REFUSED_CODES.give_back(self._throttle, client, now)
        return discount

    def quote_choices(
        self,
        cart: CartView,
        country: str,
        method: str,
        code: str,
        now: datetime,
        *,
        client: str | None = None,
    ) -> Quote:
        """The checkout page's summary: a code the server refuses is dropped, its reason kept
        in `errors`, and the cart priced without it; one it applies comes back as the shop
        writes it (upper case), however it was typed."""
        errors: dict[str, str] = {}
        amounts: dict[str, int] = {}
        refused = False
        code = code.strip().upper()
        for candidate in dict.fromkeys((code, "")):
            try:
                priced = self.quote(cart, country, method, candidate, now, client=client)
                return Quote(candidate, priced, errors, amounts)
            except CheckoutError as exc:
                errors |= exc.fields or {"form": exc.code}
                amounts |= exc.amounts
                if "discount" not in exc.fields:
                    return Quote("" if refused else code, None, errors, amounts)
                refused = True
        return Quote("", None, errors, amounts)
