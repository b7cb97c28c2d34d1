"""What a product page tells search engines in schema.org terms (JSON-LD): its name, text,
pictures and brand, an offer per variant (SKU, price, currency, availability, what delivery
costs and where it goes, the window to withdraw and send it back) and its rating, so that a
search result can show its price, stock, delivery, returns and stars.

The server writes it into the product page's HTML (api/page_head.py), for crawlers that run
no script and for those that do (the page's code leaves it where it is)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from models.money import format_major_amount
from storefront.services.catalog import ProductPage
from storefront.services.checkout.pricing import SHIPPING, VAT_RATES, ShippingMethod

SCHEMA = "https://schema.org"
# Characters that would end or confuse the <script> element the JSON sits in, written as
# JSON escapes (the same text to a JSON reader).
_IN_SCRIPT = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


@dataclass(frozen=True, slots=True)
class SalesTerms:
    """What every offer of the shop promises: the countries it delivers to (those checkout
    takes), and the days a buyer has from delivery to withdraw and send the goods back
    (BOUTIQUE_WITHDRAWAL_DAYS, as the refund policy says)."""

    withdrawal_days: int
    countries: tuple[str, ...] = tuple(sorted(VAT_RATES))


def product_data(
    page: ProductPage, url: str, pictures: Sequence[str], terms: SalesTerms | None = None
) -> dict[str, Any]:
    """The product as a schema.org Product; `url`: its page's canonical URL, `pictures`:
    its pictures' absolute URLs, first shown first; `terms`: the shop's delivery and returns,
    said of each offer (none: not said)."""
    product = page.product
    data: dict[str, Any] = {
        "@context": SCHEMA,
        "@type": "Product",
        "name": product.title,
        "url": url,
    }
    if product.description:
        data["description"] = product.description
    if pictures:
        data["image"] = list(pictures)
    if product.brand is not None:
        data["brand"] = {"@type": "Brand", "name": product.brand.name}
    if len(product.variants) == 1:
        data["sku"] = product.variants[0].sku
    data["offers"] = [
        {
            "@type": "Offer",
            "sku": variant.sku,
            "url": f"{url}?sku={quote(variant.sku, safe='')}",
            "price": format_major_amount(variant.price_minor, product.currency),
            "priceCurrency": product.currency,
            "availability": f"{SCHEMA}/{'InStock' if variant.stock > 0 else 'OutOfStock'}",
            "itemCondition": f"{SCHEMA}/NewCondition",
            **(_terms(terms, variant.price_minor, product.currency) if terms else {}),
        }
        for variant in product.variants
    ]
    if product.review_count > 0:
        data["aggregateRating"] = {
            "@type": "AggregateRating",
            "ratingValue": round(product.rating, 1),
            "reviewCount": product.review_count,
            "bestRating": 5,
            "worstRating": 1,
        }
    return data


def _terms(terms: SalesTerms, price_minor: int, currency: str) -> dict[str, Any]:
    """An offer's delivery (standard, free when one unit reaches the free-delivery amount)
    and its return policy, in schema.org terms."""
    data: dict[str, Any] = {
        "hasMerchantReturnPolicy": {
            "@type": "MerchantReturnPolicy",
            "applicableCountry": list(terms.countries),
            "returnPolicyCategory": f"{SCHEMA}/MerchantReturnFiniteReturnWindow",
            "merchantReturnDays": terms.withdrawal_days,
            "returnMethod": f"{SCHEMA}/ReturnByMail",
        }
    }
    rate = SHIPPING.get(currency, {}).get(ShippingMethod.STANDARD)
    if rate is not None:
        free = rate.free_from_minor is not None and price_minor >= rate.free_from_minor
        data["shippingDetails"] = {
            "@type": "OfferShippingDetails",
            "shippingRate": {
                "@type": "MonetaryAmount",
                "value": format_major_amount(0 if free else rate.price_minor, currency),
                "currency": currency,
            },
            "shippingDestination": [
                {"@type": "DefinedRegion", "addressCountry": country} for country in terms.countries
            ],
        }
    return data


def script_text(data: dict[str, Any]) -> str:
    """`data` as JSON that can sit inside a <script> element as it is."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_IN_SCRIPT)
