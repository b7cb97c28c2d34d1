"""A product page's schema.org data: what a search result can show of it, and JSON that
cannot end the <script> element it sits in."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from models.views import BrandView, ProductDetail, VariantView
from storefront.api.page_head import rewrite_head
from storefront.services.catalog import ProductPage
from storefront.services.page_meta import PageHead
from storefront.services.structured_data import SalesTerms, product_data, script_text
from tests.unit.test_page_head import HEAD, TEMPLATE, parse

URL = "https://shop.example/product/oak-chair"
NOW = datetime(2026, 12, 1, tzinfo=UTC)


def variant(sku: str, price_minor: int, stock: int) -> VariantView:
    return VariantView(
        id=len(sku),
        sku=sku,
        title=sku,
        options={"size": sku[-1]},
        price_minor=price_minor,
        compare_at_minor=None,
        stock=stock,
        image_path=None,
    )


def page(*variants: VariantView, reviews: int = 0, brand: bool = True) -> ProductPage:
    product = ProductDetail(
        id=1,
        slug="oak-chair",
        title="Oak chair",
        description="Solid oak, oiled by hand.",
        brand=BrandView(1, "nordwood", "Nordwood") if brand else None,
        category_id=None,
        currency="EUR",
        price_minor=min(v.price_minor for v in variants),
        compare_at_minor=None,
        stock=sum(v.stock for v in variants),
        rating=4.26 if reviews else 0.0,
        review_count=reviews,
        attributes={},
        variants=variants,
        images=(),
        image_path=None,
        created_at=NOW,
        updated_at=NOW,
    )
    return ProductPage(product=product, breadcrumbs=(), options=())


def test_a_product_offers_each_variant_with_its_price_and_stock() -> None:
    data = product_data(
        page(variant("OAK-S", 12900, 3), variant("OAK/L", 14950, 0), reviews=12),
        URL,
        ["https://shop.example/media/oak.jpg"],
    )
    assert data["@context"] == "https://schema.org"
    assert (data["@type"], data["name"], data["url"]) == ("Product", "Oak chair", URL)
    assert data["description"] == "Solid oak, oiled by hand."
    assert data["image"] == ["https://shop.example/media/oak.jpg"]
    assert data["brand"] == {"@type": "Brand", "name": "Nordwood"}
    assert "sku" not in data  # two variants: each offer names its own
    assert [(o["sku"], o["price"], o["availability"]) for o in data["offers"]] == [
        ("OAK-S", "129.00", "https://schema.org/InStock"),
        ("OAK/L", "149.50", "https://schema.org/OutOfStock"),
    ]
    assert data["offers"][1]["url"] == f"{URL}?sku=OAK%2FL"  # the page showing that variant
    assert {o["priceCurrency"] for o in data["offers"]} == {"EUR"}
    assert data["aggregateRating"] == {
        "@type": "AggregateRating",
        "ratingValue": 4.3,
        "reviewCount": 12,
        "bestRating": 5,
        "worstRating": 1,
    }


def test_each_offer_says_what_delivery_costs_where_and_the_days_to_send_it_back() -> None:
    terms = SalesTerms(withdrawal_days=30, countries=("DE", "FR"))
    data = product_data(page(variant("OAK-S", 4999, 3), variant("OAK-L", 5000, 1)), URL, [], terms)
    below, free = data["offers"]
    # Standard delivery, 4.90 EUR, free from 50.00 EUR (one unit of the dearer size reaches it).
    assert below["shippingDetails"]["shippingRate"] == {
        "@type": "MonetaryAmount",
        "value": "4.90",
        "currency": "EUR",
    }
    assert free["shippingDetails"]["shippingRate"]["value"] == "0.00"
    assert below["shippingDetails"]["shippingDestination"] == [
        {"@type": "DefinedRegion", "addressCountry": "DE"},
        {"@type": "DefinedRegion", "addressCountry": "FR"},
    ]
    assert free["hasMerchantReturnPolicy"] == {
        "@type": "MerchantReturnPolicy",
        "applicableCountry": ["DE", "FR"],
        "returnPolicyCategory": "https://schema.org/MerchantReturnFiniteReturnWindow",
        "merchantReturnDays": 30,
        "returnMethod": "https://schema.org/ReturnByMail",
    }


def test_the_shop_s_terms_name_every_country_checkout_takes() -> None:
    assert {"FR", "FI"} <= set(SalesTerms(14).countries)
    # Terms not given (a page read without the shop's settings): the offers say nothing of them.
    offer = product_data(page(variant("OAK-S", 12900, 3)), URL, [])["offers"][0]
    assert not {"shippingDetails", "hasMerchantReturnPolicy"} & set(offer)


def test_no_reviews_no_brand_no_picture_say_nothing_of_them() -> None:
    data = product_data(page(variant("OAK-S", 12900, 3), brand=False), URL, [])
    assert data["sku"] == "OAK-S"
    for absent in ("aggregateRating", "brand", "image"):
        assert absent not in data


def test_a_name_like_markup_cannot_end_the_script() -> None:
    data = {"name": "</script><script>alert(1)</script> & <!-- more"}
    text = script_text(data)
    assert not {"<", ">", "&"} & set(text)
    assert json.loads(text) == data


def test_the_data_goes_at_the_end_of_the_body_once() -> None:
    text = script_text({"@type": "Product", "name": "</script>x"})
    html = rewrite_head(TEMPLATE, PageHead(HEAD.title, "", "product", URL, "", structured=text))
    tags = parse(html)
    scripts = [attrs for tag, attrs in tags.elements if tag == "script"]
    assert [a.get("type") for a in scripts] == [None, "application/ld+json"]
    assert json.loads(tags.scripts[-1]) == {"@type": "Product", "name": "</script>x"}
    assert html.endswith(f"{tags.scripts[-1]}</script></body></html>")
    # A page without data (a category, the home page) has none.
    assert "ld+json" not in rewrite_head(TEMPLATE, HEAD)
