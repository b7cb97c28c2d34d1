"""The canonical URL of product, listing and policy pages: filters, sort and variant picks
dropped, a policy at the sitemap's URL."""

from __future__ import annotations

import pytest

from storefront.services.canonical import canonical_url

BASE = "https://shop.example"


@pytest.mark.parametrize(
    ("path", "query", "canonical"),
    [
        ("/product/oak-chair", "", f"{BASE}/product/oak-chair"),
        ("/product/oak-chair/", "sku=OAK-1", f"{BASE}/product/oak-chair"),
        ("/category/chairs", "", f"{BASE}/category/chairs"),
        ("/category/chairs", "brand=aalto&sort=price_asc", f"{BASE}/category/chairs"),
        ("/category/chairs", "sort=newest", f"{BASE}/category/chairs"),
        ("/category/chairs", "stock=1&page=2", f"{BASE}/category/chairs"),
        ("/category/chairs", "page=2", f"{BASE}/category/chairs?page=2"),
        ("/category/chairs", "page=1", f"{BASE}/category/chairs"),
        ("/category/chairs", "page=02", f"{BASE}/category/chairs"),
        ("/category/chairs", "page=x", f"{BASE}/category/chairs"),
        ("/category/tom&jerry", "", f"{BASE}/category/tom%26jerry"),
        ("/product/café", "", f"{BASE}/product/caf%C3%A9"),
        ("/policies/terms", "", f"{BASE}/policies/terms"),
        ("/policies/terms/", "from=footer", f"{BASE}/policies/terms"),
        ("/policies/legal/", "", f"{BASE}/policies/legal"),
    ],
)
def test_listing_and_product_urls_name_the_page_they_show(
    path: str, query: str, canonical: str
) -> None:
    assert canonical_url(BASE + "/", path, query) == canonical


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/search",
        "/cart",
        "/admin/products/3",
        "/product/a/b",
        "/category/",
        "/policies/cookies",
        "/policies",
        "/policies/terms/x",
    ],
)
def test_other_pages_have_none(path: str) -> None:
    assert canonical_url(BASE, path, "q=chair") is None


def test_a_page_number_past_the_last_is_lowered_to_it_and_asked_only_then() -> None:
    asked: list[str] = []

    def pages(slug: str) -> int | None:
        asked.append(slug)
        return {"chairs": 3, "lamps": 1}.get(slug)

    assert (
        canonical_url(BASE, "/category/chairs", "page=7", pages) == f"{BASE}/category/chairs?page=3"
    )
    assert (
        canonical_url(BASE, "/category/chairs", "page=2", pages) == f"{BASE}/category/chairs?page=2"
    )
    assert canonical_url(BASE, "/category/lamps", "page=2", pages) == f"{BASE}/category/lamps"
    # Unknown count: the number asked stays.
    assert canonical_url(BASE, "/category/gone", "page=4", pages) == f"{BASE}/category/gone?page=4"
    assert (
        canonical_url(BASE, "/category/chairs", "sort=new&page=4", pages)
        == f"{BASE}/category/chairs"
    )
    assert asked == ["chairs", "chairs", "lamps", "gone"]
