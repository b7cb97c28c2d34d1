"""A row of the refunds download (services/admin/refund_export.py), as the admin's store
reads it: a refund that went through, or one that failed after it went through."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storefront.services.orders.refunds import refund_made_at_provider


@dataclass(frozen=True, slots=True)
class RefundEntry:
    """A refund that went through, with what the books need of its order; or, `reversal`,
    one that failed after it went through (a closed card), dated when the shop heard so:
    its money and VAT came back to the shop."""

    id: int
    refunded_at: datetime  # of a reversal: when the shop heard that the refund failed
    amount_minor: int
    reason: str
    request_key: str
    provider_refund_id: str | None
    order_reference: str
    order_placed_at: datetime
    email: str
    currency: str
    order_total_minor: int
    vat_rate_bp: int  # basis points: 2550 is 25.5 %
    order_vat_minor: int  # the VAT the order's total included
    refunded_before_minor: int  # the order's refunds that went through before this one
    reversal: bool = False
    invoice_number: str | None = None  # the order's
    credit_note: str | None = None  # the number of the refund's credit note
    reversal_invoice: str | None = None  # of a reversal: the invoice cancelling that note
    note_vat_minor: int | None = None  # the VAT its credit note carries, if it has one
    method: str = ""  # how it went back, when not through the provider (offline_refunds.py)

    @property
    def made_at_provider(self) -> bool:
        return refund_made_at_provider(self.request_key)

    @property
    def vat_minor(self) -> int:
        """The VAT this refund gives back: its credit note's (and so its reversal invoice's),
        to the cent; with no note (an order without an invoice), the order's in proportion,
        counted on what is refunded so far (so an order's refunds together give back its VAT
        to the cent, however they split it)."""
        if self.note_vat_minor is not None:
            return self.note_vat_minor
        before = self.refunded_before_minor
        return self._vat_of(before + self.amount_minor) - self._vat_of(before)

    def _vat_of(self, refunded_minor: int) -> int:
        if self.order_total_minor <= 0:
            return 0
        share = refunded_minor * self.order_vat_minor
        return (2 * share + self.order_total_minor) // (2 * self.order_total_minor)
