"""The sitemap and robots.txt on real SQLite and PostgreSQL, through the HTTP routes: active
products only, dated by their update, paged by id across files when past the limit; the
shop's policies, dated by the merchant's last save of their text."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from sqlalchemy import text
from starlette.testclient import TestClient

from models.catalog import ProductStatus
from storefront.adapters.cache import RedisCache
from storefront.adapters.sql_sitemap import SqlSitemapSource
from storefront.adapters.sql_tables import PRODUCT
from storefront.api.routes import build_api
from storefront.bootstrap import Shop, set_shop
from storefront.services.admin.access import Permission, Staff
from storefront.services.admin.policies import version
from storefront.services.product_edits import edit_product
from storefront.services.sitemap import Sitemap, w3c_datetime
from tests.integration.admin_fixtures import admin_of, staff_of, team_sessions
from tests.integration.catalog_fixtures import seed_small_catalog

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
BASE = "https://shop.example"
EDITED = datetime(2026, 11, 30, 8, 15, 0, tzinfo=UTC)
POLICY_PAGES = [
    f"{BASE}/policies/{kind}" for kind in ("terms", "refund", "shipping", "privacy", "legal")
]


@pytest.fixture
def shop(database_url: str, make_shop: Callable[..., Shop]) -> Iterator[Shop]:
    shop = make_shop(database_url, public_url=BASE)
    seed_small_catalog(shop)  # 30 chairs, 10 tables: Furniture > Chairs, Tables
    set_shop(shop)
    yield shop
    set_shop(None)


def slugs(shop: Shop) -> list[str]:
    assert shop.engine is not None
    with shop.engine.connect() as db:
        return list(db.execute(text("select slug from product order by id")).scalars())


def set_status(shop: Shop, slug: str, status: str) -> None:
    assert shop.engine is not None
    with shop.engine.begin() as db:
        db.execute(text("update product set status = :s where slug = :g"), {"s": status, "g": slug})


def locations(body: str) -> list[str]:
    return [loc.text or "" for loc in ET.fromstring(body).iterfind(".//s:loc", NS)]


def lastmods(body: str) -> dict[str, str | None]:
    """Each URL's lastmod (None: it has none)."""
    return {
        url.findtext("s:loc", "", NS): url.findtext("s:lastmod", None, NS)
        for url in ET.fromstring(body).iterfind("s:url", NS)
    }


def policy_staff(shop: Shop) -> Staff:
    return staff_of(shop, team_sessions(shop).admin, Permission.POLICIES)


def save_policy(
    shop: Shop, staff: Staff, kind: str, locale: str, body: str, *, at: datetime | None = None
) -> str:
    """Save a policy's text as staff do, dated `at` when given; its new version."""
    desk = admin_of(shop).policies
    before = next(p for p in desk.rows(staff) if (p.kind, p.locale) == (kind, locale))
    saved = desk.save(staff, kind, locale, body, version(before))
    if at is not None:
        assert shop.engine is not None
        with shop.engine.begin() as db:
            db.execute(
                text("update store_policy set updated_at = :at where kind = :k and locale = :l"),
                {"at": at, "k": kind, "l": locale},
            )
        assert shop.policies is not None
        shop.policies.forget()
    return version(saved)


def test_the_sitemap_lists_home_categories_and_active_products_only(shop: Shop) -> None:
    every = slugs(shop)
    draft, archived = every[0], every[1]
    set_status(shop, draft, "draft")
    set_status(shop, archived, "archived")
    assert shop.engine is not None
    with shop.engine.begin() as db:
        db.execute(PRODUCT.update().where(PRODUCT.c.slug == every[2]).values(updated_at=EDITED))
    staff = policy_staff(shop)
    save_policy(
        shop, staff, "refund", "en", "Returns in 30 days.", at=datetime(2026, 11, 2, tzinfo=UTC)
    )
    save_policy(
        shop, staff, "refund", "fr", "Retours sous 30 jours.", at=datetime(2026, 11, 3, tzinfo=UTC)
    )
    save_policy(
        shop, staff, "legal", "fr", "Boutique SAS", at=datetime(2026, 10, 1, 12, tzinfo=UTC)
    )
    client = TestClient(build_api())

    answer = client.get("/sitemap.xml")

    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/xml; charset=utf-8"
    assert answer.headers["cache-control"] == "public, max-age=3600"
    listed = locations(answer.text)
    assert listed[:4] == [
        f"{BASE}/",
        f"{BASE}/category/chairs",
        f"{BASE}/category/furniture",
        f"{BASE}/category/tables",
    ]
    # One page per policy (it holds every language), dated by its newest save in any.
    assert listed[4:9] == POLICY_PAGES
    dates = lastmods(answer.text)
    assert [dates[url] for url in POLICY_PAGES] == [
        None,  # the default text in both languages: no date known
        "2026-11-03T00:00:00+00:00",
        None,
        None,
        "2026-10-01T12:00:00+00:00",
    ]
    assert listed[9:] == [f"{BASE}/product/{slug}" for slug in every[2:]]
    assert f"<loc>{BASE}/product/{every[2]}</loc><lastmod>2026-11-30T08:15:00+00:00</lastmod>" in (
        answer.text
    )
    assert not any(part in answer.text for part in ("/admin", "/account", "/cart", "/checkout"))


def test_a_category_whose_products_are_all_unpublished_leaves_the_sitemap(shop: Shop) -> None:
    assert shop.engine is not None
    with shop.engine.begin() as db:
        db.execute(
            text(
                "update product set status = 'archived' where category_id = "
                "(select id from category where slug = 'tables')"
            )
        )
    listed = locations(TestClient(build_api()).get("/sitemap.xml").text)
    assert f"{BASE}/category/tables" not in listed
    assert f"{BASE}/category/chairs" in listed


def test_past_the_limit_the_files_page_the_active_products_by_id(shop: Shop) -> None:
    every = slugs(shop)
    set_status(shop, every[5], "draft")  # a gap inside the first file
    active = [slug for slug in every if slug != every[5]]
    assert shop.engine is not None
    assert shop.policies is not None
    small = Sitemap(
        SqlSitemapSource(shop.engine),
        shop.catalog.tree,
        BASE,
        policy_dates=shop.policies.last_changes,
        max_urls=15,
        chunk=4,
    )
    set_shop(replace(shop, sitemap=small))
    client = TestClient(build_api())

    index = client.get("/sitemap.xml")
    assert ET.fromstring(index.text).tag.endswith("sitemapindex")
    assert locations(index.text) == [
        f"{BASE}/sitemap-pages.xml",
        f"{BASE}/sitemap-products-1.xml",
        f"{BASE}/sitemap-products-2.xml",
        f"{BASE}/sitemap-products-3.xml",
    ]
    pages = locations(client.get("/sitemap-pages.xml").text)
    assert len(pages) == 4 + 5  # home, three categories, the five policies
    assert pages[4:] == POLICY_PAGES
    files = [locations(client.get(f"/sitemap-products-{n}.xml").text) for n in (1, 2, 3)]
    assert [len(f) for f in files] == [15, 15, 9]
    assert [url for f in files for url in f] == [f"{BASE}/product/{s}" for s in active]
    assert client.get("/sitemap-products-4.xml").status_code == 404
    assert client.get("/sitemap-products-0.xml").status_code == 404


def test_robots_txt_names_the_sitemap_under_the_public_url(shop: Shop) -> None:
    answer = TestClient(build_api()).get("/robots.txt")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/plain")
    lines = answer.text.splitlines()
    assert "Disallow: /admin" in lines
    assert "Disallow: /checkout" in lines
    assert lines[-1] == f"Sitemap: {BASE}/sitemap.xml"


def test_a_crawler_reading_the_sitemap_again_reads_no_database_until_the_catalog_changes(
    database_url: str, redis_server: str, prefix: str, make_shop: Callable[..., Shop]
) -> None:
    cache = RedisCache(redis_server, key_pattern=f"{prefix}:*")
    shop = make_shop(database_url, cache=cache, public_url=BASE)
    shop.cache._prefix = prefix  # as catalog_fixtures.redis_worker: the test's keys only
    seed_small_catalog(shop)
    set_shop(shop)
    try:
        client = TestClient(build_api())
        first = client.get("/sitemap.xml").text
        before = shop.query_count()
        again = [client.get("/sitemap.xml").text for _ in range(5)]
        assert shop.query_count() == before  # five visits, not one statement
        assert again == [first] * 5
        archived = slugs(shop)[3]
        assert shop.engine is not None
        with shop.engine.connect() as db:
            product_id = db.execute(
                text("select id from product where slug = :s"), {"s": archived}
            ).scalar_one()
        shop.run(edit_product, product_id, lambda r: replace(r, status=ProductStatus.ARCHIVED))
        after = client.get("/sitemap.xml")

        # A policy saved in the admin dates its page at the next read, which is then cached
        # again; reset to the default, the page has no date again.
        staff = policy_staff(shop)
        saved = save_policy(shop, staff, "privacy", "en", "We keep your data safe.")
        edited = client.get("/sitemap.xml").text
        before = shop.query_count()
        assert client.get("/sitemap.xml").text == edited
        assert shop.query_count() == before
        assert shop.policies is not None
        stored = shop.policies.policy("privacy", "en").updated_at
        admin_of(shop).policies.reset(staff, "privacy", "en", saved)
        reset = client.get("/sitemap.xml").text
    finally:
        set_shop(None)
    assert f"{BASE}/product/{archived}" in locations(first)
    assert f"{BASE}/product/{archived}" not in locations(after.text)
    assert len(locations(after.text)) == len(locations(first)) - 1
    privacy = f"{BASE}/policies/privacy"
    assert lastmods(after.text)[privacy] is None
    assert stored is not None
    assert lastmods(edited)[privacy] == w3c_datetime(stored)
    assert lastmods(reset)[privacy] is None
