"""Domain events: facts in the past tense, written to the outbox in the transaction that made
them true, then handed to handlers in this process and, through the bus, in every other."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ProductChanged:
    """A product was created, edited or removed, or its stock moved. Old and new slug and
    category are both listed."""

    product_id: int
    slugs: tuple[str, ...]
    category_ids: tuple[int, ...]
    # Only a review's standing moved (a pending one hidden): nothing shown changed, but the
    # open pages of the product read their shopper's own review again.
    review_moved: bool = False


@dataclass(frozen=True, slots=True)
class CatalogRestructured:
    """Categories or brands changed, or a bulk import replaced much of the catalog (the
    products it changed, for pages that show them live)."""

    reason: str
    product_ids: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class OrderPlaced:
    """A shopper submitted checkout: the order exists, unpaid, with its stock held."""

    order_id: int
    reference: str


@dataclass(frozen=True, slots=True)
class OrderPaid:
    """The payment went through (the held stock was committed in the same transaction).
    Carries its lines, (product id, quantity, line total in minor units), so that handlers
    need not read the order back."""

    order_id: int
    reference: str
    currency: str
    total_minor: int
    lines: tuple[tuple[int, int, int], ...]
    paid_on: str  # ISO date: the shop's day (in its time zone) the sale counts for


@dataclass(frozen=True, slots=True)
class OrderRefunded:
    """Money went back to the shopper: `refunded_minor` is the order's refunded total so far."""

    order_id: int
    reference: str
    currency: str
    refunded_minor: int


@dataclass(frozen=True, slots=True)
class RefundFailed:
    """A refund that had gone through failed after all (the card it went to was closed): its
    money went back to the shop's balance, not to the shopper, who must be refunded another
    way. `refunded_minor` is the order's refunded total now, without it."""

    order_id: int
    reference: str
    currency: str
    amount_minor: int
    refunded_minor: int


@dataclass(frozen=True, slots=True)
class CancelReleased:
    """The shopper's cancel of a paid order was given up (its refund refused for good, or
    the merchant released its claim): nothing was refunded, the order stands."""

    order_id: int
    reference: str


@dataclass(frozen=True, slots=True)
class WithdrawalReceived:
    """The shopper sent a withdrawal statement for (part of) a shipped order: its
    acknowledgement is mailed once."""

    order_id: int
    statement_id: int


@dataclass(frozen=True, slots=True)
class AccountCreated:
    """An account was made (a shopper's sign-up, or the command line's): its welcome, with
    the link confirming its address, is mailed once in `lang` by the account-mail group. No
    address in it: the handler reads the account as it then is (closed: nothing is sent)."""

    account_id: int
    lang: str


Event = (
    ProductChanged
    | CatalogRestructured
    | OrderPlaced
    | OrderPaid
    | OrderRefunded
    | RefundFailed
    | CancelReleased
    | WithdrawalReceived
    | AccountCreated
)
EVENT_TYPES: dict[str, type[Event]] = {
    cls.__name__: cls
    for cls in (
        ProductChanged,
        CatalogRestructured,
        OrderPlaced,
        OrderPaid,
        OrderRefunded,
        RefundFailed,
        CancelReleased,
        WithdrawalReceived,
        AccountCreated,
    )
}
