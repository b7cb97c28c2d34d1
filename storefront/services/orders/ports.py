"""What the order use cases need from storage, and the records they get back."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from models.events import ProductChanged
from models.orders import OrderStatus
from storefront.services.checkout.pricing import Totals


@dataclass(frozen=True, slots=True)
class Address:
    name: str
    line1: str
    line2: str
    postal_code: str
    city: str
    country: str  # ISO 3166-1 alpha-2, upper-case


@dataclass(frozen=True, slots=True)
class OrderItem:
    """One line of an order, as placed and as stored."""

    product_id: int
    sku: str
    title: str
    quantity: int
    unit_price_minor: int
    options: str = ""  # the variant's, as the cart shows them: "M · Navy"

    @property
    def total_minor(self) -> int:
        return self.unit_price_minor * self.quantity


@dataclass(frozen=True, slots=True)
class NewOrder:
    reference: str
    access_key: str
    account_id: int | None
    cart_id: int | None
    email: str
    locale: str
    address: Address
    shipping_method: str
    discount_code: str | None
    amounts: Totals  # as priced at checkout
    lines: tuple[OrderItem, ...]
    # The anonymous visitor placing it (ties recommendation clicks to revenue); last and
    # optional so that existing callers need not pass it.
    visitor_id: str | None = None


@dataclass(frozen=True, slots=True)
class ReversalRecord:
    """The invoice cancelling a credit note whose refund failed after it went through (the
    money came back to the shop): of the note's amount, numbered in the invoices' series."""

    number: str  # "F2026-000123"
    issued_at: datetime
    issue_date: date  # the shop's day it was issued on, as printed


@dataclass(frozen=True, slots=True)
class CreditNoteRecord:
    """A credit note of the order's invoice: one refund that went through, numbered then."""

    number: str  # "A2026-000045"
    amount_minor: int  # VAT included
    issued_at: datetime
    issue_date: date  # the shop's day it was issued on, as printed
    reversal: ReversalRecord | None = None  # the invoice cancelling it, once its refund failed


@dataclass(frozen=True, slots=True)
class PaidOutside:
    """A refund that went through outside the payment provider (offline_refunds.py)."""

    method: str  # one of OFFLINE_METHODS: "bank_transfer"...
    amount_minor: int
    created_at: datetime


@dataclass(frozen=True, slots=True)
class OrderRecord:
    id: int
    reference: str
    status: OrderStatus
    account_id: int | None
    cart_id: int | None
    email: str
    locale: str
    address: Address
    shipping_method: str
    discount_code: str | None
    amounts: Totals  # as priced at checkout
    refunded_minor: int
    payment_intent_id: str | None
    payment_error: str
    access_key: str
    created_at: datetime
    paid_at: datetime | None
    lines: tuple[OrderItem, ...]
    stock_short: bool = False  # paid, but its stock had sold out (see Moved.stock_lost)
    # Set once it shipped, whatever its status says of refunds since (or before).
    carrier: str = ""
    tracking_number: str = ""
    fulfilled_at: datetime | None = None
    updated_at: datetime | None = None  # its last change (a payment attempt, say)
    # When the shopper asked to cancel it, paid (it is never shipped after that), or the
    # shop did (`cancel_by_shop`: the merchant canceled it from the admin).
    cancel_requested_at: datetime | None = None
    cancel_by_shop: bool = False
    # When that cancel was given up (its refund refused for good, or the merchant released
    # it): paid and shippable again, and no longer the shopper's to cancel.
    cancel_released_at: datetime | None = None
    invoice_number: str | None = None  # given in the transaction that made it paid
    invoiced_at: datetime | None = None
    invoice_date: date | None = None  # its issue date, the shop's day it was issued on
    credit_notes: tuple[CreditNoteRecord, ...] = ()  # in the order they were issued
    # When its confirmation mail went out (None: not yet, or the mail server refused it:
    # the order-mail group, then the reconciliation, sends it).
    confirmation_sent_at: datetime | None = None
    # When the checkout page's script refused its card details (none reached the provider).
    card_refused_at: datetime | None = None
    source: str = "shop"  # where it was placed: "shop", or "demo" (the seeded history)
    # Its refunds made outside the payment provider, oldest first (a bank transfer...).
    paid_outside: tuple[PaidOutside, ...] = ()

    @property
    def reversal_invoices(self) -> tuple[tuple[str, str], ...]:
        """(number, the credit note it cancels) of each invoice cancelling one of its notes."""
        notes = self.credit_notes
        return tuple((n.reversal.number, n.number) for n in notes if n.reversal is not None)

    @property
    def holder(self) -> str:
        """The name its stock reservation is held under."""
        return f"order:{self.id}"


@dataclass(frozen=True, slots=True)
class Moved:
    applied: bool  # the status changed (False: already there, or not a forward move)
    duplicate: bool = False  # this provider event had been applied before
    stock_lost: bool = False  # paid, but its expired hold could not be taken again
    # Products whose stock moved with it (an expired hold taken again at payment).
    changed: tuple[ProductChanged, ...] = ()


class DiscountUsedUp(Exception):
    """The code reached its usage limit, or stopped being valid (switched off, expired:
    `reason` is then the message key saying so), while this order was being placed."""

    def __init__(self, code: str, reason: str = "checkout.error.discount_used_up") -> None:
        super().__init__(code)
        self.reason = reason


class OrderStore(Protocol):
    """Each method is one transaction."""

    def create(self, order: NewOrder) -> int:
        """Insert a pending order and its lines, counting one use of its discount code
        (conditionally: raises DiscountUsedUp at the limit or when the code is no longer
        valid)."""
        ...

    def get(self, order_id: int) -> OrderRecord | None: ...

    def by_reference(self, reference: str) -> OrderRecord | None: ...

    def for_account(
        self, account_id: int, limit: int, *, hiding: frozenset[OrderStatus] = frozenset()
    ) -> list[OrderRecord]:
        """The account's orders, newest first, those in a status of `hiding` left out (but
        for those the shopper canceled themselves: customer_cancel.py)."""
        ...

    def attach_intent(self, order_id: int, intent_id: str) -> None: ...

    def card_refused(self, order_id: int, at: datetime) -> bool:
        """Note that the browser refused the card details of this pending attempt (False: it
        moved on, or was noted already)."""
        ...

    def replace_intent(self, order_id: int, old_intent_id: str, intent_id: str) -> bool:
        """Point an unpaid order at a new PaymentIntent, if it still names the old one."""
        ...

    def take_missing_stock(self, order_id: int) -> bool:
        """A paid order whose stock had sold out (stock_short): take what is there now of
        the stock it still lacks; True, and the flag cleared, once it lacks none."""
        ...

    def move(
        self,
        order_id: int,
        target: OrderStatus,
        *,
        event_id: str | None = None,
        event_type: str = "",
        error: str = "",
        refunded_minor: int | None = None,
        intent_id: str | None = None,
    ) -> Moved:
        """Apply a forward move conditionally on the current status and, with an intent id,
        on the order still paying through that PaymentIntent (news of an intent it has
        replaced moves nothing). With an event id, the id is recorded in the same
        transaction (a repeat is a no-op). Moving to paid commits the order's stock hold in
        the same transaction; moving to canceled gives back its discount use."""
        ...

    def record_event(self, event_id: str, event_type: str, order_id: int | None) -> bool:
        """Remember an event that changes nothing; False when it was already recorded."""
        ...

    def claim_confirmation(self, order_id: int, stale_before: datetime) -> bool:
        """True for one caller at a time: the one who mails the confirmation. A claim made
        before `stale_before` and never marked sent is taken to have died with its process."""
        ...

    def confirmation_sent(self, order_id: int) -> None: ...

    def release_confirmation(self, order_id: int) -> None:
        """Give the claim back when the mail could not be sent, so it is tried again."""
        ...

    def stale_unpaid(self, before: datetime, limit: int) -> list[OrderRecord]:
        """Unpaid orders created before `before`, oldest first (for reconciliation)."""
        ...

    def unpaid_for_cart(self, cart_id: int) -> list[int]:
        """Ids of the unpaid orders placed from this cart."""
        ...

    def paid_for_cart_since(self, cart_id: int, since: datetime) -> int | None:
        """The id of the last order placed from this cart and paid at `since` or later."""
        ...

    def unconfirmed_paid(self, since: datetime, before: datetime, limit: int) -> list[OrderRecord]:
        """Orders paid (and not refunded or canceled since) between `since` and `before` whose
        confirmation never went out: the process stopped, or the mail server refused."""
        ...

    def by_intent(self, intent_id: str) -> OrderRecord | None: ...


def stock_lines(items: Iterable[OrderItem]) -> Sequence[tuple[str, int]]:
    """(sku, quantity) pairs, as stock holds take them."""
    return [(item.sku, item.quantity) for item in items]
