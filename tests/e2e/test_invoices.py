"""A paid order's invoice in Chromium: the order page links it, it opens as a page holding the
order's invoice number and totals; the admin's order page links the same invoice, and a
visitor without the order's key gets none. A partial refund from the admin gets a credit note,
linked from both order pages and opening in the shopper's language with its VAT split; when
that refund fails after it went through (read from the provider as the webhook reads it), an
invoice cancelling the note is linked from both order pages too."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from playwright.sync_api import Browser, Page, expect

from storefront.adapters.db import make_engine
from storefront.adapters.sql_refunds import SqlRefundStore
from storefront.services.payments import ProviderRefund
from tests.e2e.test_admin import pay_an_order, query, signed_in_admin

pytestmark = pytest.mark.e2e

EMAIL = "wants-an-invoice@example.com"


def reads_on_a_phone(browser: Browser, shop_url: str, href: str) -> None:
    """Opened on a phone 390 px wide: laid out at that width (the viewport meta; it was
    drawn 980 px wide and shrunk, QA), nothing wider than the screen; printed from there,
    the lines are a table again and the print button is not on paper."""
    phone = browser.new_context(
        base_url=shop_url,
        viewport={"width": 390, "height": 844},
        device_scale_factor=3,
        is_mobile=True,
        has_touch=True,
    )
    try:
        shown = phone.new_page()
        shown.goto(href)
        assert shown.evaluate("window.innerWidth") == 390
        assert shown.evaluate("document.documentElement.scrollWidth") <= 390
        heads = "document.querySelector('table thead')"
        assert shown.evaluate(f"getComputedStyle({heads}).position") in ("absolute", "static")
        shown.emulate_media(media="print")
        assert shown.evaluate(f"getComputedStyle({heads}).display") == "table-header-group"
        assert shown.evaluate("getComputedStyle(document.querySelector('button')).display") == (
            "none"
        )
    finally:
        phone.close()


def test_the_shopper_and_the_admin_open_a_paid_order_s_invoice(
    browser: Browser, page: Page, shop_url: str, shop_env_vars: dict[str, str]
) -> None:
    db = shop_env_vars["DATABASE_URL"]
    reference = pay_an_order(page, EMAIL)  # on the order's page, by its link
    ((number,),) = query(
        db, "select invoice_number from sales_order where reference = ?", reference
    )
    assert str(number).startswith("F")

    link = page.get_by_test_id("order-invoice")
    expect(link).to_have_text("Invoice")
    href = link.get_attribute("href")
    assert href is not None
    assert f"/api/orders/{reference}/invoice?key=" in href
    invoice = page.context.new_page()
    invoice.goto(href)
    expect(invoice.locator("h1")).to_have_text(f"Invoice {number}")
    expect(invoice.locator("body")).to_contain_text("Total excl. VAT")
    expect(invoice.locator("body")).not_to_contain_text(EMAIL)  # opened by the order's link
    reads_on_a_phone(browser, shop_url, href)
    stranger = browser.new_page(base_url=shop_url)
    answer = stranger.goto(href.split("?")[0])  # no key, not signed in
    assert answer is not None
    assert answer.status == 404
    stranger.context.close()

    admin = signed_in_admin(browser, shop_url, shop_env_vars)
    admin.goto("/admin/orders")
    admin.get_by_test_id("field-customer").fill(EMAIL)
    admin.get_by_test_id("orders-filter").click()
    admin.get_by_test_id("order-link").filter(has_text=reference).click()
    admin_link = admin.get_by_test_id("order-invoice")
    expect(admin_link).to_contain_text(str(number))
    admin_href = admin_link.get_attribute("href")
    assert admin_href is not None
    opened = admin.context.new_page()
    opened.goto(admin_href)
    expect(opened.locator("h1")).to_have_text(f"Invoice {number}")

    # Part of it goes back: a credit note, on the admin's page and then on the shopper's.
    admin.get_by_test_id("field-amount").fill("5.00")
    admin.get_by_test_id("order-refund").click()
    admin.get_by_test_id("order-refund-confirm").click()
    expect(admin.get_by_test_id("refund-row")).to_contain_text("Refunded")
    ((note,),) = query(
        db,
        "select n.number from credit_note n join sales_order o on o.id = n.order_id"
        " where o.reference = ?",
        reference,
    )
    assert str(note).startswith("A")
    admin_note = admin.get_by_test_id("order-credit-note")
    expect(admin_note).to_have_text(f"Credit note {note}")
    admin_note_href = admin_note.get_attribute("href")
    assert admin_note_href is not None
    opened.goto(admin_note_href)
    expect(opened.locator("h1")).to_have_text(f"Credit note {note}")

    # The refund fails after it went through (a closed card): an invoice cancels the note.
    ((order_id, refund_id),) = query(
        db,
        "select o.id, r.provider_refund_id from order_refund r"
        " join sales_order o on o.id = r.order_id where o.reference = ?",
        reference,
    )
    engine = make_engine(db)
    failed = ProviderRefund(str(refund_id), 500, "EUR", "failed", datetime.now(UTC), "")
    SqlRefundStore(engine).sync(int(str(order_id)), [failed])
    engine.dispose()
    ((cancelling,),) = query(db, "select number from reversal_invoice")
    assert str(cancelling).startswith("F")
    admin.reload()
    admin_reversal = admin.get_by_test_id("order-reversal-invoice")
    expect(admin_reversal).to_have_text(f"Invoice {cancelling} cancelling credit note {note}")
    admin_reversal_href = admin_reversal.get_attribute("href")
    assert admin_reversal_href is not None
    opened.goto(admin_reversal_href)
    expect(opened.locator("h1")).to_have_text(f"Invoice {cancelling}")
    expect(opened.locator("body")).to_contain_text(f"Cancels credit note {note} of ")
    admin.context.close()

    page.reload()
    shopper_note = page.get_by_test_id("order-credit-note")
    expect(shopper_note).to_have_text(f"Credit note {note}")
    note_href = shopper_note.get_attribute("href")
    assert note_href is not None
    assert f"/api/orders/{reference}/credit-notes/{note}?key=" in note_href
    invoice.goto(note_href)
    expect(invoice.locator("h1")).to_have_text(f"Credit note {note}")
    expect(invoice.locator("body")).to_contain_text(f"Credit note to invoice {number} of ")
    reads_on_a_phone(browser, shop_url, note_href)
    expect(invoice.locator("body")).to_contain_text("€5.00")
    shopper_reversal = page.get_by_test_id("order-reversal-invoice")
    expect(shopper_reversal).to_have_text(f"Invoice {cancelling} cancelling credit note {note}")
    reversal_href = shopper_reversal.get_attribute("href")
    assert reversal_href is not None
    assert f"/api/orders/{reference}/invoices/{cancelling}?key=" in reversal_href
    invoice.goto(reversal_href)
    expect(invoice.locator("h1")).to_have_text(f"Invoice {cancelling}")
    expect(invoice.locator("body")).to_contain_text("€5.00")
    reads_on_a_phone(browser, shop_url, reversal_href)
    other = browser.new_page(base_url=shop_url)
    refused = other.goto(note_href.split("?")[0])  # no key, not signed in
    assert refused is not None
    assert refused.status == 404
    other.context.close()
