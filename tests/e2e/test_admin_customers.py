"""The admin's customers in Chromium: a shopper signs up; the admin finds them by part of
their email, opens their page, downloads their data behind the confirm dialog, and closes
their account at their request, typing their email to confirm; the list no longer has them
and the audit log has both actions."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.test_account_lists import sign_up
from tests.e2e.test_admin import query, signed_in_admin

pytestmark = pytest.mark.e2e

EMAIL = "gdpr-request@example.com"


def test_a_merchant_finds_a_customer_downloads_their_data_and_closes_their_account(
    browser: Browser, page: Page, shop_url: str, shop_env_vars: dict[str, str]
) -> None:
    sign_up(page, EMAIL)
    admin = signed_in_admin(browser, shop_url, shop_env_vars)
    admin.goto("/admin/customers")
    admin.get_by_test_id("field-text").fill("gdpr-req")
    admin.get_by_test_id("customers-filter").click()
    expect(admin.get_by_test_id("customer-row")).to_have_count(1)
    admin.get_by_test_id("customer-link").click()
    expect(admin).to_have_url(re.compile(r"/admin/customers/\d+$"))
    expect(admin.get_by_test_id("customer-email")).to_have_text(EMAIL)

    admin.get_by_test_id("customer-data").click()
    with admin.expect_download() as download:
        admin.get_by_test_id("customer-data-confirm").click()
    data = json.loads(download.value.path().read_text(encoding="utf-8"))
    assert data["account"]["email"] == EMAIL

    admin.get_by_test_id("customer-close").click()
    admin.get_by_test_id("field-confirm_email").fill("someone-else@example.com")
    admin.get_by_test_id("customer-close-confirm").click()
    expect(admin.get_by_test_id("error-confirm_email")).to_be_visible()
    admin.get_by_test_id("field-confirm_email").fill(EMAIL)
    admin.get_by_test_id("customer-close-confirm").click()
    expect(admin).to_have_url(re.compile(r"/admin/customers/?$"))
    expect(admin.get_by_text(f"{EMAIL}: account closed.")).to_be_visible()
    database = shop_env_vars["DATABASE_URL"]
    assert query(database, "select count(*) from account where email = ?", EMAIL) == [(0,)]
    actions = query(
        database,
        "select action from admin_audit where action like 'customer.%' order by id",
    )
    assert actions == [("customer.data",), ("customer.close",)]
    admin.context.close()
