"""What a product page tells search engines in schema.org terms (JSON-LD): its name, text,
pictures and brand, an offer per variant (SKU, price, currency, availability) and its
rating, so that a search result can show its price, stock and stars.

The server writes it into the product page's HTML (api/page_head.py), for crawlers that run
no script and for those that do (the page's code leaves it where it is)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from models.money import format_major_amount
from storefront.services.catalog import ProductPage

SCHEMA = "https://schema.org"
# Characters that would end or confuse the <script> element the JSON sits in, written as
# JSON escapes (the same text to a JSON reader).
_IN_SCRIPT = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def product_data(page: ProductPage, url: str, pictures: Sequence[str]) -> dict[str, Any]:
    """The product as a schema.org Product; `url`: its page's canonical URL, `pictures`:
    its pictures' absolute URLs, first shown first."""
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


def script_text(data: dict[str, Any]) -> str:
    """`data` as JSON that can sit inside a <script> element as it is."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_IN_SCRIPT)
