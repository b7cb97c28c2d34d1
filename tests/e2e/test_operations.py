"""What an operator sees of the running shop: probes, request ids, Prometheus metrics."""

from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ET

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_cart import open_first_featured_product

pytestmark = pytest.mark.e2e
GROUPS = ("catalog-cache", "order-mail", "sales-stats")
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def sample(metrics: str, name: str, **labels: str) -> float | None:
    """The value of one sample, labels matched in any order; None when absent."""
    for line in metrics.splitlines():
        if not line.startswith(name + "{") and not line.startswith(name + " "):
            continue
        head, _, value = line.rpartition(" ")
        if all(f'{key}="{val}"' in head for key, val in labels.items()):
            return float(value)
    return None


def settled(metrics: str) -> bool:
    """The cache's hits copied into the metrics, the outbox relayed, every group caught up."""
    return (
        bool(sample(metrics, "boutique_cache_lookups_total", result="hit"))
        and sample(metrics, "boutique_outbox_backlog") == 0
        and all(sample(metrics, "boutique_stream_lag", group=group) == 0 for group in GROUPS)
    )


def test_sitemap_robots_and_canonical_links_are_the_shops_own(shop_url: str) -> None:
    """In the production start the backend's /sitemap.xml answers, not a file of the build
    (Reflex's sitemap plugin is disabled), listing the catalog under the public URL."""
    public = "http://localhost:3000"  # BOUTIQUE_PUBLIC_URL's default, unset in these tests
    answer = httpx.get(f"{shop_url}/sitemap.xml")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/xml; charset=utf-8"
    assert answer.headers["cache-control"] == "public, max-age=3600"
    root = ET.fromstring(answer.text)
    locations = [loc.text or "" for loc in root.iter(f"{{{SITEMAP_NS}}}loc")]
    assert locations[0] == f"{public}/"
    assert any(url.startswith(f"{public}/category/") for url in locations)
    products = [url for url in locations if url.startswith(f"{public}/product/")]
    assert len(products) > 500  # the seeded catalog's active products
    assert not [url for url in locations if re.search(r"/(admin|account|cart|checkout)", url)]
    kinds = ("terms", "refund", "shipping", "privacy", "legal")
    policies = [f"{public}/policies/{kind}" for kind in kinds]
    assert [url for url in locations if "/policies/" in url] == policies
    # Every page is dated but a policy still the shipped default (its date is not known).
    undated = [
        url.findtext(f"{{{SITEMAP_NS}}}loc")
        for url in root.iter(f"{{{SITEMAP_NS}}}url")
        if url.find(f"{{{SITEMAP_NS}}}lastmod") is None
    ]
    assert set(undated) <= set(policies)
    assert httpx.get(policies[0].replace(public, shop_url)).status_code == 200

    # The pages it lists name themselves canonical, a filtered listing its unfiltered page.
    category = next(url for url in locations if url.startswith(f"{public}/category/"))
    path = category.removeprefix(public)
    listing = httpx.get(f"{shop_url}{path}?sort=newest&stock=1")
    assert listing.status_code == 200
    assert listing.headers["link"] == f'<{category}>; rel="canonical"'
    # A page past the last shows the last one, and names it (not a page that does not exist).
    beyond = httpx.get(f"{shop_url}{path}?page=99999")
    assert beyond.status_code == 200
    assert re.fullmatch(
        rf'<{re.escape(category)}(\?page=[1-9][0-9]{{0,3}})?>; rel="canonical"',
        beyond.headers["link"],
    )
    product = httpx.get(shop_url + products[0].removeprefix(public))
    assert product.headers["link"] == f'<{products[0]}>; rel="canonical"'

    robots = httpx.get(f"{shop_url}/robots.txt")
    assert robots.status_code == 200
    assert "Disallow: /admin" in robots.text.splitlines()
    assert robots.text.splitlines()[-1] == f"Sitemap: {public}/sitemap.xml"


def test_probes_request_ids_and_metrics(page: Page, shop_url: str) -> None:
    assert httpx.get(f"{shop_url}/healthz").json() == {"status": "ok"}
    ready = httpx.get(f"{shop_url}/readyz")
    assert ready.status_code == 200
    assert ready.json() == {"status": "ok", "database": "ok", "search": "ok"}
    given = httpx.get(f"{shop_url}/healthz", headers={"X-Request-ID": "probe-42"})
    assert given.headers["x-request-id"] == "probe-42"
    assert re.fullmatch(r"[0-9a-f]{16}", httpx.get(f"{shop_url}/healthz").headers["x-request-id"])

    open_first_featured_product(page)
    page.get_by_test_id("add-to-cart").click()
    expect(page.get_by_test_id("cart-count")).not_to_have_text("0")

    deadline = time.monotonic() + 30  # cache and bus counters are copied every 5 s
    while True:
        metrics = httpx.get(f"{shop_url}/metrics").text
        if settled(metrics) or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert sample(metrics, "boutique_cache_lookups_total", result="hit")
    assert (sample(metrics, "boutique_event_seconds_count", handler="product_state.load") or 0) >= 1
    assert (sample(metrics, "boutique_event_seconds_count", handler="cart_state.add") or 0) >= 1
    assert sample(metrics, "boutique_request_seconds_count", route="/healthz", status="200")
    assert sample(metrics, "boutique_bus_up") == 1.0
    # Every event written was relayed, and delivered to every group.
    assert sample(metrics, "boutique_outbox_backlog") == 0.0
    for group in GROUPS:
        assert sample(metrics, "boutique_stream_lag", group=group) == 0.0
        assert sample(metrics, "boutique_dead_letters", group=group) == 0.0
    ratio = sample(metrics, "boutique_cache_hit_ratio")
    assert ratio is not None
    assert 0 < ratio <= 1
