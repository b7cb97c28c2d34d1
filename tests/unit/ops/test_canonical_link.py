"""Product and category pages answer with a canonical Link header; a 404 and other pages not."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from storefront.api.canonical_link import CanonicalLink
from storefront.bootstrap import Shop, set_shop
from storefront.services.listing_query import ListingQuery


def client_of(shop: Shop, public_url: str) -> TestClient:
    set_shop(replace(shop, settings=shop.settings.model_copy(update={"public_url": public_url})))

    async def page(request: Request) -> PlainTextResponse:
        missing = request.path_params["path"].endswith("gone")
        return PlainTextResponse("<html>", status_code=404 if missing else 200)

    return TestClient(CanonicalLink(Starlette(routes=[Route("/{path:path}", page)])))


@pytest.fixture(autouse=True)
def no_shop_after() -> Iterator[None]:
    yield
    set_shop(None)


def test_a_filtered_listing_names_the_unfiltered_one(fake_shop: Shop) -> None:
    client = client_of(fake_shop, "https://shop.example")
    answer = client.get("/category/chairs?brand=aalto&sort=newest")
    assert answer.headers["link"] == '<https://shop.example/category/chairs>; rel="canonical"'
    answer = client.get("/product/oak-chair?sku=OAK-1")
    assert answer.headers["link"] == '<https://shop.example/product/oak-chair>; rel="canonical"'


def test_no_link_on_a_404_nor_on_other_pages(fake_shop: Shop) -> None:
    client = client_of(fake_shop, "https://shop.example")
    assert client.get("/product/gone").status_code == 404
    assert "link" not in client.get("/product/gone").headers
    for path in ("/", "/search?q=oak", "/cart", "/admin/products"):
        assert "link" not in client.get(path).headers


def test_a_public_url_that_is_not_ascii_only_leaves_the_header_out(fake_shop: Shop) -> None:
    answer = client_of(fake_shop, "https://магазин.example").get("/product/oak-chair")
    assert answer.status_code == 200
    assert "link" not in answer.headers


def test_a_page_past_the_last_names_the_last_page(seeded: Shop) -> None:
    client = client_of(seeded, "https://shop.example")
    chairs = "https://shop.example/category/chairs"
    pages = seeded.catalog.listing(ListingQuery(category_slug="chairs"))
    assert pages is not None
    assert pages.page_count == 2  # 30 chairs
    assert (
        client.get("/category/chairs?page=2").headers["link"]
        == f'<{chairs}?page=2>; rel="canonical"'
    )
    assert (
        client.get("/category/chairs?page=9").headers["link"]
        == f'<{chairs}?page=2>; rel="canonical"'
    )
    # Ten tables fit on one page: page 3 of them is page 1, named without a number.
    tables = "https://shop.example/category/tables"
    assert client.get("/category/tables?page=3").headers["link"] == f'<{tables}>; rel="canonical"'
