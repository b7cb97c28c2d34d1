"""Text of the invoice page (services/invoices/page.py), merged into storefront.i18n.MESSAGES."""

from __future__ import annotations

from typing import Final

INVOICE_MESSAGES: Final[dict[str, dict[str, str]]] = {
    "invoice.title": {"en": "Invoice {number}", "fr": "Facture {number}"},
    "invoice.link": {"en": "Invoice", "fr": "Facture"},
    "invoice.seller": {"en": "Seller", "fr": "Vendeur"},
    "invoice.buyer": {"en": "Billed to", "fr": "Facturé à"},
    "invoice.vat_id": {"en": "VAT number: {value}", "fr": "N° TVA intracommunautaire : {value}"},
    "invoice.company_id": {"en": "Company: {value}", "fr": "Société : {value}"},
    "invoice.number": {"en": "Invoice number: {value}", "fr": "Numéro de facture : {value}"},
    "invoice.issued": {"en": "Issue date: {value}", "fr": "Date d'émission : {value}"},
    "invoice.order": {"en": "Order: {value}", "fr": "Commande : {value}"},
    "invoice.rate": {"en": "{rate}%", "fr": "{rate} %"},
    "invoice.item": {"en": "Item", "fr": "Article"},
    "invoice.quantity": {"en": "Qty", "fr": "Qté"},
    "invoice.unit_price": {"en": "Unit price incl. VAT", "fr": "Prix unitaire TTC"},
    "invoice.vat_rate": {"en": "VAT rate", "fr": "Taux de TVA"},
    "invoice.line_total": {"en": "Total incl. VAT", "fr": "Total TTC"},
    "invoice.shipping": {"en": "Shipping", "fr": "Livraison"},
    "invoice.discount": {"en": "Discount", "fr": "Remise"},
    "invoice.total_excl": {"en": "Total excl. VAT", "fr": "Total HT"},
    "invoice.vat": {"en": "VAT ({rate}%)", "fr": "TVA ({rate} %)"},
    "invoice.total_incl": {"en": "Total incl. VAT", "fr": "Total TTC"},
    "invoice.currency": {"en": "Amounts in {currency}.", "fr": "Montants en {currency}."},
    "invoice.refunded": {
        "en": "Refunded after this invoice: {amount}",
        "fr": "Remboursé après cette facture : {amount}",
    },
    "invoice.print": {"en": "Print", "fr": "Imprimer"},
}
