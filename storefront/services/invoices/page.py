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

STYLE = """
body{font-family:system-ui,sans-serif;color:#111;max-width:52rem;margin:2rem auto;padding:0 1rem}
table{width:100%;border-collapse:collapse;margin:1.5rem 0}
th,td{padding:.4rem;border-bottom:1px solid #ccc;text-align:left}
td.n,th.n{text-align:right}.parties{display:flex;gap:3rem}.totals td{border:none}
@media print{button{display:none}}
"""


def render_invoice(invoice: Invoice) -> str:
    locale = normalize_locale(invoice.locale)

    def t(key: str, **params: object) -> str:
        return escape(translate(locale, key, **params))

    def money(amount_minor: int) -> str:
        return escape(format_money(locale, amount_minor, invoice.currency))

    rate = vat_percent_text(invoice.vat_rate_bp, locale)
    rows = "".join(
        f"<tr><td>{escape(line.title)}"
        + (f"<br><small>{escape(line.options)}</small>" if line.options else "")
        + f'</td><td class="n">{line.quantity}</td><td class="n">{money(line.unit_price_minor)}'
        f'</td><td class="n">{t("invoice.rate", rate=vat_percent_text(line.vat_rate_bp, locale))}'
        "</td>"
        f'<td class="n">{money(line.total_minor)}</td></tr>'
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
        f'<!DOCTYPE html><html lang="{locale}"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>{STYLE}</style></head><body>"
        f"<h1>{title}</h1>"
        f"<p>{t('invoice.number', value=invoice.number)}<br>"
        f"{t('invoice.issued', value=format_date(locale, invoice.issued_on))}<br>"
        f"{t('invoice.order', value=invoice.reference)}</p>"
        f"{parties(invoice, t)}"
        f'<table><thead><tr><th>{t("invoice.item")}</th><th class="n">{t("invoice.quantity")}'
        f'</th><th class="n">{t("invoice.unit_price")}</th><th class="n">'
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
