"""Discount codes: where they are kept, and creating them (the admin and the command line),
checked before anything is saved. How a code prices an order is in pricing.py."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Literal, Protocol

from storefront.services.checkout.pricing import Discount

_CODE = re.compile(r"^[A-Z0-9][A-Z0-9_-]{2,39}$")
# The largest fixed value or minimum subtotal, in minor units (a million euros): far above
# any sensible code, far below the 32-bit integer columns that hold them.
MAX_AMOUNT_MINOR = 100_000_000
MAX_USES = 10_000_000  # a code's usage limit (a 32-bit column holds its count)


class DiscountStore(Protocol):
    def active(self, code: str, cart_id: int | None = None) -> Discount | None:
        """The code (upper-case) with its use count, unless unknown or switched off. The
        uses held by `cart_id`'s unpaid orders are left out: they are the shopper's own
        earlier attempts, canceled (their use given back) before the next is placed. Those
        of other carts' unpaid orders are counted, and named as `awaiting`."""
        ...

    def add(self, discount: Discount) -> bool:
        """Save a new active code; False when the code exists already."""
        ...


class DiscountError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def create_discount(discounts: DiscountStore, discount: Discount) -> Discount:
    """Save a new active code, as `new_discount` checked it; DiscountError when the code
    exists already (nothing is written then)."""
    if not discounts.add(discount):
        raise DiscountError(f"code: {discount.code} exists already")
    return discount


def is_valid_code(code: str) -> bool:
    """3 to 40 letters, digits, - or _ (any case: codes are kept upper-case)."""
    return _CODE.match(code.strip().upper()) is not None


def new_discount(
    code: str,
    *,
    kind: Literal["percent", "fixed"],
    value: int,
    min_subtotal_minor: int = 0,
    expires_at: datetime | None = None,
    usage_limit: int | None = None,
    now: datetime | None = None,
) -> Discount:
    """The code (upper-case) with these terms, checked; DiscountError says what is wrong.
    With `now`, an expiry at or before it is wrong too (a new code must not be born
    expired)."""
    code = code.strip().upper()
    if not is_valid_code(code):
        raise DiscountError("code: 3-40 letters, digits, - or _")
    if kind not in ("percent", "fixed"):
        raise DiscountError("kind: percent or fixed")
    if value <= 0 or (kind == "percent" and value > 100):
        raise DiscountError("value: a percentage from 1 to 100, or a positive amount")
    if min_subtotal_minor < 0 or (usage_limit is not None and usage_limit <= 0):
        raise DiscountError("minimum and usage limit must be positive")
    if usage_limit is not None and usage_limit > MAX_USES:  # the command line took 5e9
        raise DiscountError(f"usage limit: at most {MAX_USES:,}")
    if max(min_subtotal_minor, value if kind == "fixed" else 0) > MAX_AMOUNT_MINOR:
        raise DiscountError(f"amounts: at most {MAX_AMOUNT_MINOR:,} minor units")
    if expires_at is not None and expires_at.tzinfo is None:
        raise DiscountError("expiry: give a timezone, e.g. 2027-01-31T23:59:00+01:00")
    if expires_at is not None and now is not None and expires_at <= now:
        raise DiscountError("expiry: this date has passed")
    return Discount(code, kind, value, min_subtotal_minor, expires_at, usage_limit)
