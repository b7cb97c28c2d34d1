"""Checkout: from the cart to a pending order with its stock held and a PaymentIntent for the
server's total, then the card the browser tokenised is confirmed against it."""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from models.orders import OrderStatus
from models.types import utc_now
from storefront.services.cart.service import Carts
from storefront.services.checkout.attempts import replacement, yield_to_others
from storefront.services.checkout.discounts import DiscountStore
from storefront.services.checkout.form import CheckoutForm, check_form
from storefront.services.checkout.intents import Intents
from storefront.services.checkout.quotes import CheckoutError, Quotes
from storefront.services.checkout.settlement import Settlement
from storefront.services.inventory import HOLD_MINUTES, Inventory
from storefront.services.orders.ports import (
    DiscountUsedUp,
    NewOrder,
    OrderItem,
    OrderRecord,
    OrderStore,
    stock_lines,
)
from storefront.services.orders.status import UNPAID
from storefront.services.payments import PaymentError, PaymentGateway, PaymentIntent
from storefront.services.throttle import UNPAID_ORDERS, Throttle

log = logging.getLogger(__name__)

CartOwner = tuple[str | None, int | None]  # (guest token hash, account id)
# A cart found empty at checkout this soon after one of its orders was paid was emptied by
# that payment (another tab's, another window's), not never filled.
PAID_LATELY = timedelta(minutes=30)


@dataclass(frozen=True, slots=True)
class Placed:
    order_id: int
    reference: str
    access_token: str  # opens the order page without signing in


@dataclass(frozen=True, slots=True)
class PaymentStep:
    status: OrderStatus
    client_secret: str = ""  # set when the browser must run 3-D Secure
    error: str = ""  # the bank's or provider's words, for the shopper
    reason: str = ""  # their code for it (e.g. "expired_card"), to say it in any language


class Checkout:
    """`client` (the client's key, see services/clients.py) holds a shopper's orders (and,
    through its quotes, discount codes) to the limits of services/throttle.py; None, for the
    shop's own calls, is not limited."""

    def __init__(
        self,
        carts: Carts,
        orders: OrderStore,
        *,
        discounts: DiscountStore,
        inventory: Inventory,
        payments: PaymentGateway,
        settlement: Settlement,
        throttle: Throttle,
    ) -> None:
        self._carts = carts
        self._orders = orders
        self._inventory = inventory
        self._payments = payments
        self._settlement = settlement
        self._throttle = throttle
        self._quotes = Quotes(discounts, throttle)
        self._intents = Intents(orders, payments, settlement)

    @property
    def quotes(self) -> Quotes:
        """Pricing the cart with the shopper's choices (checkout/quotes.py)."""
        return self._quotes

    def place_order(
        self,
        owner: CartOwner,
        form: CheckoutForm,
        now: datetime,
        *,
        replaces: int | None = None,
        client: str | None = None,
    ) -> Placed:
        """Validate, price, hold the stock and open a PaymentIntent for the server's total.
        Unpaid orders placed before from this cart (and `replaces`) are settled or canceled
        first; an order from a cart without one counts against the client's UNPAID_ORDERS,
        and over the limit nothing is placed."""
        email, address, errors = check_form(form)
        cart_id = self._carts.cart_id(*owner)
        # This cart's unpaid attempts (this tab's, another tab's, one a restart forgot), read
        # before the cart: the page's last order, if finished by then (a webhook paid it
        # while the page lost track), is a purchase of its own, its lines gone from the cart.
        unpaid = set(self._orders.unpaid_for_cart(cart_id)) if cart_id is not None else set()
        if replaces is not None and replaces not in unpaid:
            last = self._orders.get(replaces)
            if last is not None and last.status in UNPAID:
                unpaid.add(replaces)
        # One that replaces the cart's unpaid order holds no more stock than before.
        counted = client if not unpaid else None
        cart = self._carts.view(*owner)
        country = address.country if address else str(form.address.get("country", ""))
        amounts = None
        # What the cart page says is what is ordered: lines out of stock or no longer sold are
        # left in the cart, a reduced line is ordered at what is left, a changed price at
        # today's (the total the shopper saw guards all of it, just below).
        if any(line.buyable for line in cart.lines):
            try:
                method, code = form.shipping_method, form.discount_code
                amounts = self._quotes.quote(cart, country, method, code, now, client=client)
            except CheckoutError as exc:
                errors |= exc.fields or {"form": exc.code}
        shown = form.shown_total_minor
        if not errors and amounts and shown is not None and amounts.total_minor != shown:
            # A price or a code changed since the page was priced: never charge an amount the
            # shopper has not seen (refused before anything changes, the last attempt too).
            raise CheckoutError("checkout.error.total_changed")
        if cart.lines and amounts is None and not errors:
            raise CheckoutError("checkout.error.cart_changed")
        if not errors:
            others = unpaid - {replaces}
            yield_to_others(self._orders, others, now, lambda o: self.refresh(o).status)
        for order_id in sorted(unpaid) if not errors else ():
            # Settle earlier attempts first: if a payment went through meanwhile (a timeout at
            # our end, another tab, a server restart mid-payment), nothing is paid again.
            self.abandon(order_id, now)
            previous = self._orders.get(order_id)
            if previous is not None and previous.status is not OrderStatus.CANCELED:
                raise CheckoutError("checkout.error.already_paid")
        if not cart.lines:
            raise CheckoutError("checkout.error.empty_cart")
        if errors or address is None or amounts is None:
            raise CheckoutError("checkout.error.form", errors)
        access_token = secrets.token_urlsafe(24)
        new = NewOrder(
            reference=_reference(),
            access_key=access_token,
            account_id=owner[1],
            cart_id=cart_id,
            email=email,
            locale=form.locale if form.locale in ("en", "fr") else "en",
            address=address,
            shipping_method=form.shipping_method,
            discount_code=form.discount_code.strip().upper() or None,
            amounts=amounts,
            visitor_id=form.visitor_id,
            lines=tuple(
                OrderItem(
                    line.item.product_id,
                    line.sku,
                    line.item.title,
                    line.quantity,
                    line.item.price_minor,
                    line.item.options,
                )
                for line in cart.lines
                if line.item is not None and line.buyable
            ),
        )
        # Counted once nothing but placing it is left (with no unpaid order to settle above,
        # nothing has changed yet), and given back if it cannot be placed after all.
        if counted is not None and not UNPAID_ORDERS.take(self._throttle, counted, now):
            raise CheckoutError("checkout.error.too_many_orders")
        try:
            order_id = self._hold(new, now)
        except BaseException:
            if counted is not None:
                UNPAID_ORDERS.give_back(self._throttle, counted, now)
            raise
        return Placed(order_id, new.reference, access_token)

    def _hold(self, new: NewOrder, now: datetime) -> int:
        """Create the order, hold its stock and open its PaymentIntent; when one of them
        cannot be had, the order is canceled and a refusal says why."""
        cart_id = new.cart_id
        try:
            order_id = self._orders.create(new)
        except DiscountUsedUp as refused:
            raise CheckoutError(refused.reason, {"discount": refused.reason}) from None
        if cart_id is not None and any(
            other < order_id for other in self._orders.unpaid_for_cart(cart_id)
        ):
            # Another tab placed an order for this cart at the same moment (each read the
            # cart's attempts before the other's existed; those before both were settled
            # above): the later one yields, so one cart is never paid twice.
            self._orders.move(order_id, OrderStatus.CANCELED, error="another attempt under way")
            raise CheckoutError("checkout.error.in_progress")
        if not self._inventory.reserve(f"order:{order_id}", stock_lines(new.lines), now):
            self._orders.move(order_id, OrderStatus.CANCELED, error="out of stock")
            raise CheckoutError("checkout.error.out_of_stock")
        try:
            intent = self._intents.open(order_id, new.reference, new.amounts, attempt="")
        except PaymentError:
            self.abandon(order_id, now)
            raise CheckoutError("checkout.error.provider") from None
        self._orders.attach_intent(order_id, intent.id)
        return order_id

    def pay(self, order_id: int, payment_method: str) -> PaymentStep:
        """Confirm the order's PaymentIntent with the card the browser tokenised; an
        order canceled meanwhile (another tab's attempt replaced it) is left as it is."""
        current = self._orders.get(order_id)
        if current is not None and current.status is OrderStatus.CANCELED:
            return PaymentStep(OrderStatus.CANCELED)
        order = self._unpaid(order_id)
        if not payment_method or len(payment_method) > 100 or order.payment_intent_id is None:
            raise CheckoutError("checkout.error.card")
        # The hold may have expired while the shopper hesitated: take the stock again (a
        # no-op while it is held) or refuse before any money moves.
        if not self._inventory.reserve(order.holder, stock_lines(order.lines), utc_now()):
            self.abandon(order_id, utc_now())
            raise CheckoutError("checkout.error.out_of_stock")
        if order.status is OrderStatus.FAILED:
            order = self._intents.fresh(order, payment_method)
        intent_id = order.payment_intent_id
        assert intent_id is not None
        try:
            intent = self._payments.confirm_intent(
                intent_id,
                payment_method,
                # Per intent and card: a retry of this call gets its answer, a new attempt not.
                idempotency_key=f"order-{order.reference}-{intent_id}-pay-{payment_method}",
            )
        except PaymentError as exc:
            if exc.declined:
                failed = str(exc)[:300]
                self._orders.move(order_id, OrderStatus.FAILED, error=failed, intent_id=intent_id)
                return PaymentStep(OrderStatus.FAILED, error=str(exc), reason=exc.code)
            # Anything else (a timeout, a refused request): the provider's own record of the
            # intent decides, never a guess that could invite a second payment.
            try:
                intent = self._payments.retrieve_intent(intent_id)
            except PaymentError:
                raise CheckoutError("checkout.error.provider") from None
            settled = self._settlement.apply_intent(order, intent).status
            if settled in UNPAID:
                raise CheckoutError("checkout.error.provider") from None
            return PaymentStep(settled)
        status = self._settlement.apply_intent(order, intent).status
        secret = intent.client_secret if status is OrderStatus.REQUIRES_ACTION else ""
        return PaymentStep(
            status, client_secret=secret, error=intent.last_error, reason=intent.last_error_code
        )

    def card_refused(self, order_id: int, now: datetime) -> None:
        """The page's script refused this attempt's card (none sent): attempts.under_way."""
        self._orders.card_refused(order_id, now)

    def refresh(self, order_id: int) -> PaymentStep:
        """Re-read the PaymentIntent (after 3-D Secure) and settle the order from it."""
        order = self._orders.get(order_id)
        if order is None:
            raise CheckoutError("checkout.error.no_order")
        if order.status in UNPAID and order.payment_intent_id:
            try:
                intent = self._payments.retrieve_intent(order.payment_intent_id)
            except PaymentError as exc:
                if not exc.missing:
                    raise CheckoutError("checkout.error.provider") from None
                try:  # one the provider never had, nothing paid: canceled, said as it is
                    self.abandon(order_id, utc_now())
                except PaymentError:
                    raise CheckoutError("checkout.error.provider") from None
                return PaymentStep((self._orders.get(order_id) or order).status)
            return PaymentStep(
                self._settlement.apply_intent(order, intent).status,
                error=intent.last_error,
                reason=intent.last_error_code,
            )
        return PaymentStep(order.status)

    def unfinished(self, order_id: int) -> bool:
        """Whether this order's payment waits for 3-D Secure (a tab reloaded meanwhile)."""
        order = self._orders.get(order_id)
        return order is not None and order.status is OrderStatus.REQUIRES_ACTION

    def unpaid_attempt(self, owner: CartOwner) -> OrderRecord | None:
        """The last order of this cart still unpaid (a card declined, a 3-D Secure window
        closed): what it was placed with fills a checkout opened again."""
        cart_id = self._carts.cart_id(*owner)
        unpaid = self._orders.unpaid_for_cart(cart_id) if cart_id is not None else []
        order = self._orders.get(max(unpaid)) if unpaid else None
        return order if order is not None and order.status in UNPAID else None

    def payment_under_way(self, owner: CartOwner, now: datetime) -> bool:
        """Whether an attempt of this cart waits for 3-D Secure, begun within a hold's time
        (the bank's window open in some tab): it pays for the cart as it was priced,
        whatever the cart becomes meanwhile."""
        order = self.unpaid_attempt(owner)
        if order is None or order.status is not OrderStatus.REQUIRES_ACTION:
            return False
        return (order.updated_at or order.created_at) > now - timedelta(minutes=HOLD_MINUTES)

    def paid_lately(self, owner: CartOwner, now: datetime) -> OrderRecord | None:
        """The last order of this cart paid within PAID_LATELY of `now`, if any."""
        cart_id = self._carts.cart_id(*owner)
        paid = (
            None
            if cart_id is None
            else self._orders.paid_for_cart_since(cart_id, now - PAID_LATELY)
        )
        return None if paid is None else self._orders.get(paid)

    def replaced_by(self, order_id: int) -> OrderRecord | None:
        """The newer attempt of its cart that replaced this canceled one (attempts.py)."""
        order = self._orders.get(order_id)
        return None if order is None else replacement(self._orders, order)

    def abandon(self, order_id: int, now: datetime) -> None:
        """Cancel an unpaid order: its PaymentIntent, its stock hold, its discount use."""
        order = self._orders.get(order_id)
        if order is None or order.status not in UNPAID:
            return
        intent_id = order.payment_intent_id
        if intent_id:
            try:
                found: PaymentIntent | None = self._intents.cancel(order.reference, intent_id)
            except PaymentError as exc:
                # Already succeeded or out of reach: let the provider's answer decide. One it
                # never had (the demo's localstripe restarted) charged nothing: canceled here.
                found = None if exc.missing else self._payments.retrieve_intent(intent_id)
            if found is not None:  # canceled: settlement moves it and gives its stock back
                self._settlement.apply_intent(order, found)
                return
        self._orders.move(order_id, OrderStatus.CANCELED, intent_id=intent_id)
        self._inventory.release(order.holder, now)

    def _unpaid(self, order_id: int) -> OrderRecord:
        order = self._orders.get(order_id)
        if order is None:
            raise CheckoutError("checkout.error.no_order")
        if order.status not in UNPAID:
            raise CheckoutError("checkout.error.already_paid")
        return order


def _reference() -> str:
    """A short order reference shoppers can read out: 10 characters, no look-alikes."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(10))
