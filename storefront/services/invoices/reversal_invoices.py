"""A reversal invoice: numbered in the invoices' series, it cancels the credit note of a refund
that failed after it went through (the money came back to the shop, not to the customer).
Numbered documents are never deleted; this one charges again exactly what the note credited,
with the note's own shares by VAT rate (credit_split.py), so that the two cancel to the cent.
A printable page in the order's language, naming the invoice and the note it cancels."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, tzinfo
from html import escape
from urllib.parse import quote, urlencode

from storefront.i18n import normalize_locale, translate
from storefront.i18n_format import format_date, format_money
from storefront.services.invoices.credit_notes import note_shares, shares_table
from storefront.services.invoices.credit_split import RateShare
from storefront.services.invoices.document import Invoice, Seller, build_invoice
from storefront.services.invoices.page import document_head, parties
from storefront.services.orders.ports import OrderRecord

REVERSAL_INVOICE_PATH = "/api/orders/{reference}/invoices/{number}"
ADMIN_REVERSAL_INVOICE_PATH = "/api/admin/orders/{reference}/invoices/{number}"  # staff's


def reversal_invoice_path(order: OrderRecord, number: str, *, admin: bool = False) -> str:
    """Where one of the order's reversal invoices opens (without a key)."""
    path = ADMIN_REVERSAL_INVOICE_PATH if admin else REVERSAL_INVOICE_PATH
    return path.format(reference=quote(order.reference, safe=""), number=quote(number, safe=""))


def reversal_invoice_links(order: OrderRecord, key: str) -> list[tuple[str, str, str]]:
    """(number, the credit note it cancels, link) of each of the order's reversal invoices,
    in the order of their notes; with the key the visitor came by, as credit_note_links."""
    query = f"?{urlencode({'key': key})}" if key else ""
    return [
        (n.reversal.number, n.number, reversal_invoice_path(order, n.reversal.number) + query)
        for n in order.credit_notes
        if n.reversal is not None
    ]


@dataclass(frozen=True, slots=True)
class ReversalInvoice:
    number: str
    issued_on: date  # the shop's day it was issued on, as stored
    invoice: Invoice  # the order's invoice, which the cancelled note corrected
    credit_note: str  # the number of the note it cancels
    credit_note_issued_on: date
    shares: tuple[RateShare, ...]  # the note's own, by VAT rate
    amount_minor: int  # VAT included: the note's

    @property
    def vat_minor(self) -> int:
        return sum(share.vat_minor for share in self.shares)


def build_reversal_invoice(
    order: OrderRecord, number: str, seller: Seller, zone: tzinfo
) -> ReversalInvoice | None:
    """The order's reversal invoice of this number, or None when it has no such invoice."""
    invoice = build_invoice(order, seller, zone)
    if invoice is None:
        return None
    for at, note in enumerate(order.credit_notes):
        if note.reversal is not None and note.reversal.number == number:
            return ReversalInvoice(
                number,
                note.reversal.issue_date,
                invoice,
                note.number,
                note.issue_date,
                note_shares(order)[at],
                note.amount_minor,
            )
    return None


def render_reversal_invoice(document: ReversalInvoice) -> str:
    invoice = document.invoice
    locale = normalize_locale(invoice.locale)

    def t(key: str, **params: object) -> str:
        return escape(translate(locale, key, **params))

    def money(amount_minor: int) -> str:
        return escape(format_money(locale, amount_minor, invoice.currency))

    title = t("invoice.title", number=document.number)
    cancels = t(
        "reversal_invoice.cancels",
        note=document.credit_note,
        note_date=format_date(locale, document.credit_note_issued_on),
        number=invoice.number,
        date=format_date(locale, invoice.issued_on),
    )
    total = t("reversal_invoice.total")
    return (
        document_head(locale, title) + f"<h1>{title}</h1>"
        f"<p>{t('invoice.number', value=document.number)}<br>"
        f"{t('invoice.issued', value=format_date(locale, document.issued_on))}<br>"
        f"{cancels}<br>{t('invoice.order', value=invoice.reference)}</p>"
        f"{parties(invoice, t)}"
        f"<p>{t('reversal_invoice.reason')}</p>"
        f"{shares_table(document.shares, t, money, total, locale)}"
        f"<p>{t('invoice.currency', currency=invoice.currency)}</p>"
        f'<button type="button" onclick="window.print()">{t("invoice.print")}</button>'
        "</body></html>"
    )
