"""The checkout page: the shopper's choices, totals computed by the server, and the payment
steps handed to Stripe.js in the browser (card tokenised there, never sent here)."""

from __future__ import annotations

import json
from typing import Any

import reflex as rx

from models.orders import OrderStatus
from models.types import utc_now
from state.account import AccountState
from state.amounts import AmountsView, amounts_view
from state.cart import CartState
from state.locale import LocaleState
from state.shop import call, shop
from storefront.i18n import translations
from storefront.services.checkout.address import POSTAL_CODES
from storefront.services.checkout.service import Checkout, CheckoutError, CheckoutForm, Placed

COUNTRIES = sorted(POSTAL_CODES)
ADDRESS_FIELDS = ("name", "line1", "line2", "postal_code", "city")


def _checkout() -> Checkout | None:
    commerce = shop().commerce
    return commerce.checkout if commerce else None


class CheckoutState(rx.State):
    country: str = "FR"
    shipping_method: str = "standard"
    discount_code: str = ""
    # Server totals for the current choices; what the PaymentIntent will carry.
    amounts: AmountsView = AmountsView()
    errors: dict[str, dict[str, str]] = {}  # noqa: RUF012  field -> message per locale
    message: dict[str, str] = {}  # noqa: RUF012
    busy: bool = False
    email: str = ""
    payments_enabled: bool = False
    test_mode: bool = True
    stripe_key: str = ""
    stripe_js_url: str = ""
    # The unpaid order of this visit (a second attempt reuses or replaces it).
    _order_id: int = 0
    _placed: dict[str, str] = {}  # noqa: RUF012  reference, access token

    @rx.event
    async def load(self) -> Any:
        settings = shop().settings
        self.payments_enabled = _checkout() is not None
        self.test_mode = settings.payments_test_mode
        self.stripe_key = settings.stripe_publishable_key
        self.stripe_js_url = settings.stripe_js_url
        self.message, self.errors, self.busy = {}, {}, False
        account = await self.get_state(AccountState)
        await account.load()
        self.email = self.email or account.email
        await self._requote()
        if self.payments_enabled:
            return rx.call_script(
                f"window.boutiqueCheckout.mount({json.dumps(self.stripe_key)}, "
                f"{json.dumps(self.stripe_js_url)})"
            )
        return None

    async def _requote(self) -> None:
        """Re-read the cart (for the summary too) and price it with the current choices; a
        code the server refuses is dropped, with its reason beside the field."""
        cart = await (await self.get_state(CartState))._refresh()
        checkout = _checkout()
        if checkout is None:
            return
        self.errors.pop("discount", None)
        for code in dict.fromkeys((self.discount_code, "")):
            try:
                totals = await call(
                    checkout.quote, cart, self.country, self.shipping_method, code, utc_now()
                )
            except CheckoutError as exc:
                fields = {f: translations(k) for f, k in _fields(exc).items()}
                self.errors = {**self.errors, **fields}
                if "discount" not in fields:
                    return
                self.discount_code = ""
                continue
            self.amounts = amounts_view(totals, code)
            return

    @rx.event
    async def set_country(self, value: str) -> None:
        self.country = str(value)[:2].upper()
        await self._requote()

    @rx.event
    async def set_shipping_method(self, value: str) -> None:
        self.shipping_method = str(value)[:16]
        await self._requote()

    @rx.event
    async def apply_code(self, form: dict[str, Any]) -> None:
        self.discount_code = str(form.get("discount_code", "")).strip()[:40]
        await self._requote()  # a refused code is dropped, its reason beside the field

    @rx.event
    async def pay(self, form: dict[str, Any]) -> Any:
        """Place the order (validated and priced here), then ask the browser for the card."""
        checkout = _checkout()
        if checkout is None or self.busy:
            return
        self.busy, self.message, self.errors = True, {}, {}
        yield
        cart_state = await self.get_state(CartState)
        owner = await cart_state._owner()
        locale = (await self.get_state(LocaleState)).locale
        request = CheckoutForm(
            email=str(form.get("email", ""))[:254],
            address={
                **{k: str(form.get(k, ""))[:250] for k in ADDRESS_FIELDS},
                "country": self.country,
            },
            shipping_method=self.shipping_method,
            discount_code=self.discount_code,
            locale=str(locale),
        )
        try:
            placed: Placed = await call(
                checkout.place_order, owner, request, utc_now(), replaces=self._order_id or None
            )
        except CheckoutError as exc:
            self.busy = False
            self.message = translations(exc.code)
            self.errors = {field: translations(key) for field, key in _fields(exc).items()}
            await cart_state.load()
            yield
            return
        self._order_id = placed.order_id
        self._placed = {"reference": placed.reference, "key": placed.access_token}
        yield rx.call_script(
            "window.boutiqueCheckout.tokenize()", callback=CheckoutState.card_ready
        )

    @rx.event
    async def card_ready(self, result: dict[str, Any]) -> Any:
        """The browser's answer: a card reference from Stripe.js, or its error."""
        checkout = _checkout()
        card = str((result or {}).get("card", "")) if isinstance(result, dict) else ""
        if checkout is None or not self._order_id or not card:
            self.busy = False
            reason = (result or {}).get("error") if isinstance(result, dict) else None
            self.message = _with_reason("checkout.error.card", reason)
            return None
        try:
            step = await call(checkout.pay, self._order_id, card)
        except CheckoutError as exc:
            self.busy, self.message = False, translations(exc.code)
            return None
        if step.status is OrderStatus.REQUIRES_ACTION:
            return rx.call_script(
                f"window.boutiqueCheckout.authenticate({json.dumps(step.client_secret)})",
                callback=CheckoutState.authenticated,
            )
        return self._after(step.status, step.error)

    @rx.event
    async def authenticated(self, _result: dict[str, Any]) -> Any:
        """3-D Secure finished in the browser: the provider says how it went."""
        checkout = _checkout()
        if checkout is None or not self._order_id:
            return None
        try:
            step = await call(checkout.refresh, self._order_id)
        except CheckoutError as exc:
            self.busy, self.message = False, translations(exc.code)
            return None
        if step.status in (OrderStatus.FAILED, OrderStatus.REQUIRES_ACTION):
            self.busy, self.message = False, translations("checkout.error.authentication")
            return None
        return self._after(step.status, step.error)

    def _after(self, status: OrderStatus, error: str) -> Any:
        self.busy = False
        if status is OrderStatus.FAILED:
            self.message = _with_reason("checkout.error.declined", error)
            return None
        reference, key = self._placed.get("reference", ""), self._placed.get("key", "")
        self._order_id, self._placed = 0, {}
        return rx.redirect(f"/order/{reference}?key={key}")


def _fields(exc: CheckoutError) -> dict[str, str]:
    return {field: (key if "." in key else exc.code) for field, key in exc.fields.items()}


def _with_reason(key: str, reason: object) -> dict[str, str]:
    text = str(reason or "").strip()[:200]
    return {
        locale: message.replace("{reason}", text) for locale, message in translations(key).items()
    }
