"""A shopper undoing the removal of a cart line: it comes back in its place with its quantity
and the totals follow; one sold out meanwhile is said, not put back."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.axe import assert_clean, audit
from tests.e2e.conftest import product_slug, set_stock

pytestmark = pytest.mark.e2e


def add_to_cart(page: Page, slug: str, count: int) -> str:
    """Add one of the product at `slug` (the cart then counts `count`); returns its title."""
    page.goto(f"/product/{slug}")
    title = page.get_by_test_id("product-title").inner_text()
    page.get_by_test_id("add-to-cart").click()
    expect(page.get_by_test_id("cart-count")).to_have_text(str(count))
    return title


def test_a_removed_line_comes_back_with_undo_in_its_place_with_its_quantity_and_totals(
    page: Page, shop_env_vars: dict[str, str]
) -> None:
    database = shop_env_vars["DATABASE_URL"]
    sized = add_to_cart(page, product_slug(database, "min(v.stock) >= 5 and count(*) > 1"), 1)
    single = product_slug(database, "count(*) = 1 and min(v.stock) >= 5 and p.id % 7 = 6")
    add_to_cart(page, single, 2)
    page.goto("/cart")
    lines = page.get_by_test_id("cart-line")
    expect(lines).to_have_count(2)
    expect(lines.first).to_contain_text(sized)
    box = lines.first.get_by_test_id("cart-quantity")
    box.fill("3")
    box.press("Enter")
    count = page.get_by_test_id("cart-count")
    expect(count).to_have_text("4")
    subtotal = page.get_by_test_id("cart-subtotal")
    total = subtotal.inner_text()

    lines.first.get_by_test_id("cart-remove").press("Enter")  # by the keyboard
    expect(lines).to_have_count(1)
    expect(count).to_have_text("1")
    expect(subtotal).not_to_have_text(total)
    note = page.get_by_test_id("cart-removed")
    expect(note).to_have_text(re.compile(rf"^{re.escape(sized)} \(.+\) removed\.$"))
    region = page.locator("#cart-note")
    expect(region).to_have_attribute("role", "status")  # heard, and the focus is on it
    expect(region).to_be_focused()
    undo = page.get_by_test_id("cart-undo")
    expect(undo).to_have_accessible_name(re.compile(rf"^Undo, put back {re.escape(sized)} \("))
    page.keyboard.press("Tab")  # the next stop from the note
    expect(undo).to_be_focused()
    found: dict[str, list[dict[str, Any]]] = {}
    audit(page, "cart with Undo offered", found)
    assert_clean(found)

    page.keyboard.press("Enter")
    expect(lines).to_have_count(2)
    expect(lines.first).to_contain_text(sized)  # in its place, with its quantity
    expect(lines.first.get_by_test_id("cart-quantity")).to_have_value("3")
    expect(count).to_have_text("4")
    expect(subtotal).to_have_text(total)
    expect(page.get_by_test_id("cart-message")).to_have_text(
        re.compile(rf"^{re.escape(sized)} \(.+\) is back in your cart\.$")
    )
    expect(undo).to_have_count(0)
    expect(region).to_be_focused()  # not lost with the Undo button

    page.goto("/checkout")  # the checkout's summary orders it again
    expect(page.get_by_test_id("summary-line-total")).to_have_count(2)
    expect(page.locator("main")).to_contain_text(f"3 × {sized}")


def test_a_line_sold_out_between_its_removal_and_undo_is_said_and_not_put_back(
    page: Page, shop_env_vars: dict[str, str]
) -> None:
    database = shop_env_vars["DATABASE_URL"]
    slug = product_slug(database, "count(*) = 1 and min(v.stock) >= 2 and p.id % 7 = 5")
    title = add_to_cart(page, slug, 1)
    page.goto("/cart")
    page.get_by_test_id("cart-remove").click()
    expect(page.get_by_test_id("cart-empty")).to_be_visible()
    expect(page.get_by_test_id("cart-removed")).to_contain_text(f"{title}")
    set_stock(database, slug, 0)  # the last ones sold meanwhile

    page.get_by_test_id("cart-undo").click()
    message = page.get_by_test_id("cart-message")
    expect(message).to_have_text(
        re.compile(
            rf"^{re.escape(title)}.* sold out since you removed it: it could not be put back"
        )
    )
    expect(page.get_by_test_id("cart-line")).to_have_count(0)
    expect(page.get_by_test_id("cart-empty")).to_be_visible()
    expect(page.get_by_test_id("cart-count")).to_have_text("0")
    expect(page.get_by_test_id("cart-undo")).to_have_count(0)
    page.get_by_role("button", name="Français").click()
    expect(message).to_contain_text("épuisé depuis son retrait")
