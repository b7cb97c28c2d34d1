"""Storage the cart needs."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True, slots=True)
class StoredLine:
    sku: str
    quantity: int
    price_seen_minor: int
    # When it was first added: its place in the cart, which lists lines in that order. None
    # in a line being written: now (a line put back after a removal names its old place).
    added_at: datetime | None = None
    # The variant's product and options when the line was written (a line being written
    # takes them from its sellable): what names the line once the variant is removed.
    product_id: int | None = None
    options: str = ""


@dataclass(frozen=True, slots=True)
class Sellable:
    """A variant as the cart sees it today (None-able fields are the product's)."""

    sku: str
    product_id: int
    product_slug: str
    title: str
    options: str
    price_minor: int
    currency: str
    # In a cart read: what the cart may have, the stock its own unpaid orders hold included.
    stock: int
    image_path: str | None
    active: bool


@dataclass(frozen=True, slots=True)
class Former:
    """What a line's variant was, once the catalog no longer has it (the merchant removed
    it): its product as it stands, and the options the line kept."""

    product_slug: str
    title: str
    options: str
    image_path: str | None


@dataclass(frozen=True, slots=True)
class StoredCart:
    """A cart as stored, with what the catalog says today of each of its SKUs (a SKU the
    catalog no longer has is missing from `items`)."""

    cart_id: int | None  # None: the owner has no cart yet
    lines: list[StoredLine]
    items: dict[str, Sellable]
    discount_code: str = ""  # the code applied at checkout ("": none)
    # The lines whose SKU the catalog lost but whose product it still has, by SKU.
    former: dict[str, Former] = field(default_factory=dict)


class CartGone(Exception):
    """The cart written to, or the account it was to be made for, is gone: the account was
    closed (from another browser) since the cart was read."""


class CartStore(Protocol):
    def find(self, token_hash: str | None, account_id: int | None) -> int | None:
        """The account's cart when signed in, else the guest cart of this token."""
        ...

    def create(self, token_hash: str | None, account_id: int | None) -> int:
        """The owner's new cart (or the one another tab made just now). CartGone when the
        account is gone."""
        ...

    def read(self, token_hash: str | None, account_id: int | None) -> StoredCart:
        """The owner's cart (as `find` picks it), its lines in the order they were added and
        their sellables: one read, as every cart event starts with it."""
        ...

    def put_line(self, cart_id: int, line: StoredLine) -> None:
        """Insert or replace the line of this SKU (a line replaced keeps its place)."""
        ...

    def add_to_line(self, cart_id: int, line: StoredLine, cap: int) -> int:
        """Add `line.quantity` to the line of this SKU (inserted if new), the total capped
        at `cap`, in one statement: two adds at once both count. A new line takes its place
        from `line.added_at` (now when None); a line already there keeps its own. Returns the
        total."""
        ...

    def remove_line(self, cart_id: int, sku: str) -> None: ...

    def cut_line(self, cart_id: int, sku: str, held: int, quantity: int) -> None:
        """The line of this SKU holds `quantity` now, if it still holds `held` (a change
        made since the read wins)."""
        ...

    def attach(self, token_hash: str, account_id: int, max_quantity: int) -> None:
        """Give the guest cart of this token to the account, merging it into the account's
        own cart if it has one (quantities added, capped; the guest's discount code kept if
        it has none). One transaction; nothing changes when the account is gone (closed
        since the sign-in)."""
        ...

    def keep_code(self, cart_id: int, code: str) -> None:
        """The discount code applied to this cart at checkout ("": none)."""
        ...

    def sellable(self, sku: str) -> Sellable | None:
        """A SKU as the cart sees it today (a SKU being added); None if there is none."""
        ...
