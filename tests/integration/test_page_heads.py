"""The HTML the server sends for product, category and home pages carries the page's own
title, description and Open Graph tags, read from a real SQLite catalog through the
middlewares as build_api stacks them (canonical link, 404 status, route preload)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from sqlalchemy import text
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from storefront.api.canonical_link import CanonicalLink
from storefront.api.not_found import NotFoundStatus
from storefront.api.route_preload import _HOME, _LOADED, RoutePreload, with_head
from storefront.bootstrap import Shop, set_shop
from tests.integration.catalog_fixtures import seed_small_catalog

BASE = "https://shop.example"
FALLBACK = (
    '<!DOCTYPE html><html><head><meta charSet="utf-8"/>'
    '<link rel="modulepreload" href="/assets/manifest-ab12.js"/></head><body></body></html>'
)
INDEX = (
    '<!DOCTYPE html><html><head><meta charSet="utf-8"/><title>Boutique</title>'
    '<meta content="Furniture, kitchen, fashion and more, chosen to last." name="description"/>'
    '<meta content="favicon.ico" property="og:image"/></head><body><h1>Home</h1></body></html>'
)
ROUTES = {
    "product": {"path": "product/:slug", "module": "/assets/product.js", "imports": []},
    "category": {"path": "category/:slug", "module": "/assets/category.js", "imports": []},
}
EVIL = '"><script>alert(1)</script>'


@pytest.fixture
def shop(sqlite_url: str, make_shop: Callable[..., Shop]) -> Iterator[Shop]:
    shop = make_shop(sqlite_url, public_url=BASE)
    seed_small_catalog(shop)  # 30 chairs, 10 tables: Furniture > Chairs, Tables
    set_shop(shop)
    yield shop
    set_shop(None)


@pytest.fixture
def client(tmp_path: Path, shop: Shop) -> TestClient:
    (tmp_path / "assets").mkdir()
    (tmp_path / "__spa-fallback.html").write_text(FALLBACK)
    (tmp_path / "index.html").write_text(INDEX)
    manifest = "window.__reactRouterManifest=" + json.dumps({"routes": ROUTES}) + ";"
    (tmp_path / "assets" / "manifest-ab12.js").write_text(manifest)
    _LOADED.clear()
    _HOME.clear()
    with_head.cache_clear()

    async def static(_request: object) -> PlainTextResponse:
        return PlainTextResponse("static file")

    inner = Starlette(routes=[Route("/{path:path}", static)])
    return TestClient(CanonicalLink(NotFoundStatus(RoutePreload(inner, static_dir=tmp_path))))


class Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.metas: dict[str, list[str | None]] = {}
        self.titles: list[str] = []
        self.scripts = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "meta" and (key := found.get("name") or found.get("property")):
            self.metas.setdefault(key, []).append(found.get("content"))
        self._in_title = tag == "title"
        self.scripts += tag == "script"

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.titles.append(data)


def head_of(html: str) -> Head:
    head = Head()
    head.feed(html)
    return head


def product(shop: Shop, n: int) -> tuple[str, int]:
    assert shop.engine is not None
    with shop.engine.connect() as db:
        row = db.execute(
            text("select slug, id from product where external_id = :e"), {"e": f"P{n}"}
        ).one()
    return str(row[0]), int(row[1])


def test_a_product_page_arrives_with_its_own_title_text_canonical_url_and_picture(
    client: TestClient, shop: Shop
) -> None:
    slug, _ = product(shop, 3)
    answer = client.get(f"/product/{slug}?variant=SKU-3-1", headers={"accept-encoding": "gzip"})
    assert answer.status_code == 200
    assert answer.headers["content-encoding"] == "gzip"
    assert answer.headers["link"] == f'<{BASE}/product/{slug}>; rel="canonical"'
    head = head_of(answer.text)
    assert head.titles == ["Chair number 3 · Boutique"]
    assert head.metas == {
        "description": ["A sturdy chair."],
        "og:title": ["Chair number 3 · Boutique"],
        "og:description": ["A sturdy chair."],
        "og:type": ["product"],
        "og:url": [f"{BASE}/product/{slug}"],
        "og:image": [f"{BASE}/media/products/P3.svg"],
    }
    assert '<link rel="modulepreload" href="/assets/product.js"/>' in answer.text
    data = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', answer.text)
    assert data is not None
    product_data = json.loads(data.group(1))
    assert (product_data["name"], product_data["url"]) == (
        "Chair number 3",
        f"{BASE}/product/{slug}",
    )
    assert product_data["image"] == [f"{BASE}/media/products/P3.svg"]
    assert [offer["sku"] for offer in product_data["offers"]] == ["SKU-3-0"]
    # The shop's returns window (BOUTIQUE_WITHDRAWAL_DAYS) and delivery, on each offer.
    offer = product_data["offers"][0]
    returns = offer["hasMerchantReturnPolicy"]
    assert returns["merchantReturnDays"] == shop.settings.withdrawal_days
    assert "FR" in returns["applicableCountry"]
    assert offer["shippingDetails"]["shippingRate"]["currency"] == "EUR"


def test_a_product_named_like_markup_is_sent_as_text(client: TestClient, shop: Shop) -> None:
    slug, product_id = product(shop, 4)
    assert shop.engine is not None
    with shop.engine.begin() as db:  # before any read: nothing cached yet
        db.execute(
            text("update product set title = :t where id = :i"), {"t": EVIL, "i": product_id}
        )
    answer = client.get(f"/product/{slug}")
    assert answer.status_code == 200
    head = head_of(answer.text)
    assert head.titles == [f"{EVIL} · Boutique"]
    assert head.metas["og:title"] == [f"{EVIL} · Boutique"]
    # The one removing the written tags and the schema.org data; none from the name.
    assert head.scripts == 2
    assert "<script>alert(1)" not in answer.text
    data = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', answer.text)
    assert data is not None
    assert json.loads(data.group(1))["name"] == EVIL


def test_a_category_page_names_itself_and_shows_its_first_product_picture(
    client: TestClient,
) -> None:
    answer = client.get("/category/tables?sort=price_asc&page=1")
    assert answer.status_code == 200
    head = head_of(answer.text)
    assert head.titles == ["Tables · Boutique"]
    described = "Tables at Boutique: browse, filter and sort the collection, chosen to last."
    assert head.metas["description"] == [described]
    assert head.metas["og:type"] == ["website"]
    assert head.metas["og:url"] == [f"{BASE}/category/tables"]
    [image] = head.metas["og:image"]
    assert image is not None
    assert image.startswith(f"{BASE}/media/products/P")
    assert int(image.rsplit("P", 1)[1].removesuffix(".svg")) in range(31, 41)  # a table's


def test_the_home_page_shows_a_product_picture_not_the_favicon(client: TestClient) -> None:
    plain = {"accept-encoding": "identity"}
    answer = client.get("/", headers=plain)
    assert answer.status_code == 200
    head = head_of(answer.text)
    assert head.titles == ["Boutique"]
    assert head.metas["description"] == ["Furniture, kitchen, fashion and more, chosen to last."]
    assert head.metas["og:url"] == [f"{BASE}/"]
    [image] = head.metas["og:image"]
    assert image is not None
    assert image.startswith(f"{BASE}/media/products/P")
    assert "<h1>Home</h1>" in answer.text  # the prerendered page itself, unchanged
    assert client.head("/", headers=plain).headers["content-length"] == str(len(answer.content))


def test_unknown_pages_still_answer_404_without_a_head_and_others_are_untouched(
    client: TestClient,
) -> None:
    for path in ("/product/no-such-chair", "/category/no-such-category"):
        answer = client.get(path)
        assert answer.status_code == 404
        assert head_of(answer.text).metas == {}  # the bare fallback: not-found page's code
    assert client.get("/cart").text == "static file"
