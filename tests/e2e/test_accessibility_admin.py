"""An accessibility audit of the merchandiser's admin with axe-core in Chromium: every admin
page, signed in as an admin, with data on it (a paid order, a product with its images, an
import's problems), at desktop width and three of them on a phone; no violation of impact
serious or critical. The helpers are shared with the shopper's audit (tests/e2e/axe.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.axe import PHONE, Found, assert_clean, audit, shown
from tests.e2e.conftest import sign_up
from tests.e2e.test_admin import BAD_CSV, pay_an_order, query, signed_in_admin

pytestmark = pytest.mark.e2e

CUSTOMER = "axe-admin@example.com"
# The column headers of a table that lie past its scrolling box's right edge (out of view).
CUT_COLUMNS = """box => {
  const edge = box.getBoundingClientRect().right + 1;
  return [...box.querySelectorAll("th")]
    .filter(th => th.getBoundingClientRect().right > edge)
    .map(th => th.textContent);
}"""

# The name of each button in the page's tables, as a screen reader lists them.
TABLE_BUTTONS = """() => [...document.querySelectorAll("table button")]
  .map(b => (b.getAttribute("aria-label") || b.textContent).trim())"""


def assert_buttons_named_apart(page: Page) -> None:
    """No two buttons of a table share a name: a list of the page's buttons read ten "Edit"
    (policies), or "Switch off" for each code (QA)."""
    names = page.evaluate(TABLE_BUTTONS)
    assert names
    assert len(set(names)) == len(names), sorted(n for n in names if names.count(n) > 1)


def test_the_admin_pages_have_no_serious_accessibility_violations(
    browser: Browser, page: Page, shop_url: str, shop_env_vars: dict[str, str], tmp_path: Path
) -> None:
    found: Found = {}
    # A paid order (its page shows the refund form), by a customer of its own, signed up (the
    # customers' pages list them with it): the admin's tests count the orders of a customer
    # matching buyer@example.com.
    sign_up(page, CUSTOMER)
    reference = pay_an_order(page, CUSTOMER)
    order_url = page.url  # the order's page, by its link: where the customer withdraws
    page.goto("/search?q=zeppelin")  # a search that finds nothing, for merchandising
    expect(
        page.get_by_test_id("search-nearest").or_(page.get_by_test_id("empty-listing"))
    ).to_be_visible()
    admin = signed_in_admin(browser, shop_url, shop_env_vars)

    admin.goto("/admin")
    expect(admin.get_by_test_id("chart-revenue").locator("svg.recharts-surface")).to_be_visible()
    audit(admin, "dashboard and analytics", found)

    admin.goto("/admin/products")
    shown(admin, "product-row")
    admin.get_by_test_id("product-select").first.click()  # and the bulk actions it offers
    shown(admin, "bulk-count")
    audit(admin, "products", found)

    admin.goto("/admin/products/new")
    expect(admin.get_by_test_id("field-category_id").locator("option").nth(1)).to_be_attached()
    audit(admin, "new product", found)

    # A product with its images (the seed's have some; one another test made may have none)
    # and its stock card.
    ((pid,),) = query(shop_env_vars["DATABASE_URL"], "select max(product_id) from productimage")
    admin.goto(f"/admin/products/{pid}")
    expect(admin.get_by_test_id("field-title")).not_to_have_value("")
    shown(admin, "product-image")
    shown(admin, "stock-save")
    audit(admin, "product with its images and stock", found)

    admin.goto("/admin/stock")
    shown(admin, "low-stock-row")
    audit(admin, "stock", found)

    admin.goto("/admin/import")
    bad = tmp_path / "bad.csv"
    bad.write_text(BAD_CSV)
    admin.locator("#catalog-file input[type=file]").set_input_files(bad)
    admin.get_by_test_id("import-check").click()
    shown(admin, "import-problem")
    audit(admin, "import / export with problems", found)

    admin.goto("/admin/orders")
    shown(admin, "order-row")
    audit(admin, "orders", found)
    admin.get_by_test_id("order-link").filter(has_text=reference).click()
    expect(admin.get_by_test_id("order-reference")).to_have_text(reference)
    shown(admin, "order-refund")
    audit(admin, "a paid order", found)
    admin.get_by_test_id("order-refund").click()  # and the dialog asking first
    shown(admin, "order-refund-question")
    audit(admin, "a paid order, its refund asked", found)
    admin.get_by_role("alertdialog").get_by_role("button", name="Cancel").click()
    expect(admin.get_by_test_id("order-refund-question")).to_have_count(0)

    admin.goto("/admin/customers")
    shown(admin, "customer-row")
    audit(admin, "customers", found)
    admin.get_by_test_id("field-text").fill(CUSTOMER)
    admin.get_by_test_id("customers-filter").click()
    expect(admin.get_by_test_id("customer-row")).to_have_count(1)
    admin.get_by_test_id("customer-link").click()
    expect(admin.get_by_test_id("customer-email")).to_have_text(CUSTOMER)
    shown(admin, "customer-order")
    audit(admin, "a customer", found)
    admin.get_by_test_id("customer-data").click()  # each GDPR request's dialog, asking first
    shown(admin, "customer-data-confirm")
    audit(admin, "a customer, their data asked", found)
    admin.get_by_role("alertdialog").get_by_role("button", name="Cancel").click()
    expect(admin.get_by_test_id("customer-data-confirm")).to_have_count(0)
    admin.get_by_test_id("customer-close").click()
    shown(admin, "field-confirm_email")
    audit(admin, "a customer, closing their account asked", found)
    admin.get_by_role("dialog").get_by_role("button", name="Cancel").click()
    expect(admin.get_by_test_id("field-confirm_email")).to_have_count(0)

    admin.goto("/admin/discounts")
    # A code listed, with its actions (whatever other tests made before this one).
    admin.get_by_test_id("field-code").fill("A11Y-LISTED")
    admin.get_by_test_id("field-value").fill("10")
    admin.get_by_test_id("discount-save").click()
    expect(admin.get_by_test_id("expire-A11Y-LISTED")).to_be_visible()
    audit(admin, "discounts", found)
    assert_buttons_named_apart(admin)
    admin.goto("/admin/policies")
    shown(admin, "policy-row")
    assert_buttons_named_apart(admin)

    admin.goto("/admin/merchandising")
    expect(admin.get_by_test_id("query-fix").filter(has_text="zeppelin")).to_have_count(1)
    admin.get_by_test_id("find-duplicates").click()
    pairs = admin.get_by_test_id("duplicate-pair").first
    expect(pairs.or_(admin.get_by_text("No near-duplicates at this similarity."))).to_be_visible()
    audit(admin, "merchandising", found)
    # Each of its tables says what its columns hold (a <th scope="col"> each).
    fixes = admin.get_by_role("table").filter(has=admin.get_by_test_id("query-fix"))
    expect(fixes.locator("th[scope=col]")).to_have_text(
        ["Search", "Nearest products", "Suggested words"]
    )
    # On a page just opened, the first Tab reaches the shop's skip link, past the admin's
    # menu to the page.
    admin.goto("/admin/merchandising")
    expect(admin.get_by_test_id("query-fix").first).to_be_visible()
    admin.keyboard.press("Tab")
    skip = admin.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    skip.press("Enter")
    expect(admin.locator("main#main")).to_be_focused()

    admin.goto("/admin/team")
    shown(admin, "team-member")
    audit(admin, "team", found)

    admin.goto("/admin/audit")
    shown(admin, "audit-entry")
    audit(admin, "audit log", found)

    # On a tablet the menu goes above the page: every column of the lists is in view (beside
    # the menu, the products' price and stock and the orders' totals were cut off).
    admin.set_viewport_size({"width": 768, "height": 1024})
    admin.goto("/admin/products")
    shown(admin, "product-row")
    assert admin.locator(".admin-table-scroll").first.evaluate(CUT_COLUMNS) == []
    admin.goto("/admin/orders")
    shown(admin, "order-link")
    assert admin.locator(".admin-table-scroll").first.evaluate(CUT_COLUMNS) == []

    admin.set_viewport_size(PHONE)
    admin.goto("/admin")
    expect(admin.get_by_test_id("chart-revenue").locator("svg.recharts-surface")).to_be_visible()
    audit(admin, "dashboard (390 px)", found)
    admin.goto("/admin/products")
    shown(admin, "product-row")
    audit(admin, "products (390 px)", found)
    admin.goto("/admin/orders")
    admin.get_by_test_id("order-link").filter(has_text=reference).click()
    expect(admin.get_by_test_id("order-reference")).to_have_text(reference)
    audit(admin, "a paid order (390 px)", found)
    admin.get_by_role("button", name="Français").click()  # the page's texts, read in French
    expect(admin.locator("html")).to_have_attribute("lang", "fr")
    audit(admin, "a paid order (390 px, French)", found)

    # The order shipped and its customer's withdrawal received (the shopper's flow, as in
    # test_withdrawal.py): its page shows the withdrawal statement, items and refund date.
    admin.set_viewport_size({"width": 1400, "height": 1000})
    admin.get_by_role("button", name="English").click()
    expect(admin.locator("html")).to_have_attribute("lang", "en")
    admin.get_by_test_id("field-tracking_number").fill("JD1")
    admin.get_by_test_id("order-ship").click()
    expect(admin.get_by_test_id("order-shipment")).to_be_visible()
    page.goto(order_url)
    page.get_by_test_id("withdraw-open").click()
    page.get_by_test_id("withdraw-quantity").first.fill("1")
    page.get_by_test_id("withdraw-next").click()
    page.get_by_test_id("withdraw-confirm").click()
    expect(page.get_by_test_id("withdraw-done")).to_be_visible()
    admin.reload()
    shown(admin, "order-withdrawal")
    audit(admin, "a shipped order with a withdrawal statement", found)
    admin.context.close()
    assert_clean(found)
