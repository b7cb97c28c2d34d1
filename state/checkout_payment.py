"""The checkout page's payment attempt (state/checkout.py pay, card_ready; authenticated
here): the order Pay places, what a refusal says, and the attempt's own bookkeeping across
its steps (PaymentAttempt: the order under way, how long a step may wait on the provider,
an attempt left unpaid whose choices a checkout opened again resumes)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import reflex as rx

from models.orders import OrderStatus
from models.types import utc_now
from state.cart import CartState, Owner, owner_of
from state.checkout_calls import (
    checkout_service,
    interrupted_step,
    refusal_text,
    replaced_by,
    unpaid_attempt,
)
from state.shop import call
from storefront.i18n import translations
from storefront.services.checkout.form import CheckoutForm
from storefront.services.checkout.quotes import CheckoutError
from storefront.services.checkout.service import Checkout, PaymentStep, Placed
from storefront.services.orders.status import UNPAID

# The longest a payment step may wait on the provider: up to about ten calls (settling a
# few earlier attempts, then a new intent), each within the gateway's timeout and retries
# (20 s, 3 tries). Only a tab whose worker died waits it out.
STEP_SECONDS_AT_MOST = 600
# The least time between two looks of a tab at an attempt its page forgot (settle_forgotten).
FORGOTTEN_EVERY = 10.0


async def place_order(
    checkout: Checkout,
    tokens: tuple[str, str],
    request: CheckoutForm,
    *,
    replaces: int | None,
    client: str,
) -> tuple[Owner, Placed]:
    """Whose cart this is, and the order placed from it (each in a worker thread)."""
    owner = await call(owner_of, *tokens)
    placed: Placed = await call(
        checkout.place_order, owner, request, utc_now(), replaces=replaces, client=client
    )
    return owner, placed


def pay_refused(
    exc: CheckoutError, currency: str
) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """Pay refused: the form's message, and each field's at fault (per locale)."""
    message = refusal_text(exc.code, exc.amounts, currency)
    errors = {field: refusal_text(key, exc.amounts, currency) for field, key in exc.fields.items()}
    return message, errors


class PaymentAttempt(rx.State, mixin=True):
    """What the checkout page keeps of its payment attempt between steps (backend only). Its
    methods use the page's own fields too: CheckoutState's email and shipping_method, and
    the address of AddressChoice (state/checkout_address.py)."""

    # The unpaid order of this visit (a second attempt reuses or replaces it).
    _order_id: int = 0
    _placed: dict[str, str] = {}  # noqa: RUF012  reference, access token
    # The orders this tab placed, the last few: their pages show their email whole to it,
    # which typed it. Not the email field, which any browser may set (security review).
    _placed_here: list[str] = []  # noqa: RUF012
    # Set while a payment step waits on the server for the provider: a reload then must not
    # let a second attempt start beside it. A deadline, not a flag: a worker that dies during
    # the step (a deploy) frees the tab once no step could still be running.
    _in_flight_until: float = 0.0
    # Counts sign-ins and sign-outs in this tab: a step started before one lets go of what
    # it placed (the order stays with its cart).
    _visit: int = 0
    # The order whose interrupted payment the page has told of (drawn_again), once.
    _interrupted_told: int = 0
    _resumed: int = 0  # the unpaid attempt whose choices filled this tab (_resume_attempt)
    _forgotten_asked: float = 0.0  # when this tab last asked about a forgotten attempt
    # The order that replaced this tab's attempt, paid in another tab: its page.
    replaced_href: str = ""

    def _fail(self, message: dict[str, str]) -> None:
        """Ends the attempt with `message`: the page's own (CheckoutState._fail)."""
        raise NotImplementedError

    def _after(self, order_id: int, step: PaymentStep) -> Any:
        """The page after a payment step (CheckoutState._after)."""
        raise NotImplementedError

    async def _requote(self, code: str | None = None, *, from_cart: bool = False) -> None:
        """Read the cart again and price it (CheckoutState._requote)."""
        raise NotImplementedError

    @rx.event(background=True)
    async def drawn_again(self, confirming: Any) -> Any:
        """The page drawn again with this tab's payment started (CheckoutState.load) and
        the browser's answer: is the bank's 3-D Secure window still open? Then its own answer
        settles the payment (a reconnection redraws the page meanwhile). Else (a reload,
        Back then Forward) the provider says where it stands: paid meanwhile, the order's
        page; still waiting for a 3-D Secure nobody will finish, a note, once, that nothing
        was charged. Every field had emptied, with no word of the payment."""
        checkout = checkout_service()
        if confirming is True or checkout is None:
            return
        async with self:
            order_id = self._order_id
            if not order_id or self._in_flight() or self._interrupted_told == order_id:
                return
            self._start_step()  # Pay waits meanwhile
        try:
            step = await call(interrupted_step, checkout, order_id)
        except CheckoutError:
            step = None  # the provider out of reach: Pay settles the order first
        finally:
            async with self:
                self._in_flight_until = 0.0
        if step is None or await self._told_replaced(order_id, step):
            return
        async with self:
            if self._order_id != order_id:  # signed in or out meanwhile
                return
            if step.status in (*UNPAID, OrderStatus.CANCELED):  # nothing was charged
                self._interrupted_told = order_id
                self._fail(translations("checkout.interrupted"))
                return
            if step.status not in (OrderStatus.PAID, OrderStatus.FULFILLED):
                return  # moved on otherwise (refunded, say): Pay settles it first
            after = self._after(order_id, step)
        if after is not None:
            yield after

    @rx.event(background=True)
    async def settle_forgotten(self) -> None:
        """A checkout opened on an attempt of its cart this tab does not know of (a restart
        made it forget; another tab's) that waits for 3-D Secure: the provider says whether
        it went through meanwhile. The bank's window finished while the shop was down, and
        the page offered Pay again on a cart already paid (QA); a paid cart now says so."""
        await self._settle_forgotten(at_most_every=FORGOTTEN_EVERY)

    async def _settle_forgotten(self, *, at_most_every: float = 0.0) -> None:
        """One look at a time, each of which may ask the provider; opening the page looks
        at most every FORGOTTEN_EVERY seconds, as its event can be sent at will (review),
        while the bank's answer is always looked at."""
        checkout = checkout_service()
        async with self:
            now = time.time()
            if checkout is None or self._order_id or self._in_flight():
                return
            if now < self._forgotten_asked + at_most_every:
                return
            self._forgotten_asked = now
            attempt = self._resumed
            tokens = await (await self.get_state(CartState))._tokens()
            self._start_step()  # Pay waits meanwhile
        try:
            if not attempt:  # a page the shop forgot that never loaded since
                found = await call(unpaid_attempt, tokens)
                attempt = found.id if found is not None else 0
            step = await call(interrupted_step, checkout, attempt) if attempt else None
        except CheckoutError:
            step = None  # the provider out of reach: Pay settles the attempt first
        finally:
            async with self:
                self._in_flight_until = 0.0
        if step is None or step.status not in (OrderStatus.PAID, OrderStatus.FULFILLED):
            return
        async with self:
            await self._requote(from_cart=True)  # its cart, paid: empty, and said so

    async def _resume_attempt(self) -> None:
        """A checkout opened again after an attempt left unpaid (the tab closed during 3-D
        Secure, a card declined): its delivery, and its email and address where this tab has
        none typed, as it was placed (QA: Express came back as Standard, the guest's address
        empty). Once per attempt: what the shopper changes since stays."""
        tokens = await (await self.get_state(CartState))._tokens()
        attempt = await call(unpaid_attempt, tokens)
        if attempt is None or attempt.id == self._resumed:
            return
        self._resumed = attempt.id
        self.shipping_method = attempt.shipping_method
        if not self.email:
            self.email = attempt.email
        if not any(value for key, value in self.address.items() if key != "name"):
            self._fill_from_order(attempt.address)

    @rx.event(background=True)
    async def authenticated(self, _result: dict[str, Any]) -> Any:
        """3-D Secure finished in the browser: the provider says how it went."""
        checkout = checkout_service()
        async with self:
            order_id = self._order_id
            if checkout is None or self._in_flight():
                return
            if order_id:
                self._start_step()
        if not order_id:  # the bank answered a page the shop forgot meanwhile (a restart)
            await self._settle_forgotten()
            return
        step = await self._ask_provider(checkout.refresh, order_id)
        if step is None or await self._told_replaced(order_id, step):
            return
        async with self:
            if self._order_id != order_id:  # signed in or out meanwhile: not this page's
                return
            if step.status in (OrderStatus.FAILED, OrderStatus.REQUIRES_ACTION):
                self._fail(translations("checkout.error.authentication"))
                return
            after = self._after(order_id, step)
        if after is not None:
            yield after

    async def _told_replaced(self, order_id: int, step: PaymentStep) -> bool:
        """This tab's attempt canceled meanwhile by another tab's Pay: the page says the
        cart was paid there (with that order's page) or that the payment there replaced
        this one, and that nothing was charged here; it ended on its own order's page,
        "Canceled", and the shopper paid again (QA)."""
        if step.status is not OrderStatus.CANCELED:
            return False
        async with self:  # called from background events, outside the state's lock
            tokens = await (await self.get_state(CartState))._tokens()
        found = await call(replaced_by, tokens, order_id)
        if found is None:  # canceled otherwise (left too long, the shop): its page says
            return False
        paid, href = found
        async with self:
            if self._order_id == order_id:
                self._order_id, self._placed, self.replaced_href = 0, {}, href
                self._fail(translations("checkout.replaced_paid" if paid else "checkout.replaced"))
                await self._requote()  # its cart, paid there: empty, and said so
        return True

    def _start_step(self) -> None:
        self._in_flight_until = time.time() + STEP_SECONDS_AT_MOST

    def _in_flight(self) -> bool:
        return time.time() < self._in_flight_until

    async def _ask_provider(
        self, step: Callable[..., PaymentStep], *args: Any
    ) -> PaymentStep | None:
        """One payment step at the provider, with the in-flight guard set by the caller and
        cleared here; a refusal or fault ends the attempt with a message (None), and a fault
        is raised again for the log."""
        try:
            return await call(step, *args)
        except Exception as exc:
            async with self:
                self._fail(
                    translations(
                        exc.code if isinstance(exc, CheckoutError) else "checkout.error.provider"
                    )
                )
            if not isinstance(exc, CheckoutError):
                raise
            return None
        finally:
            async with self:
                self._in_flight_until = 0.0
