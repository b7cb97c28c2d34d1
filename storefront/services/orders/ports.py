"""What the order use cases need from storage, and the records they get back."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from models.events import ProductChanged
from models.orders import OrderStatus


@dataclass(frozen=True, slots=True)
class Address:
    name: str
    line1: str
    line2: str
    postal_code: str
    city: str
    country: str  # ISO 3166-1 alpha-2, upper-case


@dataclass(frozen=True, slots=True)
class OrderAmounts:
    currency: str
    subtotal_minor: int
    discount_minor: int
    shipping_minor: int
    vat_rate: int
    vat_minor: int
    total_minor: int


@dataclass(frozen=True, slots=True)
class NewOrderLine:
    product_id: int
    sku: str
    title: str
    quantity: int
    unit_price_minor: int


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
    amounts: OrderAmounts
    lines: tuple[NewOrderLine, ...]


@dataclass(frozen=True, slots=True)
class OrderLineRecord:
    product_id: int
    sku: str
    title: str
    quantity: int
    unit_price_minor: int


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
    amounts: OrderAmounts
    refunded_minor: int
    payment_intent_id: str | None
    payment_error: str
    access_key: str
    created_at: datetime
    paid_at: datetime | None
    lines: tuple[OrderLineRecord, ...]

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
    """The code reached its usage limit while this order was being placed."""


class OrderStore(Protocol):
    """Each method is one transaction."""

    def create(self, order: NewOrder) -> int:
        """Insert a pending order and its lines, counting one use of its discount code
        (conditionally: raises DiscountUsedUp at the limit)."""
        ...

    def get(self, order_id: int) -> OrderRecord | None: ...

    def by_reference(self, reference: str) -> OrderRecord | None: ...

    def for_account(self, account_id: int, limit: int) -> list[OrderRecord]: ...

    def attach_intent(self, order_id: int, intent_id: str) -> None: ...

    def replace_intent(self, order_id: int, old_intent_id: str, intent_id: str) -> bool:
        """Point an unpaid order at a new PaymentIntent, if it still names the old one."""
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
    ) -> Moved:
        """Apply a forward move conditionally on the current status. With an event id, the
        id is recorded in the same transaction (a repeat is a no-op). Moving to paid commits
        the order's stock hold in the same transaction; moving to canceled gives back its
        discount use."""
        ...

    def record_event(self, event_id: str, event_type: str, order_id: int | None) -> bool:
        """Remember an event that changes nothing; False when it was already recorded."""
        ...

    def claim_confirmation(self, order_id: int) -> bool:
        """True for exactly one caller: the one who sends the confirmation mail."""
        ...

    def stale_unpaid(self, before: datetime, limit: int) -> list[OrderRecord]:
        """Unpaid orders created before `before`, oldest first (for reconciliation)."""
        ...

    def discount(self, code: str) -> DiscountRow | None: ...

    def add_discount(self, row: DiscountRow) -> bool:
        """False when the code exists already."""
        ...

    def by_intent(self, intent_id: str) -> OrderRecord | None: ...

    def open_refund(
        self, order_id: int, amount_minor: int, request_key: str, reason: str
    ) -> RefundRow | None:
        """Record a refund request, or return the one of this key. None when it would take
        refunds beyond what was paid (checked under the order's row lock)."""
        ...

    def close_refund(self, refund_id: int, provider_refund_id: str | None, ok: bool) -> None:
        """Settle the request; a success adds its amount to the order's refunded total and
        moves the order to partially refunded or refunded."""
        ...


@dataclass(frozen=True, slots=True)
class RefundRow:
    id: int
    order_id: int
    amount_minor: int
    request_key: str
    provider_refund_id: str | None
    status: str  # pending | succeeded | failed


@dataclass(frozen=True, slots=True)
class DiscountRow:
    code: str
    kind: str
    value: int
    min_subtotal_minor: int
    expires_at: datetime | None
    usage_limit: int | None
    used: int
    active: bool


def lines_of(order: OrderRecord) -> Sequence[tuple[str, int]]:
    return [(line.sku, line.quantity) for line in order.lines]
