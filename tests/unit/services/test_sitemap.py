"""The sitemap builder over an in-memory catalog: what it lists, how it escapes, how it pages."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta

from models.views import CategoryNode
from storefront.services.category_tree import CategoryTree
from storefront.services.ports import SitemapProduct
from storefront.services.sitemap import Sitemap, w3c_datetime

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
BASE = "https://shop.example"
T0 = datetime(2026, 12, 1, 9, 30, 15, 123456, tzinfo=UTC)
TREE = CategoryTree(
    [
        CategoryNode(1, None, "home", "Home"),
        CategoryNode(2, 1, "kitchen", "Kitchen"),
        CategoryNode(3, 1, "empty-shelf", "Empty shelf"),
        CategoryNode(4, None, "fashion", "Fashion"),
    ]
)
# The policies' pages, in the footer's order, after the categories.
POLICY_PAGES = [
    f"{BASE}/policies/{kind}" for kind in ("terms", "refund", "shipping", "privacy", "legal")
]


class FakeSource:
    """Active products only, as the port promises; counts the reads."""

    def __init__(self, products: list[tuple[int, str, int]]) -> None:
        self.products = [
            (SitemapProduct(pid, slug, T0 + timedelta(days=pid)), category)
            for pid, slug, category in products
        ]
        self.reads: list[tuple[int, int]] = []

    def count_products(self) -> int:
        return len(self.products)

    def products_after(self, after_id: int, limit: int) -> list[SitemapProduct]:
        self.reads.append((after_id, limit))
        return [p for p, _ in self.products if p.id > after_id][:limit]

    def product_id_before(self, position: int) -> int | None:
        if position == 0:
            return 0
        ids = [p.id for p, _ in self.products]
        return ids[position - 1] if position <= len(ids) else None

    def category_updates(self) -> dict[int, datetime]:
        updates: dict[int, datetime] = {}
        for product, category in self.products:
            updates[category] = max(updates.get(category, product.updated_at), product.updated_at)
        return updates


def parse(pieces: object) -> ET.Element:
    assert pieces is not None
    return ET.fromstring("".join(pieces))  # type: ignore[call-overload]


def locations(root: ET.Element) -> list[str]:
    return [loc.text or "" for loc in root.iterfind(".//s:loc", NS)]


def lastmods(root: ET.Element) -> dict[str, str | None]:
    """Each URL's lastmod (None: it has none)."""
    return {
        (url.findtext("s:loc", "", NS)): url.findtext("s:lastmod", None, NS)
        for url in root.iterfind("s:url", NS)
    }


def sitemap(
    source: FakeSource, policies: Mapping[str, datetime | None] | None = None, **limits: int
) -> Sitemap:
    dates = dict(policies or {})
    return Sitemap(source, lambda: TREE, BASE + "/", policy_dates=lambda: dates, **limits)


def test_a_small_catalog_is_one_file_with_home_categories_policies_and_products() -> None:
    source = FakeSource([(10, "oak-chair", 2), (11, "linen-shirt", 4)])
    saved = datetime(2026, 12, 2, 17, 5, 9, tzinfo=UTC)
    root = parse(sitemap(source, {"refund": saved, "terms": None}).root())
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    assert locations(root) == [
        f"{BASE}/",
        f"{BASE}/category/fashion",
        f"{BASE}/category/home",
        f"{BASE}/category/kitchen",
        *POLICY_PAGES,
        f"{BASE}/product/oak-chair",
        f"{BASE}/product/linen-shirt",
    ]
    newest, oak = "2026-12-12T09:30:15+00:00", "2026-12-11T09:30:15+00:00"
    # Home: the newest change; a parent category: the newest in its subtree; a policy: its
    # merchant's last save, none while it is the default text.
    assert lastmods(root) == {
        f"{BASE}/": newest,
        f"{BASE}/category/fashion": newest,
        f"{BASE}/category/home": oak,
        f"{BASE}/category/kitchen": oak,
        f"{BASE}/policies/terms": None,
        f"{BASE}/policies/refund": "2026-12-02T17:05:09+00:00",
        f"{BASE}/policies/shipping": None,
        f"{BASE}/policies/privacy": None,
        f"{BASE}/policies/legal": None,
        f"{BASE}/product/oak-chair": oak,
        f"{BASE}/product/linen-shirt": newest,
    }


def test_an_empty_catalog_still_lists_home_and_the_policies() -> None:
    root = parse(sitemap(FakeSource([])).root())
    assert locations(root) == [f"{BASE}/", *POLICY_PAGES]
    assert set(lastmods(root).values()) == {None}


def test_a_category_without_active_products_is_left_out() -> None:
    source = FakeSource([(10, "oak-chair", 2)])
    listed = locations(parse(sitemap(source).root()))
    assert f"{BASE}/category/empty-shelf" not in listed
    assert f"{BASE}/category/fashion" not in listed
    assert f"{BASE}/category/home" in listed


def test_slugs_are_percent_encoded_and_the_xml_escaped() -> None:
    source = FakeSource([(10, "tom&jerry", 2), (11, "café-crème", 2), (12, "a<b>", 2)])
    text = "".join(sitemap(source).root())
    assert "&" not in text.replace("&amp;", "").replace("&lt;", "").replace("&gt;", "")
    assert locations(ET.fromstring(text))[-3:] == [
        f"{BASE}/product/tom%26jerry",
        f"{BASE}/product/caf%C3%A9-cr%C3%A8me",
        f"{BASE}/product/a%3Cb%3E",
    ]
    assert text.isascii()


def test_a_base_url_with_an_ampersand_is_escaped() -> None:
    built = Sitemap(FakeSource([]), lambda: TREE, "https://a&b.example", policy_dates=dict)
    text = "".join(built.root())
    assert "<loc>https://a&amp;b.example/</loc>" in text
    assert "<loc>https://a&amp;b.example/policies/terms</loc>" in text
    assert locations(ET.fromstring(text))[0] == "https://a&b.example/"


def test_products_are_read_a_chunk_at_a_time_and_streamed() -> None:
    source = FakeSource([(n, f"p{n}", 2) for n in range(1, 26)])
    pieces = list(sitemap(source, chunk=10).root())
    assert source.reads == [(0, 10), (10, 10), (20, 5)]  # never past the count
    assert len(pieces) >= 4  # head and pages, then one piece per chunk
    assert len(locations(ET.fromstring("".join(pieces)))) == 1 + 2 + 5 + 25


def test_past_the_limit_the_root_is_an_index_of_files_that_each_fit() -> None:
    source = FakeSource([(n * 2, f"p{n}", 2) for n in range(1, 24)])  # 23 products
    privacy = T0 + timedelta(days=90)  # saved after every product's change
    built = sitemap(source, {"privacy": privacy}, max_urls=10, chunk=3)
    index = parse(built.root())
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    assert locations(index) == [
        f"{BASE}/sitemap-pages.xml",
        f"{BASE}/sitemap-products-1.xml",
        f"{BASE}/sitemap-products-2.xml",
        f"{BASE}/sitemap-products-3.xml",
    ]
    # The pages' file changed with its newest page (the policy); the products' with theirs.
    assert [m.text for m in index.iterfind(".//s:lastmod", NS)] == [
        w3c_datetime(privacy),
        *[w3c_datetime(T0 + timedelta(days=46))] * 3,
    ]
    assert locations(parse(built.pages_file())) == [
        f"{BASE}/",
        f"{BASE}/category/home",
        f"{BASE}/category/kitchen",
        *POLICY_PAGES,
    ]
    files = [locations(parse(built.products_file(n))) for n in (1, 2, 3)]
    assert [len(f) for f in files] == [10, 10, 3]
    listed = [url for f in files for url in f]
    assert listed == [f"{BASE}/product/p{n}" for n in range(1, 24)]
    assert built.products_file(0) is None
    assert built.products_file(4) is None


def test_exactly_at_the_limit_is_still_one_file() -> None:
    # home + 2 categories + 5 policies + 2 products
    source = FakeSource([(n, f"p{n}", 2) for n in range(1, 3)])
    root = parse(sitemap(source, max_urls=10).root())
    assert root.tag.endswith("urlset")
    assert len(locations(root)) == 10
    source.products.append((SitemapProduct(3, "p3", T0), 2))
    assert parse(sitemap(source, max_urls=10).root()).tag.endswith("sitemapindex")


def test_a_file_whose_products_were_removed_meanwhile_is_empty_not_a_repeat() -> None:
    source = FakeSource([(n, f"p{n}", 2) for n in range(1, 21)])
    built = sitemap(source, max_urls=10)
    pieces = built.products_file(2)
    del source.products[5:]  # ten products removed between the count and the read
    assert locations(parse(pieces)) == []


def test_robots_keeps_crawlers_from_private_pages_and_names_the_sitemap() -> None:
    lines = sitemap(FakeSource([])).robots_txt().splitlines()
    assert lines[0] == "User-agent: *"
    for prefix in ("/admin", "/account", "/cart", "/checkout", "/order/", "/search", "/api/"):
        assert f"Disallow: {prefix}" in lines
    assert "Disallow: /category" not in " ".join(lines)
    assert "Disallow: /product" not in " ".join(lines)
    assert lines[-1] == f"Sitemap: {BASE}/sitemap.xml"
