"""A credit note (avoir) of an invoice: one refund that went through, with the invoice's seller
and buyer, the invoice it corrects, and its amount split by VAT rate (credit_split.py), as a
printable page in the order's language."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, tzinfo
from html import escape
from urllib.parse import quote, urlencode

from storefront.i18n import normalize_locale, translate
from storefront.i18n_format import format_date, format_money
from storefront.services.checkout.pricing import vat_percent_text
from storefront.services.invoices.credit_split import RateShare, RateTotal, split_credit_notes
from storefront.services.invoices.document import Invoice, Seller, build_invoice
from storefront.services.invoices.page import document_head, parties
from storefront.services.orders.ports import OrderRecord

CREDIT_NOTE_PATH = "/api/orders/{reference}/credit-notes/{number}"
ADMIN_CREDIT_NOTE_PATH = "/api/admin/orders/{reference}/credit-notes/{number}"  # staff's


def credit_note_path(order: OrderRecord, number: str, *, admin: bool = False) -> str:
    """Where one of the order's credit notes opens (without a key)."""
    path = ADMIN_CREDIT_NOTE_PATH if admin else CREDIT_NOTE_PATH
    return path.format(reference=quote(order.reference, safe=""), number=quote(number, safe=""))


def credit_note_links(order: OrderRecord, key: str) -> list[tuple[str, str]]:
    """(number, link) of each of the order's credit notes, oldest first; with the key the
    visitor came by, as invoice_link."""
    query = f"?{urlencode({'key': key})}" if key else ""
    return [(n.number, credit_note_path(order, n.number) + query) for n in order.credit_notes]


@dataclass(frozen=True, slots=True)
class CreditNote:
    number: str
    issued_on: date  # the shop's day it was issued on, as stored
    invoice: Invoice  # the invoice it corrects: seller, buyer, number, date
    shares: tuple[RateShare, ...]  # its amount by VAT rate
    amount_minor: int  # VAT included

    @property
    def vat_minor(self) -> int:
        return sum(share.vat_minor for share in self.shares)


def build_credit_note(
    order: OrderRecord, number: str, seller: Seller, zone: tzinfo
) -> CreditNote | None:
    """The order's credit note of this number, or None when it has no such note."""
    invoice = build_invoice(order, seller, zone)
    numbers = [note.number for note in order.credit_notes]
    if invoice is None or number not in numbers:
        return None
    at = numbers.index(number)
    note = order.credit_notes[at]
    return CreditNote(number, note.issue_date, invoice, note_shares(order)[at], note.amount_minor)


def note_shares(order: OrderRecord) -> list[tuple[RateShare, ...]]:
    """Each of the order's credit notes' shares by VAT rate, oldest first: a note cancelled by
    a reversal invoice no longer counts from the first note issued at or after that invoice."""
    amounts, notes = order.amounts, order.credit_notes
    rates = [RateTotal(amounts.vat_rate_bp, amounts.total_minor, amounts.vat_included_minor)]
    cancelled: dict[int, list[int]] = {}
    for k, note in enumerate(notes):
        if note.reversal is None:
            continue
        at = note.reversal.issued_at
        later = [j for j in range(k + 1, len(notes)) if notes[j].issued_at >= at]
        if later:
            cancelled.setdefault(later[0], []).append(k)
    return split_credit_notes(rates, [note.amount_minor for note in notes], cancelled)


def shares_table(
    shares: tuple[RateShare, ...],
    t: Callable[..., str],
    money: Callable[[int], str],
    total_label: str,
    locale: str,
) -> str:
    """A document's amount by VAT rate (excl. VAT, VAT, incl. VAT), and its total row."""
    rows = "".join(
        f"<tr><td>{t('invoice.rate', rate=vat_percent_text(s.rate_bp, locale))}</td>"
        f'<td class="n">{money(s.excl_vat_minor)}</td><td class="n">{money(s.vat_minor)}</td>'
        f'<td class="n">{money(s.incl_vat_minor)}</td></tr>'
        for s in shares
        if s.incl_vat_minor or len(shares) == 1
    )
    incl = sum(s.incl_vat_minor for s in shares)
    vat = sum(s.vat_minor for s in shares)
    total = (
        f"<tr><td><strong>{total_label}</strong></td>"
        f'<td class="n"><strong>{money(incl - vat)}</strong></td>'
        f'<td class="n"><strong>{money(vat)}</strong></td>'
        f'<td class="n"><strong>{money(incl)}</strong></td></tr>'
    )
    return (
        f'<table><thead><tr><th>{t("invoice.vat_rate")}</th><th class="n">'
        f'{t("credit_note.excl")}</th><th class="n">{t("credit_note.vat")}</th>'
        f'<th class="n">{t("credit_note.incl")}</th></tr></thead>'
        f'<tbody>{rows}</tbody><tbody class="totals">{total}</tbody></table>'
    )


def render_credit_note(note: CreditNote) -> str:
    invoice = note.invoice
    locale = normalize_locale(invoice.locale)

    def t(key: str, **params: object) -> str:
        return escape(translate(locale, key, **params))

    def money(amount_minor: int) -> str:
        return escape(format_money(locale, amount_minor, invoice.currency))

    title = t("credit_note.title", number=note.number)
    return (
        document_head(locale, title) + f"<h1>{title}</h1>"
        f"<p>{t('credit_note.number', value=note.number)}<br>"
        f"{t('invoice.issued', value=format_date(locale, note.issued_on))}<br>"
        + t(
            "credit_note.corrects",
            number=invoice.number,
            date=format_date(locale, invoice.issued_on),
        )
        + f"<br>{t('invoice.order', value=invoice.reference)}</p>"
        f"{parties(invoice, t)}"
        f"<p>{t('credit_note.refund')}</p>"
        f"{shares_table(note.shares, t, money, t('credit_note.total'), locale)}"
        f"<p>{t('invoice.currency', currency=invoice.currency)}</p>"
        f'<button type="button" onclick="window.print()">{t("invoice.print")}</button>'
        "</body></html>"
    )
