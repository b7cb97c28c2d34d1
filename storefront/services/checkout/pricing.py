"""Order totals, computed only on the server from the cart as it stands.

Prices are shown and charged VAT included (EU consumer prices). The VAT contained in the
total is reported at the destination country's standard rate (one-stop-shop rules for
distance sales). Amounts are integers in minor units; a percentage discount rounds half up to
the minor unit, never beyond the subtotal.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Literal

from storefront.services.errors import Refusal

# Standard VAT rates by ISO country code, in basis points (hundredths of a percent: 2550 is
# 25.5 %), so that a rate with decimals is exact. Checked against each country's standard rate
# in 2026-12 (Finland's rose from 24 % to 25.5 % on 1 September 2024). A rate changes here, in
# code, and reaches the shop with the next deploy; orders keep the rate they were priced at.
VAT_RATES: dict[str, int] = {
    "FR": 2000, "DE": 1900, "BE": 2100, "NL": 2100, "ES": 2100, "IT": 2200, "PT": 2300,
    "AT": 2000, "IE": 2300, "LU": 1700, "FI": 2550, "SE": 2500, "DK": 2500, "PL": 2300,
}  # fmt: skip
BASIS_POINTS = 10_000  # a whole: 100 %


class ShippingMethod(StrEnum):
    STANDARD = "standard"
    EXPRESS = "express"


@dataclass(frozen=True, slots=True)
class ShippingRate:
    price_minor: int
    free_from_minor: int | None  # free when the discounted subtotal reaches this


# Per currency, in its minor units: the shop charges in one (BOUTIQUE_CURRENCY, which the
# settings accept only when it has rates here).
SHIPPING: dict[str, dict[ShippingMethod, ShippingRate]] = {
    "EUR": {
        ShippingMethod.STANDARD: ShippingRate(490, 5_000),
        ShippingMethod.EXPRESS: ShippingRate(1_290, None),
    },
}


@dataclass(frozen=True, slots=True)
class Discount:
    code: str
    kind: Literal["percent", "fixed"]
    value: int  # percent (1-100) or minor units
    min_subtotal_minor: int = 0
    expires_at: datetime | None = None
    usage_limit: int | None = None
    used: int = 0
    # Of `used`, those counted for other shoppers' orders still awaiting payment: given back
    # if they are canceled (declined, abandoned), so the code may yet apply in a few minutes.
    awaiting: int = 0


@dataclass(frozen=True, slots=True)
class Totals:
    subtotal_minor: int
    discount_minor: int
    shipping_minor: int
    total_minor: int
    vat_rate_bp: int  # basis points: 2550 is 25.5 %
    vat_included_minor: int
    currency: str
    # What delivery costs more because the discount took the goods under free delivery (the
    # checkout says so: a small code could make the order dearer than without it; QA).
    delivery_added_minor: int = 0


def vat_percent_text(rate_bp: int, locale: str = "en") -> str:
    """A rate in basis points as a percentage without trailing zeros, as a reader of `locale`
    writes it: "25.5" and "20" ("25,5" in French); the English form is also the exports'."""
    text = f"{Decimal(rate_bp).scaleb(-2).normalize():f}"
    return text.replace(".", ",") if locale == "fr" else text


class PricingError(Refusal):
    """These choices cannot be priced (country, code)."""


def limit_reached(used: int, awaiting: int, usage_limit: int | None) -> str:
    """ "" while a code may still be used; "held" when its limit is reached only through
    orders awaiting payment (their uses come back if they are canceled unpaid); "used_up"."""
    if usage_limit is None or used < usage_limit:
        return ""
    return "held" if used - awaiting < usage_limit else "used_up"


def check_discount(discount: Discount, subtotal_minor: int, now: datetime) -> None:
    """Raise PricingError when the code cannot apply to this subtotal now."""
    if discount.expires_at is not None and now >= discount.expires_at:
        raise PricingError("checkout.error.discount_expired")
    if reached := limit_reached(discount.used, discount.awaiting, discount.usage_limit):
        raise PricingError(f"checkout.error.discount_{reached}")
    if subtotal_minor < discount.min_subtotal_minor:
        raise PricingError(
            "checkout.error.discount_minimum", amounts={"minimum": discount.min_subtotal_minor}
        )


def discount_amount(discount: Discount, subtotal_minor: int) -> int:
    """What the code takes off: a percentage of the subtotal rounded half up to the cent (as
    the admin's price changes by a percentage round), or its fixed amount; never more than
    the subtotal."""
    if discount.kind == "percent":
        amount = (subtotal_minor * min(max(discount.value, 0), 100) + 50) // 100
    else:
        amount = max(discount.value, 0)
    return min(amount, subtotal_minor)


def totals(
    subtotal_minor: int,
    *,
    country: str,
    method: ShippingMethod,
    currency: str,
    discount: Discount | None = None,
    now: datetime,
) -> Totals:
    """The amounts to charge; nothing the browser sends besides these choices counts."""
    if subtotal_minor < 0:
        raise PricingError("checkout.error.amount")
    rate = VAT_RATES.get(country.upper())
    if rate is None:
        raise PricingError("checkout.error.country")
    reduction = 0
    if discount is not None:
        check_discount(discount, subtotal_minor, now)
        reduction = discount_amount(discount, subtotal_minor)
    goods = subtotal_minor - reduction
    shipping_minor = shipping_price(method, currency, goods)
    total = goods + shipping_minor
    # Integer arithmetic, half up: total * rate / (1 + rate), the rate in basis points.
    whole = BASIS_POINTS + rate
    vat = (2 * total * rate + whole) // (2 * whole)
    added = shipping_minor - shipping_price(method, currency, subtotal_minor)
    return Totals(subtotal_minor, reduction, shipping_minor, total, rate, vat, currency, added)


def shipping_price(method: ShippingMethod, currency: str, goods_minor: int) -> int:
    """What delivery by `method` costs for goods worth `goods_minor` (after discount)."""
    rate = SHIPPING[currency][method]
    free = rate.free_from_minor is not None and goods_minor >= rate.free_from_minor
    return 0 if free else rate.price_minor


def standard_delivery_price(currency: str) -> int | None:
    """What standard delivery costs in `currency` below its free threshold (None: no rates)."""
    rate = SHIPPING.get(currency, {}).get(ShippingMethod.STANDARD)
    return rate.price_minor if rate else None


def free_delivery_from(currency: str) -> int | None:
    """The goods' worth (after discount) from which standard delivery is free; None when it
    never is in `currency`."""
    rate = SHIPPING.get(currency, {}).get(ShippingMethod.STANDARD)
    return rate.free_from_minor if rate else None


def shipping_prices(priced: Totals) -> dict[str, int]:
    """What each method would cost for the goods of `priced`: shown beside each choice."""
    goods = priced.subtotal_minor - priced.discount_minor
    return {m.value: shipping_price(m, priced.currency, goods) for m in ShippingMethod}
