"""An invoice as a printable HTML page, in the order's language: its dates, amounts and the
buyer's country written as the shop's pages write them for that language. Every value is
escaped: the buyer's name and address and the lines' titles are text someone typed."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from storefront.i18n import country_name, normalize_locale, translate
from storefront.i18n_format import format_date, format_money
from storefront.services.checkout.pricing import vat_percent_text
from storefront.services.invoices.document import Invoice

# On a phone (the viewport meta makes it lay the page out at its own width: it drew it 980 px
# wide and shrunk it; QA), the seller and the buyer stack, and each line of the invoice's
# table is a block: the item on its own line, then its quantity, price and VAT rate, each
# named by its column's heading (data-label), as a receipt reads. Printing keeps the table.
STYLE = """
body{font-family:system-ui,sans-serif;color:#111;max-width:52rem;margin:2rem auto;padding:0 1rem}
table{width:100%;border-collapse:collapse;margin:1.5rem 0}
th,td{padding:.4rem;border-bottom:1px solid #ccc;text-align:left;overflow-wrap:anywhere}
td.n,th.n{text-align:right;white-space:nowrap}.parties{display:flex;flex-wrap:wrap;gap:0 3rem}
.totals td{border:none}
button{font:inherit;padding:.6rem 1.2rem;min-height:44px}
@media print{button{display:none}}
@media screen and (max-width:36rem){
body{margin:1rem auto;line-height:1.4}h1{font-size:1.5rem}h2{font-size:1.1rem;margin-bottom:.3rem}
.parties{display:block}th,td{padding:.4rem .25rem}
table.lines thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
table.lines,table.lines tbody,table.lines tr{display:block}
table.lines tbody:first-of-type tr{padding:.5rem 0;border-bottom:1px solid #ccc}
table.lines tbody:first-of-type td{display:flex;justify-content:space-between;gap:1rem;
border:none;padding:.1rem 0}
table.lines tbody:first-of-type td::before{content:attr(data-label);color:#444;text-align:left}
table.lines tbody:first-of-type td:first-child{display:block;font-weight:600}
table.lines tbody:first-of-type td:first-child::before{content:none}
table.lines .totals tr{display:flex;justify-content:space-between;gap:1rem}
table.lines .totals td{padding:.2rem 0}
}
"""
# Laid out at the device's width, at its own scale: phones drew the page 980 px wide.
VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1">'


def document_head(locale: str, title: str) -> str:
    """The start of an invoice's (or a credit note's) page, up to its body: its language,
    title, viewport and style; `title` escaped already."""
    return (
        f'<!DOCTYPE html><html lang="{locale}"><head><meta charset="utf-8">{VIEWPORT}'
        f"<title>{title}</title><style>{STYLE}</style></head><body>"
    )


def render_invoice(invoice: Invoice) -> str:
    locale = normalize_locale(invoice.locale)

    def t(key: str, **params: object) -> str:
        return escape(translate(locale, key, **params))

    def money(amount_minor: int) -> str:
        return escape(format_money(locale, amount_minor, invoice.currency))

    rate = vat_percent_text(invoice.vat_rate_bp, locale)

    def cell(key: str, value: str) -> str:  # named by its column, for a phone's layout
        return f'<td class="n" data-label="{t(key)}">{value}</td>'

    rows = "".join(
        f"<tr><td>{escape(line.title)}"
        + (f"<br><small>{escape(line.options)}</small>" if line.options else "")
        + "</td>"
        + cell("invoice.quantity", str(line.quantity))
        + cell("invoice.unit_price", money(line.unit_price_minor))
        + cell(
            "invoice.vat_rate", t("invoice.rate", rate=vat_percent_text(line.vat_rate_bp, locale))
        )
        + cell("invoice.line_total", money(line.total_minor))
        + "</tr>"
        for line in invoice.lines
    )
    totals = [(t("invoice.shipping"), money(invoice.shipping_minor))]
    if invoice.discount_minor:
        totals.append((t("invoice.discount"), "−" + money(invoice.discount_minor)))
    totals += [
        (t("invoice.total_excl"), money(invoice.total_excl_vat_minor)),
        (t("invoice.vat", rate=rate), money(invoice.vat_minor)),
        (
            f"<strong>{t('invoice.total_incl')}</strong>",
            f"<strong>{money(invoice.total_incl_vat_minor)}</strong>",
        ),
    ]
    total_rows = "".join(
        f'<tr><td colspan="4" class="n">{label}</td><td class="n">{value}</td></tr>'
        for label, value in totals
    )
    given_back = format_money(locale, invoice.refunded_minor, invoice.currency)
    refunded = (
        f"<p><strong>{t('invoice.refunded', amount=given_back)}</strong></p>"
        if invoice.refunded_minor
        else ""
    )
    title = t("invoice.title", number=invoice.number)
    return (
        document_head(locale, title) + f"<h1>{title}</h1>"
        f"<p>{t('invoice.number', value=invoice.number)}<br>"
        f"{t('invoice.issued', value=format_date(locale, invoice.issued_on))}<br>"
        f"{t('invoice.order', value=invoice.reference)}</p>"
        f"{parties(invoice, t)}"
        f'<table class="lines"><thead><tr><th>{t("invoice.item")}</th><th class="n">'
        f'{t("invoice.quantity")}</th><th class="n">{t("invoice.unit_price")}</th><th class="n">'
        f'{t("invoice.vat_rate")}</th><th class="n">{t("invoice.line_total")}</th></tr>'
        f'</thead><tbody>{rows}</tbody><tbody class="totals">{total_rows}</tbody></table>'
        f"{refunded}"
        f"<p>{t('invoice.currency', currency=invoice.currency)}</p>"
        f'<button type="button" onclick="window.print()">{t("invoice.print")}</button>'
        "</body></html>"
    )


def parties(invoice: Invoice, t: Callable[..., str]) -> str:
    """The seller and the buyer, side by side, as on the invoice (its credit notes too)."""
    seller, buyer = invoice.seller, invoice.buyer_address
    locale = normalize_locale(invoice.locale)
    seller_lines = [seller.name, *seller.address_lines]
    buyer_lines = [buyer.name, buyer.line1, buyer.line2, f"{buyer.postal_code} {buyer.city}"]
    # Not the buyer's email: the invoice opens by the order's link, and its cancel asks for
    # that email of whoever holds the link (services/orders/cancel_rules.needs_email).
    buyer_lines.append(country_name(locale, buyer.country))
    return (
        '<div class="parties">'
        f"<section><h2>{t('invoice.seller')}</h2><p>{_lines(seller_lines)}<br>"
        f"{t('invoice.vat_id', value=seller.vat_id)}<br>"
        f"{t('invoice.company_id', value=seller.company_id)}</p></section>"
        f"<section><h2>{t('invoice.buyer')}</h2><p>{_lines(buyer_lines)}</p></section></div>"
    )


def _lines(lines: list[str]) -> str:
    return "<br>".join(escape(line) for line in lines if line.strip())
