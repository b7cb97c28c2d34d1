"""An invoice, built from what a paid order stored when it was paid (its lines' prices, VAT
rate and amounts, its address): never from today's catalogue or rates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, tzinfo
from urllib.parse import quote, urlencode

from storefront.services.orders.ports import Address, OrderRecord

INVOICE_PATH = "/api/orders/{reference}/invoice"
ADMIN_INVOICE_PATH = "/api/admin/orders/{reference}/invoice"  # for staff, any order's


def invoice_link(order: OrderRecord, key: str) -> str:
    """Where the order's invoice opens, "" while it has none; with the key the visitor came
    by (a guest's link), or without (its signed-in owner's cookie is enough)."""
    if order.invoice_number is None:
        return ""
    path = INVOICE_PATH.format(reference=quote(order.reference, safe=""))
    return f"{path}?{urlencode({'key': key})}" if key else path


@dataclass(frozen=True, slots=True)
class Seller:
    name: str
    address_lines: tuple[str, ...]
    vat_id: str
    company_id: str


def seller_of(name: str, address: str, vat_id: str, company_id: str) -> Seller:
    """The seller from the settings; the address's lines are split on "|" or newlines."""
    lines = tuple(p.strip() for p in address.replace("\n", "|").split("|") if p.strip())
    return Seller(name, lines, vat_id, company_id)


@dataclass(frozen=True, slots=True)
class InvoiceLine:
    title: str
    options: str
    quantity: int
    unit_price_minor: int  # VAT included, as the order stored it
    vat_rate_bp: int
    total_minor: int


@dataclass(frozen=True, slots=True)
class Invoice:
    number: str
    issued_on: date  # the shop's day it was issued on, as stored with its number
    reference: str
    locale: str
    seller: Seller
    buyer_name: str
    buyer_address: Address
    lines: tuple[InvoiceLine, ...]
    shipping_minor: int
    discount_minor: int
    total_excl_vat_minor: int
    vat_minor: int
    total_incl_vat_minor: int
    vat_rate_bp: int
    currency: str
    # Given back since it was paid (refunds, a cancel): the invoice stands, and says so.
    refunded_minor: int = 0


def build_invoice(order: OrderRecord, seller: Seller, zone: tzinfo) -> Invoice | None:
    """The order's invoice, or None when it has none (not paid, or paid before invoices)."""
    if order.invoice_number is None or order.invoiced_at is None:
        return None
    amounts = order.amounts
    rate = amounts.vat_rate_bp
    return Invoice(
        number=order.invoice_number,
        # As stored when it was issued; an order stored without it (none since 0033) is dated
        # from its instant in today's zone.
        issued_on=order.invoice_date or order.invoiced_at.astimezone(zone).date(),
        reference=order.reference,
        locale=order.locale,
        seller=seller,
        buyer_name=order.address.name,
        buyer_address=order.address,
        lines=tuple(
            InvoiceLine(
                line.title,
                line.options,
                line.quantity,
                line.unit_price_minor,
                rate,
                line.quantity * line.unit_price_minor,
            )
            for line in order.lines
        ),
        shipping_minor=amounts.shipping_minor,
        discount_minor=amounts.discount_minor,
        total_excl_vat_minor=amounts.total_minor - amounts.vat_included_minor,
        vat_minor=amounts.vat_included_minor,
        total_incl_vat_minor=amounts.total_minor,
        vat_rate_bp=rate,
        currency=amounts.currency,
        refunded_minor=order.refunded_minor,
    )
