"""Refunds made outside the payment provider: the merchant paid the customer back by bank
transfer, cheque or cash (the card a refund would go to is closed, and the provider's refunds
keep failing), and records it here. Nothing is sent to the provider.

Such a refund is recorded as one that went through, in one transaction with the order held
as every refund's (SqlRefundStore.open's checks: refundable, within what was paid counting
the refunds made or in flight, within a staff member's limit, no cancel claiming the order):
the order's refunded total and status follow it, an invoiced order gets its credit note, the
OrderRefunded event mails the shopper, and the audit entry is written in that transaction. It
has no provider refund id, so the provider's refunds (webhook, reconciliation) never match it:
they neither settle, correct nor reverse it. The request key makes a double submit record it
once; two admins at once are checked one after the other."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from storefront.services.admin.audit import AuditRecord
from storefront.services.orders.refunds import Shortfall

# How the money went back, as the admin picks it (order_refund.method; "" for the provider's).
OFFLINE_METHODS = ("bank_transfer", "cheque", "cash", "other")
OfflineMethod = Literal["bank_transfer", "cheque", "cash", "other"]
# Its request key, apart from the provider's requests (whose keys go in their metadata, so
# that a provider refund can never be taken for it).
OFFLINE_KEY_PREFIX = "offline:"
MAX_REFERENCE = 200  # order_refund.reason, where its reference is kept


def offline_key(form_key: str) -> str:
    """The request key of the offline refund the admin's form of `form_key` records."""
    return f"{OFFLINE_KEY_PREFIX}{form_key}"


def made_offline(method: str) -> bool:
    """Whether a refund of this method was made outside the payment provider."""
    return method in OFFLINE_METHODS


@dataclass(frozen=True, slots=True)
class OfflineRefund:
    order_id: int
    amount_minor: int
    request_key: str
    method: str  # one of OFFLINE_METHODS
    reference: str  # the transfer's or cheque's reference, or a note; may be empty


@dataclass(frozen=True, slots=True)
class OfflineRecorded:
    """An offline refund as recorded, and the order around it. `created`: this call recorded
    it (False: its key's row was there already, a double submit; the rest is then that row's
    and the order as it stands)."""

    refund_id: int
    amount_minor: int
    method: str
    reference: str
    created: bool
    status_before: str
    refunded_before_minor: int
    status_after: str
    refunded_after_minor: int
    credit_note: str | None = None  # numbered with it, for an invoiced order
    order_id: int = 0  # the order of its row (a key sent again for another one is refused)


# Makes the audit entries of a refund this call recorded, written in its transaction.
AuditOf = Callable[[OfflineRecorded], Sequence[AuditRecord]]


class OfflineRefundStore(Protocol):
    def record(
        self, refund: OfflineRefund, ceiling_minor: int | None, audit: AuditOf
    ) -> OfflineRecorded | Shortfall:
        """In one transaction, the order held: the refund of this request key if recorded
        already (nothing else changes); else refused as `SqlRefundStore.open` refuses a new
        request (`ceiling_minor`: a staff member's limit on the order's refunds together),
        or recorded as gone through, with the order's total and status, its credit note,
        OrderRefunded and `audit(recorded)`."""
        ...
