"""An accessibility audit of the shopper's pages with axe-core in Chromium: every page a shopper
walks through, at desktop width and on a phone, with no violation of impact serious or critical.

The helpers that run axe and report are in tests/e2e/axe.py (the admin's audit uses them too)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.axe import PHONE, assert_clean, audit, shown
from tests.e2e.conftest import product_slug, sign_up
from tests.e2e.test_admin import query
from tests.e2e.test_cart import open_first_featured_product
from tests.e2e.test_checkout import SUCCESS, enter_card, fill_checkout

pytestmark = pytest.mark.e2e

# Nothing is left out: the checkout's card fields are localstripe's stand-in for Stripe.js,
# drawn in the page here, and pass (Stripe's own are in its iframe, which this audit can't enter).


def open_first_department(page: Page) -> None:
    """The first department's listing, loaded afresh: it is busy (dimmed) until hydrated,
    which audit waits for. Reached by a click, the page would show the last page's state for
    a moment, not yet busy, and dim while axe reads it on a loaded machine."""
    href = page.get_by_test_id("department-card").first.get_attribute("href")
    assert href
    page.goto(href)
    expect(page).to_have_url(re.compile(r"/category/[a-z0-9-]+$"))


def test_a_guests_pages_have_no_serious_accessibility_violations(page: Page) -> None:
    found: dict[str, list[dict[str, Any]]] = {}
    page.goto("/")
    shown(page, "product-card")
    audit(page, "home", found)

    open_first_department(page)
    shown(page, "product-card")
    page.get_by_test_id("facet-option").first.hover()  # a hovered link is read as well
    audit(page, "category listing", found)

    page.goto("/search?q=chair&sort=bogus")  # and its note on a link it did not understand
    shown(page, "product-card")
    expect(page.get_by_text("were not understood")).to_be_visible()
    audit(page, "search results", found)

    page.locator("#search-box").fill("lamp")  # the header box's instant results, open
    shown(page, "instant-result")
    audit(page, "instant results", found)

    open_first_featured_product(page)
    shown(page, "add-to-cart")
    audit(page, "product", found)

    page.get_by_test_id("add-to-cart").click()
    expect(page.get_by_test_id("cart-count")).to_have_text("1")
    page.get_by_test_id("cart-link").click()
    shown(page, "cart-line")
    audit(page, "cart with a line", found)

    page.get_by_test_id("go-checkout").click()
    expect(page).to_have_url(re.compile(r"/checkout$"))
    shown(page, "test-mode")
    audit(page, "checkout", found)

    page.goto("/account/sign-in")
    shown(page, "sign-up-form")
    audit(page, "sign-in / sign-up", found)
    assert_clean(found)


def test_a_product_page_with_a_sold_out_option_has_no_serious_accessibility_violations(
    page: Page, shop_env_vars: dict[str, str]
) -> None:
    """The sold-out value's button (struck through, dashed) keeps its text's contrast."""
    # One option axis (size or colour), some variants sold out and some not, as seeded.
    slug = product_slug(
        shop_env_vars["DATABASE_URL"],
        "count(*) > 1 and min(v.stock) = 0 and max(v.stock) > 0 "
        "and max((select count(*) from json_each(v.options))) = 1",
    )
    found: dict[str, list[dict[str, Any]]] = {}
    page.goto(f"/product/{slug}")
    shown(page, "add-to-cart")
    sold_out = page.get_by_test_id("option-value").filter(has_text="out of stock")
    expect(sold_out.first).to_have_class(re.compile(r"option-sold-out"))
    expect(sold_out.first).to_have_attribute("aria-checked", "false")
    audit(page, "product with a sold-out option", found)
    assert_clean(found)


def test_on_a_phone_home_listing_and_product_have_no_serious_accessibility_violations(
    page: Page,
) -> None:
    found: dict[str, list[dict[str, Any]]] = {}
    page.set_viewport_size(PHONE)
    page.goto("/")
    shown(page, "product-card")
    audit(page, "home (390 px)", found)

    open_first_department(page)
    shown(page, "product-card")
    audit(page, "category listing (390 px)", found)

    page.get_by_test_id("product-card").first.click()
    expect(page).to_have_url(re.compile(r"/product/"))
    shown(page, "add-to-cart")
    audit(page, "product (390 px)", found)
    page.get_by_role("button", name="Français").click()  # the page's texts, read in French
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    audit(page, "product (390 px, French)", found)
    assert_clean(found)


def test_the_account_and_an_order_page_have_no_serious_accessibility_violations(
    page: Page, shop_env_vars: dict[str, str]
) -> None:
    found: dict[str, list[dict[str, Any]]] = {}
    sign_up(page, "audit@example.com")
    shown(page, "profile-form")
    audit(page, "account (signed in)", found)

    open_first_featured_product(page)
    page.get_by_test_id("add-to-cart").click()
    expect(page.get_by_test_id("cart-count")).not_to_have_text("0")
    page.goto("/checkout")
    fill_checkout(page, None)
    enter_card(page, SUCCESS)
    page.get_by_test_id("pay").click()
    expect(page).to_have_url(re.compile(r"/order/[A-Z0-9]{10}\?key="), timeout=30_000)
    expect(page.get_by_test_id("order-status")).to_have_text("Paid")
    audit(page, "order confirmation", found)
    # The cancel question: an amber notice with a solid red button (each under 4.5:1 in
    # Radix's own colours; QA).
    page.get_by_test_id("order-cancel").click()
    expect(page.get_by_test_id("cancel-confirm")).to_be_visible()
    audit(page, "order cancel question", found)
    page.get_by_test_id("cancel-keep").click()
    # Shipped while still paid (as a partly refunded order is): the account's list shows
    # both badges, the blue one's small text under 4.5:1 on its tint unless in high contrast.
    reference = page.get_by_test_id("order-ref").inner_text()
    query(
        shop_env_vars["DATABASE_URL"],
        "update sales_order set fulfilled_at = created_at where reference = ?",
        reference,
    )
    page.goto("/account")
    shown(page, "history-shipped")
    expect(page.get_by_test_id("history-status")).to_have_text("Paid")
    audit(page, "account with a paid and shipped order", found)
    # On a phone, in French (the longer words): each order's row wraps within the page.
    page.set_viewport_size(PHONE)
    page.get_by_role("button", name="Français").click()
    expect(page.get_by_test_id("history-status")).to_have_text("Payée")
    row = page.get_by_test_id("history-order")
    assert row.evaluate("r => r.scrollWidth <= r.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    audit(page, "account with a paid and shipped order (390 px, French)", found)
    assert_clean(found)


def test_password_reset_and_a_refused_sign_up_have_no_serious_accessibility_violations(
    page: Page,
) -> None:
    found: dict[str, list[dict[str, Any]]] = {}
    page.goto("/account/sign-in")
    sign_up = page.get_by_test_id("sign-up-form")
    sign_up.get_by_label("Email").fill("refused@example.com")
    sign_up.get_by_label("Password").fill("short")
    sign_up.get_by_role("button").click()
    shown(page, "account-error")
    expect(page.locator("[aria-invalid=true]").first).to_be_visible()
    audit(page, "sign-up refused", found)

    page.goto("/account/reset")
    shown(page, "reset-request-form")
    audit(page, "password reset, asked", found)
    page.get_by_test_id("reset-request-form").get_by_label("Email").fill("nobody@example.com")
    page.get_by_test_id("reset-request-form").get_by_role("button").click()
    shown(page, "account-notice")
    audit(page, "password reset, sent", found)
    page.goto("/account/reset?token=not-a-token")
    expect(page).to_have_url(re.compile(r"/account/reset"))
    audit(page, "password reset, a link not valid", found)
    assert_clean(found)
