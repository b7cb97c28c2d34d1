"""What the cancel of a paid order (the shopper's, or the shop's) keeps in the database (adapters/
sql_customer_cancel.py): its claim, its close, and giving the claim up."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Literal, Protocol

from models.events import ProductChanged
from storefront.services.admin.audit import AuditRecord

CANCEL_KEY_PREFIX = "cancel-"  # the refund's request key: this prefix and the order's reference
# The refund's reason, as stored (the admin's page reads it in its language: order_view.py).
CUSTOMER_CANCEL_REASON = "canceled by the customer"
SHOP_CANCEL_REASON = "canceled by the shop"

# What releasing a claim did: released it; found no claim to release (never claimed, released
# or finished already); or left it, as a refund under the cancel's key went through or may
# still (pending at the provider, or asked and not answered yet).
Released = Literal["released", "not_claimed", "refunding"]


class CancelStore(Protocol):
    """Each method is one transaction."""

    def claim(
        self,
        order_id: int,
        now: datetime,
        *,
        by_shop: bool = False,
        audit: Sequence[AuditRecord] = (),
    ) -> bool:
        """Mark a paid, unshipped, unrefunded order as being canceled, by the shop when
        `by_shop` (it is never shipped after that), `audit` written with it; False when it
        is not one, is claimed already, or a cancel of it was released before (given up: not
        claimed again)."""
        ...

    def finish(
        self, order_id: int, now: datetime, audit: Sequence[AuditRecord] = ()
    ) -> list[ProductChanged] | None:
        """A claimed order refunded in full: canceled, its sold stock and discount use given
        back, `audit` written; None when it is not such an order (finished already)."""
        ...

    def release(self, order_id: int, now: datetime, audit: Sequence[AuditRecord]) -> Released:
        """Give up the claim of a paid, unshipped order, with the order held as a refund's
        request holds it: only while no refund under the cancel's key stands but refused
        ones. The order is shippable again and marked released (`cancel_released_at`),
        `audit` and a CancelReleased event (the shopper's mail) written with it; the shop's
        own claim (`cancel_by_shop` kept) without the event: the shopper never asked."""
        ...

    def refunded_claims(self, limit: int) -> list[int]:
        """Claimed orders refunded in full and not finished yet, oldest claims first."""
        ...

    def stale_claims(self, before: datetime, limit: int) -> list[int]:
        """Paid orders claimed before `before` and still not refunded (their call died, or
        failed and was not tried again), oldest claims first; not those whose cancel's
        refund the provider refused (refused_claims)."""
        ...

    def refused_claims(self, limit: int) -> list[int]:
        """Paid orders still claimed whose cancel's refund the provider refused (at once, or
        after holding it pending): to be released."""
        ...

    def note(self, order_id: int, now: datetime) -> None:
        """Mark a canceled order as canceled by the shopper (an unpaid one, which the
        admin's path canceled), for the admin's order page."""
        ...
