"""The checkout page: the shopper's choices, totals computed by the server, and the payment
steps handed to Stripe.js in the browser (card tokenised there, never sent here)."""

from __future__ import annotations

import logging
from typing import Any

import reflex as rx

from models.orders import OrderStatus
from state.account import AccountState
from state.address_book import ADDRESS_FIELDS, address_book, address_items
from state.amounts import AmountsView
from state.browser_input import CONTROL_REFUSED, holds_control
from state.cart import CartState
from state.checkout_address import DEFAULT_COUNTRY, AddressChoice, blank_address
from state.checkout_calls import (
    card_refused,
    checkout_service,
    declined,
    price_cart,
    save_address,
    with_reason,
)
from state.checkout_discount import DISCOUNT_BOX, DiscountChoice
from state.checkout_paid import PaidNews, return_href
from state.checkout_payment import PaymentAttempt, pay_refused, place_order
from state.checkout_scripts import CONFIRMING, TOKENIZE, authenticate, mount_card, show_code
from state.checkout_summary import summary_of
from state.client import client_of
from state.live_updates import changed_since, changes_heard
from state.locale import LocaleState
from state.refusals import refusal
from state.shop import call, shop
from state.visitor import visitor_of
from storefront.i18n import translations
from storefront.services.checkout.form import SHOWN_TOTAL, sent_form
from storefront.services.checkout.quotes import CheckoutError
from storefront.services.checkout.service import PaymentStep

log = logging.getLogger(__name__)
CHECKOUT_FORM = "checkout-form"  # the page's form (id)
DEFAULT_METHOD = "standard"  # the delivery a checkout starts from


class CheckoutState(AddressChoice, DiscountChoice, PaymentAttempt, PaidNews, rx.State):
    shipping_method: str = DEFAULT_METHOD
    # Server totals for the current choices; what the PaymentIntent will carry.
    amounts: AmountsView = AmountsView()
    # What each delivery method costs for this cart (shown beside each choice).
    method_prices: dict[str, int] = {}  # noqa: RUF012
    errors: dict[str, dict[str, str]] = {}  # noqa: RUF012  field -> message per locale
    refused: str = ""  # the form refused last (state/refusals.py): its field in error is focused
    message: dict[str, str] = {}  # noqa: RUF012
    busy: bool = False
    email: str = ""
    payments_enabled: bool = False
    loaded: bool = False  # the page has loaded once (its choices, the cart, whether to pay)
    test_mode: bool = True
    stripe_key: str = ""
    stripe_js_url: str = ""

    @rx.event
    async def load(self) -> Any:
        settings = shop().settings
        self.payments_enabled = checkout_service() is not None
        self.loaded = True
        self.test_mode = settings.payments_test_mode
        self.stripe_key = settings.stripe_publishable_key
        self.stripe_js_url = settings.stripe_js_url
        self.message, self.errors, self.discount_note = {}, {}, {}
        self.replaced_href = ""
        self.busy = self._in_flight()  # a payment abandoned in the browser frees the page
        account = await self.get_state(AccountState)
        await account.load()
        if account.signed_in or not self.email:  # a guest's, typed before Pay, stays
            self.email = account.email
        saved = (
            await call(address_book().addresses, account.account_id) if account.signed_in else []
        )
        # A payment under way keeps the choices it was priced with; a saved address that
        # fills the form is priced below, in its country.
        self._show_addresses_of(account.account_id, saved, keep_choices=self.busy)
        if not self.busy and not self._order_id:  # before the name below: it is no address
            await self._resume_attempt()
        if account.signed_in and not saved and not any(self.address.values()) and account.name:
            # No address saved yet: the account's name at least (its email is there too).
            self.address = {**self.address, "name": account.name}
            self.prefill_key += 1
        (await self.get_state(CartState))._page_opened()  # this page tells its own cuts
        await self._requote(from_cart=True)
        steps = []
        if code := self.discount_code:  # the cart's, applied in another tab or visit
            self.discount_note = translations("checkout.code_applied", code=code)
        # The field says the code applied, or none: it kept one removed in another tab (QA).
        steps.append(rx.call_script(show_code(DISCOUNT_BOX, code)))
        if self.payments_enabled:
            steps.append(rx.call_script(mount_card(self.stripe_key, self.stripe_js_url)))
        if self._order_id and not self.busy:  # this tab's payment started, and not under way
            steps.append(rx.call_script(CONFIRMING, callback=CheckoutState.drawn_again))
        elif self._resumed and not self.busy:  # an attempt of its cart the tab forgot
            steps.append(CheckoutState.settle_forgotten)
        return steps

    async def _requote(self, code: str | None = None, *, from_cart: bool = False) -> None:
        """Re-read the cart (for the summary too) and price it with the current choices and
        `code` (one typed here), else the tab's, else (and `from_cart`, as the page opens)
        the cart's own, applied last in any tab; a code the server refuses is dropped, with
        its reason beside the field."""
        cart_state = await self.get_state(CartState)
        tokens = await cart_state._tokens()
        chosen = None if from_cart else code if code is not None else self.discount_code or None
        choices = (self.country, self.shipping_method, chosen)
        heard = changes_heard()
        view, quote = await call(price_cart, tokens, *choices, client_of(self))
        cart_state._show(view)
        if changed_since(heard, cart_state._product_ids):  # a change came between the read
            # and the cart's watch (state/cart.py _refresh): priced again, so the totals
            # shown are today's
            view, quote = await call(price_cart, tokens, *choices, client_of(self))
            cart_state._show(view)
        await self._tell_paid(tokens, not view.lines)
        if quote is None:
            return
        shown = summary_of(quote, self.errors, self.amounts.currency)
        # Assigned only when changed: an unchanged summary adds nothing to the update.
        if shown.errors != self.errors:
            self.errors = shown.errors
        if "discount" in shown.errors and self.discount_note:  # the code applied is dropped
            self.discount_note = {}
        if quote.code != self.discount_code:
            if code is None and self.discount_code and "discount" in shown.errors:
                self._code_dropped = self.discount_code  # not typed here: Pay says so first
            self.discount_code = quote.code
        if quote.code and self._code_dropped:
            self._code_dropped = ""  # a code applies again (another tab's): nothing to say
        if shown.amounts is not None and shown.amounts != self.amounts:
            self.amounts = shown.amounts
        if shown.method_prices and shown.method_prices != self.method_prices:
            self.method_prices = shown.method_prices

    async def _requote_live(self) -> None:
        """A product of the cart changed (live_updates): the summary shows what paying
        costs now, except while a payment is under way (the page shows what is paid)."""
        if not self.busy:
            await self._requote()

    # While a payment is under way (`busy`) the choices stay as they were priced.

    @rx.event
    async def set_country(self, value: str) -> None:
        if self.busy:
            return
        self.country = str(value)[:2].upper()
        self._unpick_if_changed()
        await self._requote()

    @rx.event
    async def use_saved_address(self, address_id: str) -> None:
        chosen = next((a for a in self.saved_addresses if str(a.id) == str(address_id)), None)
        if self.busy:
            return
        if chosen is None:
            self._enter_new_address()
            return
        self._fill_from(chosen)
        await self._requote()

    @rx.event
    async def set_shipping_method(self, value: str) -> None:
        if self.busy:
            return
        self.shipping_method = str(value)[:16]
        await self._requote()

    # The three payment steps talk to the provider, so they run as background events: the
    # session is locked only while they read or change the state, never during a call.

    @rx.event(background=True)
    async def pay(self, form: dict[str, Any]) -> Any:
        """Place the order (validated and priced here), then ask the browser for the card."""
        checkout = checkout_service()
        # Checked before the page is marked busy: a crafted payload must not lock Pay.
        if not isinstance(form, dict):
            return
        refused = holds_control(form)
        async with self:
            if checkout is None or self.busy or self._in_flight():
                return
            if refused:
                self.errors = {}
                self._fail(translations(CONTROL_REFUSED))
                return
            if SHOWN_TOTAL not in form:  # a page drawn before the total was sent with Pay
                self.errors = {}
                self._fail(translations("checkout.error.reload"))
                return
            if self._told_code_dropped():
                return
            self.busy, self.message, self.errors, self.replaced_href = True, {}, {}, ""
            self._start_step()
            visit = self._visit
            tokens = await (await self.get_state(CartState))._tokens()
            locale = (await self.get_state(LocaleState)).locale
            request = sent_form(
                form,
                ADDRESS_FIELDS,
                country=self.country,
                shipping_method=self.shipping_method,
                discount_code=self.discount_code,
                locale=str(locale),
                shown_total_minor=self.amounts.total_minor,
                visitor_id=await visitor_of(self),
            )
            replaces = self._order_id or None
            client = client_of(self)
            # What was typed, for the page drawn again (a reload during 3-D Secure had
            # emptied every field): the fields take their first value from these.
            self.email = request.email
            self.address = {key: request.address.get(key, "") for key in ADDRESS_FIELDS}
        try:
            owner, placed = await place_order(
                checkout, tokens, request, replaces=replaces, client=client
            )
        except CheckoutError as exc:
            async with self:
                self.busy, self._in_flight_until = False, 0.0
                self.message, refused = pay_refused(exc, self.amounts.currency)
                self.errors = refused
                self.refused = refusal(CHECKOUT_FORM, self.refused)
                await self._requote()  # the summary shows what paying would now cost
                self._code_dropped = ""  # this refusal said so
                if "discount" in refused and "discount" not in self.errors:
                    # The code Pay refused is dropped now (a live update had dropped it
                    # before): its reason stays beside its field, which "Please correct
                    # the highlighted fields" points at (QA: nothing was highlighted).
                    self.errors = {**self.errors, "discount": refused["discount"]}
            return
        except BaseException:
            async with self:
                self._in_flight_until = 0.0
                self._fail(translations("checkout.error.provider"))
            raise
        async with self:
            self._in_flight_until = 0.0
            if self._visit != visit:  # signed in or out meanwhile: the order is not this page's
                return
            self._order_id = placed.order_id
            self._placed = {"reference": placed.reference, "key": placed.access_token}
            self._placed_here = [*self._placed_here[-4:], placed.reference]
        if form.get("save_address") and owner[1]:
            saved = await save_address(owner[1], request.address)
            async with self:
                if saved and all(item.id != saved.id for item in self.saved_addresses):
                    self.saved_addresses = [*self.saved_addresses, *address_items([saved])]
        yield rx.call_script(TOKENIZE, callback=CheckoutState.card_ready)

    @rx.event(background=True)
    async def card_ready(self, result: dict[str, Any]) -> Any:
        """The browser's answer: a card reference from Stripe.js, or its error."""
        checkout = checkout_service()
        card = str((result or {}).get("card", "")) if isinstance(result, dict) else ""
        async with self:
            order_id = self._order_id
            if self._in_flight():  # an answer to an attempt already under way
                return
            refused = checkout is None or not order_id or not card
            if refused:
                reason = (result or {}).get("error") if isinstance(result, dict) else None
                self._fail(with_reason("checkout.error.card", reason))
            else:
                self._start_step()
        if checkout is None or refused:
            if checkout is not None and order_id:  # no card left this page: another tab's
                await card_refused(checkout, order_id)  # Pay need not wait for one (QA)
            return
        step = await self._ask_provider(checkout.pay, order_id, card)
        if step is None or await self._told_replaced(order_id, step):
            return
        if step.status is OrderStatus.REQUIRES_ACTION:
            async with self:
                if self._order_id != order_id:  # signed in or out meanwhile
                    return
            yield rx.call_script(
                authenticate(step.client_secret), callback=CheckoutState.authenticated
            )
            return
        async with self:
            after = self._after(order_id, step)
        if after is not None:
            yield after

    def _forget_account(self) -> None:
        """What the page showed of an account, and the payment under way (at sign-in or
        out): the next person at this tab must neither see that order nor pay or cancel it.
        The order stays with its cart, whose next Pay settles it first."""
        self._forget_address()
        self.email, self.errors, self.message = "", {}, {}
        self._order_id, self._placed, self.busy, self._resumed = 0, {}, False, 0
        self._placed_here, self._code_dropped = [], ""
        self._forget_paid()
        self._visit += 1  # a step under way finds the page is no longer its own

    def _fail(self, message: dict[str, str]) -> None:
        """The attempt ends with `message` by Pay, and the page hears of it as a refusal of
        the form: the focus, left on the page's body by Pay (disabled while busy), moves to
        that message (components/form_fields.py), where the shopper continues from."""
        self.busy, self.message = False, message
        self.refused = refusal(CHECKOUT_FORM, self.refused)

    def _after(self, order_id: int, step: PaymentStep) -> Any:
        """The page after a payment step of `order_id`: nothing if the page has let go of
        that order meanwhile (a sign-out)."""
        if self._order_id != order_id:
            return None
        self.busy = False
        if step.status is OrderStatus.FAILED:
            self._fail(declined(step.error, step.reason))
            return None
        reference, key = self._placed.get("reference", ""), self._placed.get("key", "")
        self._order_id, self._placed, self._resumed = 0, {}, 0
        page = f"/order/{reference}?key={key}"
        self._paid_in_this_tab(order_id, page)
        # The next order in this tab starts from the shop's defaults, not this one's
        # destination (its address, typed and kept for a reload meanwhile), delivery and
        # code; the email stays, as a signed-in shopper's does (a sign-out forgets it).
        self.country, self.shipping_method = DEFAULT_COUNTRY, DEFAULT_METHOD
        if not self.saved_choice:
            self.address = blank_address()
        self.discount_code, self.discount_note, self._code_dropped = "", {}, ""
        return rx.redirect(return_href(page))  # the one visit that thanks for the order
