"""An order's or a cart's amounts as the pages show them (checkout and the order page)."""

from __future__ import annotations

from dataclasses import dataclass

from storefront.services.checkout.pricing import Totals


@dataclass
class AmountsView:
    currency: str = "EUR"
    subtotal_minor: int = 0
    discount_code: str = ""
    discount_minor: int = 0
    shipping_minor: int = 0
    total_minor: int = 0
    vat_rate_bp: int = 0  # basis points: 2550 is 25.5 %
    vat_minor: int = 0
    delivery_added_minor: int = 0  # by the discount code (pricing.Totals)


def amounts_view(totals: Totals, discount_code: str | None) -> AmountsView:
    return AmountsView(
        currency=totals.currency,
        subtotal_minor=totals.subtotal_minor,
        discount_code=discount_code or "",
        discount_minor=totals.discount_minor,
        shipping_minor=totals.shipping_minor,
        total_minor=totals.total_minor,
        vat_rate_bp=totals.vat_rate_bp,
        vat_minor=totals.vat_included_minor,
        delivery_added_minor=totals.delivery_added_minor,
    )
