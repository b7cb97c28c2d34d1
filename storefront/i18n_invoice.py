"""Text of the invoice page (services/invoices/page.py), merged into storefront.i18n.MESSAGES.

A printed page: French has a narrow no-break space (U+202F) before ":" and "%", so that
neither ever starts a line (tests/unit/test_invoice_document.py checks it)."""

from __future__ import annotations

from typing import Final

INVOICE_MESSAGES: Final[dict[str, dict[str, str]]] = {
    "invoice.title": {"en": "Invoice {number}", "fr": "Facture {number}"},
    "invoice.link": {"en": "Invoice", "fr": "Facture"},
    # The plain-text answer to an address that shows no invoice or credit note (404).
    "invoice.missing": {"en": "No such invoice.", "fr": "Facture introuvable."},
    "invoice.missing_note": {"en": "No such credit note.", "fr": "Avoir introuvable."},
    "invoice.missing_staff": {
        "en": "No such invoice, or staff only.",
        "fr": "Facture introuvable, ou réservée à l’équipe.",
    },
    "invoice.missing_note_staff": {
        "en": "No such credit note, or staff only.",
        "fr": "Avoir introuvable, ou réservé à l’équipe.",
    },
    "invoice.seller": {"en": "Seller", "fr": "Vendeur"},
    "invoice.buyer": {"en": "Billed to", "fr": "Facturé à"},
    "invoice.vat_id": {
        "en": "VAT number: {value}",
        "fr": "N° TVA intracommunautaire\u202f: {value}",
    },
    "invoice.company_id": {"en": "Company: {value}", "fr": "Société\u202f: {value}"},
    "invoice.number": {"en": "Invoice number: {value}", "fr": "Numéro de facture\u202f: {value}"},
    "invoice.issued": {"en": "Issue date: {value}", "fr": "Date d’émission\u202f: {value}"},
    "invoice.order": {"en": "Order: {value}", "fr": "Commande\u202f: {value}"},
    "invoice.rate": {"en": "{rate}%", "fr": "{rate}\u202f%"},
    "invoice.item": {"en": "Item", "fr": "Article"},
    "invoice.quantity": {"en": "Qty", "fr": "Qté"},
    "invoice.unit_price": {"en": "Unit price incl. VAT", "fr": "Prix unitaire TTC"},
    "invoice.vat_rate": {"en": "VAT rate", "fr": "Taux de TVA"},
    "invoice.line_total": {"en": "Total incl. VAT", "fr": "Total TTC"},
    "invoice.shipping": {"en": "Shipping", "fr": "Livraison"},
    "invoice.discount": {"en": "Discount", "fr": "Remise"},
    "invoice.total_excl": {"en": "Total excl. VAT", "fr": "Total HT"},
    "invoice.vat": {"en": "VAT ({rate}%)", "fr": "TVA ({rate}\u202f%)"},
    "invoice.total_incl": {"en": "Total incl. VAT", "fr": "Total TTC"},
    "invoice.currency": {"en": "Amounts in {currency}.", "fr": "Montants en {currency}."},
    "invoice.refunded": {
        "en": "Refunded after this invoice: {amount}",
        "fr": "Remboursé après cette facture\u202f: {amount}",
    },
    "invoice.print": {"en": "Print", "fr": "Imprimer"},
    # A credit note (services/invoices/credit_notes.py): a refund of an invoiced order.
    "credit_note.title": {"en": "Credit note {number}", "fr": "Avoir {number}"},
    "credit_note.link": {"en": "Credit note", "fr": "Avoir"},
    "credit_note.number": {
        "en": "Credit note number: {value}",
        "fr": "Numéro d’avoir\u202f: {value}",
    },
    "credit_note.corrects": {
        "en": "Credit note to invoice {number} of {date}",
        "fr": "Avoir sur la facture {number} du {date}",
    },
    "credit_note.refund": {
        "en": "Refund of part or all of the amount of this invoice.",
        "fr": "Remboursement de tout ou partie du montant de cette facture.",
    },
    "credit_note.excl": {"en": "Excl. VAT", "fr": "HT"},
    "credit_note.vat": {"en": "VAT", "fr": "TVA"},
    "credit_note.incl": {"en": "Incl. VAT", "fr": "TTC"},
    "credit_note.total": {"en": "Total credited", "fr": "Total de l’avoir"},
    # A reversal invoice (services/invoices/reversal_invoices.py): it cancels the credit note
    # of a refund that failed after it went through.
    "reversal_invoice.cancels": {
        "en": "Cancels credit note {note} of {note_date} to invoice {number} of {date}",
        "fr": "Annule l’avoir {note} du {note_date} sur la facture {number} du {date}",
    },
    "reversal_invoice.reason": {
        "en": "The refund of this credit note failed: its amount came back to the seller,"
        " not to the buyer.",
        "fr": "Le remboursement de cet avoir a échoué : son montant est revenu au vendeur,"
        " non à l’acheteur.",
    },
    "reversal_invoice.total": {"en": "Total invoiced", "fr": "Total de la facture"},
    "reversal_invoice.link_cancels": {"en": "cancelling credit note", "fr": "annulant l’avoir"},
}
