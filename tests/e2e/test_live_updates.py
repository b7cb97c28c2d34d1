"""Pages follow the catalog live: a price edited elsewhere (another process, through the
outbox and the bus) appears on an open product page, and stock running out appears in an
open cart, as does a price cut, and in the checkout page's totals, without a reload."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from models.catalog import ProductStatus
from models.types import utc_now
from storefront.bootstrap import build_shop
from storefront.services.product_edits import edit_product, set_variant_price
from tests.conftest import settings_for

pytestmark = pytest.mark.e2e


def single_variant_product(database_url: str) -> tuple[str, int, str, int]:
    """(slug, product id, sku, stock) of an active product with one variant in stock."""
    path = database_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as db:
        row = db.execute(
            "select p.slug, p.id, min(v.sku), min(v.stock) from product p "
            "join variant v on v.product_id = p.id "
            "where p.status = 'active' group by p.id "
            "having count(*) = 1 and min(v.stock) > 0 order by p.id limit 1"
        ).fetchone()
    return str(row[0]), int(row[1]), str(row[2]), int(row[3])


def test_a_price_edit_and_a_stock_out_reach_open_pages(
    page: Page, shop_env_vars: dict[str, str], tmp_path: Path
) -> None:
    database_url = shop_env_vars["DATABASE_URL"]
    slug, product_id, sku, stock = single_variant_product(database_url)
    # A second process's view of the shop: a merchandiser's edit, a checkout elsewhere.
    other = build_shop(settings_for(database_url, tmp_path))
    assert other.inventory is not None

    page.goto(f"/product/{slug}")
    expect(page.get_by_test_id("add-to-cart")).to_be_enabled()
    other.run(set_variant_price, product_id, sku, 123_45)
    expect(page.get_by_test_id("product-price")).to_contain_text("123.45", timeout=10_000)

    page.get_by_test_id("add-to-cart").click()
    expect(page.get_by_test_id("cart-count")).not_to_have_text("0")
    page.get_by_test_id("cart-link").click()
    expect(page).to_have_url(re.compile(r"/cart$"))
    expect(page.get_by_test_id("cart-line")).to_have_count(1)
    expect(page.get_by_test_id("cart-line-status")).to_have_count(0)
    holder = f"e2e-live-{product_id}"
    assert other.inventory.reserve(holder, [(sku, stock)], utc_now())
    try:
        expect(page.get_by_test_id("cart-line-status")).to_be_visible(timeout=10_000)
        other.inventory.release(holder, utc_now())
        # A price cut reaches the open cart: the unit price now, beside the one added at.
        other.run(set_variant_price, product_id, sku, 99_00)
        change = page.get_by_test_id("cart-line-price-change")
        expect(change).to_contain_text("99.00", timeout=10_000)
        expect(change).to_contain_text("123.45")
        # At checkout, the totals follow (Pay would be refused for a total not shown).
        page.goto("/checkout")
        expect(page.get_by_test_id("total-subtotal")).to_contain_text("99.00")
        other.run(set_variant_price, product_id, sku, 88_00)
        expect(page.get_by_test_id("total-subtotal")).to_contain_text("88.00", timeout=10_000)
    finally:
        other.inventory.release(holder, utc_now())
        assert other.engine is not None
        other.engine.dispose()


def test_a_product_page_not_found_while_a_draft_comes_back_when_it_is_published(
    page: Page, shop_env_vars: dict[str, str], tmp_path: Path
) -> None:
    """QA: a page open on a product the merchant set to draft said "not found", and stayed
    so once the product was published again (its cart line came back). Both a tab that saw
    it go and one opened on the draft come back live, showing nothing of the draft before,
    and their recommendation rows."""
    database_url = shop_env_vars["DATABASE_URL"]
    path = database_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as db:
        slug, product_id, title = db.execute(
            "select slug, id, title from product where status = 'active' order by id desc limit 1"
        ).fetchone()
    other = build_shop(settings_for(database_url, tmp_path))
    try:
        page.goto(f"/product/{slug}")
        expect(page.get_by_test_id("product-title")).to_have_text(title)
        other.run(edit_product, product_id, lambda r: replace(r, status=ProductStatus.DRAFT))
        expect(page.get_by_test_id("not-found")).to_be_visible(timeout=10_000)
        opened_on_draft = page.context.new_page()
        opened_on_draft.goto(f"/product/{slug}")
        expect(opened_on_draft.get_by_test_id("not-found")).to_be_visible()
        renamed = "Zqx draft-only title"
        other.run(edit_product, product_id, lambda r: replace(r, title=renamed))
        page.wait_for_timeout(2_000)  # a push would have come by now
        for tab in (page, opened_on_draft):
            expect(tab.get_by_test_id("not-found")).to_be_visible()
            expect(tab.locator("body")).not_to_contain_text(renamed)
        other.run(edit_product, product_id, lambda r: replace(r, status=ProductStatus.ACTIVE))
        for tab in (page, opened_on_draft):
            expect(tab.get_by_test_id("product-title")).to_have_text(renamed, timeout=10_000)
            expect(tab.get_by_test_id("not-found")).to_have_count(0)
            expect(tab.get_by_test_id("add-to-cart")).to_be_visible()
            # Its rows too, without a reload (they stayed empty on the tab opened on the
            # draft; they wait for the search index to hold the product again).
            expect(tab.get_by_test_id("row-similar")).to_be_visible(timeout=10_000)
    finally:
        assert other.engine is not None
        other.engine.dispose()
