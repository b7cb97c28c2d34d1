"""The admin's customers in Chromium: a shopper signs up; the admin finds them by part of
their email, opens their page, downloads their data behind the confirm dialog (an admin
action handing the page a single-use ticket, which it posts: no link to follow, and the
ticket does not work twice), and closes their account at their request, typing their email
to confirm; the list no longer has them and the audit log has both actions, without the
email."""

from __future__ import annotations

import json
import re
import sqlite3
from urllib.parse import parse_qs

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import sign_up
from tests.e2e.test_admin import query, signed_in_admin

pytestmark = pytest.mark.e2e

EMAIL = "gdpr-request@example.com"
DATA = "/api/admin/customers/data.json"


def test_a_merchant_finds_a_customer_downloads_their_data_and_closes_their_account(
    browser: Browser, page: Page, shop_url: str, shop_env_vars: dict[str, str]
) -> None:
    sign_up(page, EMAIL)
    database = shop_env_vars["DATABASE_URL"]
    with sqlite3.connect(database.removeprefix("sqlite:///"), timeout=10) as db:
        db.execute(
            "insert into saved_address (account_id, name, line1, line2, postal_code, city,"
            " country, created_at) select id, 'Élodie Martin', '3 place Bellecour', '',"
            " '69002', 'Lyon', 'FR', '2026-12-01 10:00:00.000000' from account where email = ?",
            (EMAIL,),
        )
    admin = signed_in_admin(browser, shop_url, shop_env_vars)
    admin.goto("/admin/customers")
    admin.get_by_test_id("field-text").fill("gdpr-req")
    admin.get_by_test_id("customers-filter").click()
    expect(admin.get_by_test_id("customer-row")).to_have_count(1)
    admin.get_by_test_id("customer-link").click()
    expect(admin).to_have_url(re.compile(r"/admin/customers/\d+$"))
    expect(admin.get_by_test_id("customer-email")).to_have_text(EMAIL)
    # Its welcome's link not opened: the page says its address is not confirmed yet.
    expect(admin.get_by_test_id("customer-email-confirmed")).to_have_text(
        "Not yet (no mail it did not ask for)"
    )
    # Its country named, in the reader's language (it read "FR"; QA).
    address = admin.get_by_test_id("customer-address")
    expect(address).to_have_text("Élodie Martin, 3 place Bellecour, 69002 Lyon, France")

    admin.get_by_test_id("customer-data").click()
    with (
        admin.expect_download() as download,
        admin.expect_request(lambda r: r.method == "POST" and DATA in r.url) as posted,
    ):
        admin.get_by_test_id("customer-data-confirm").click()
    [ticket] = parse_qs(posted.value.post_data or "")["ticket"]
    data = json.loads(download.value.path().read_text(encoding="utf-8"))
    assert data["account"]["email"] == EMAIL
    expect(admin.get_by_test_id("customer-email")).to_have_text(EMAIL)  # still on the page
    # Nowhere a link to it, and a GET (a link followed, a prefetch) neither answers it nor
    # writes to the audit log.
    assert admin.locator("a[href*='data.json']").count() == 0
    # (A GET falls through to the pages, which have no such page.)
    assert admin.request.get(f"{shop_url}{DATA}").status == 404
    again = admin.request.post(
        f"{shop_url}{DATA}", form={"ticket": ticket}, headers={"Origin": shop_url}
    )
    assert again.status == 410  # spent
    audited = "select count(*) from admin_audit where action = 'customer.data'"
    assert query(database, audited) == [(1,)]

    # The page still answers after the download (a top-level post had closed its socket).
    admin.get_by_test_id("customer-close").click()
    admin.get_by_test_id("field-confirm_email").fill("someone-else@example.com")
    admin.get_by_test_id("customer-close-confirm").click()
    expect(admin.get_by_test_id("error-confirm_email")).to_be_visible()
    admin.get_by_test_id("field-confirm_email").fill(EMAIL)
    admin.get_by_test_id("customer-close-confirm").click()
    expect(admin).to_have_url(re.compile(r"/admin/customers/?$"))
    expect(admin.get_by_text(f"{EMAIL}: account closed.")).to_be_visible()
    assert query(database, "select count(*) from account where email = ?", EMAIL) == [(0,)]
    entries = query(
        database,
        "select action, before, after from admin_audit where action like 'customer.%' order by id",
    )
    assert [action for action, *_ in entries] == ["customer.data", "customer.close"]
    assert not any(EMAIL in f"{before}{after}" for _, before, after in entries)
    admin.context.close()
