"""A guest cancels the order they just paid, in Chromium: by the order's link, with the
email it was placed with, after a confirmation naming the refund; the page shows it
canceled and refunded, and the admin's order page shows it canceled by the customer."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.test_admin import pay_an_order, query, signed_in_admin

pytestmark = pytest.mark.e2e

EMAIL = "changed-my-mind@example.com"


def test_a_guest_cancels_a_paid_order_and_the_admin_sees_it(
    browser: Browser, page: Page, shop_url: str, shop_env_vars: dict[str, str]
) -> None:
    db = shop_env_vars["DATABASE_URL"]
    reference = pay_an_order(page, EMAIL)  # on the order's page, by its link
    ((total,),) = query(db, "select total_minor from sales_order where reference = ?", reference)

    page.get_by_test_id("order-cancel").click()
    page.get_by_test_id("cancel-keep").click()  # changed their mind: nothing happens
    expect(page.get_by_test_id("cancel-confirm")).to_have_count(0)
    page.get_by_test_id("order-cancel").click()
    expect(page.locator("#cancel-question")).to_contain_text(f"€{int(str(total)) / 100:.2f}")
    page.get_by_test_id("cancel-email").fill("someone-else@example.com")
    page.get_by_test_id("cancel-confirm").click()
    expect(page.get_by_test_id("cancel-error")).to_contain_text("not the email address")
    assert query(db, "select status from sales_order where reference = ?", reference) == [("paid",)]
    page.get_by_test_id("cancel-email").fill(EMAIL)
    page.get_by_test_id("cancel-confirm").click()

    expect(page.get_by_test_id("cancel-done")).to_contain_text("canceled")
    expect(page.get_by_test_id("order-status")).to_have_text("Canceled")
    expect(page.get_by_test_id("order-refunded")).to_contain_text(f"{int(str(total)) / 100:.2f}")
    expect(page.get_by_test_id("order-cancel")).to_have_count(0)  # nothing left to cancel
    assert query(
        db, "select status, refunded_minor from sales_order where reference = ?", reference
    ) == [("canceled", total)]

    admin = signed_in_admin(browser, shop_url, shop_env_vars)
    admin.goto("/admin/orders")
    admin.get_by_test_id("field-customer").fill(EMAIL)
    admin.get_by_test_id("orders-filter").click()
    admin.get_by_test_id("order-link").filter(has_text=reference).click()
    expect(admin.get_by_test_id("order-reference")).to_have_text(reference)
    expect(admin.get_by_test_id("order-customer-cancel")).to_have_text("Canceled by the customer")
    expect(admin.get_by_test_id("refund-row")).to_contain_text("Refunded")
    admin.context.close()
