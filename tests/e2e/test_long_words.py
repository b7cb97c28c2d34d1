"""A product named in one long word (a German compound, a pasted reference) wraps on a phone:
the page never grows wider than the screen, and Add to cart stays within reach."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.axe import PHONE
from tests.e2e.test_cart import open_first_featured_product

pytestmark = pytest.mark.e2e

LONG = "Donaudampfschifffahrtsgesellschaftskapitänsmütze" * 3

# The word written into the page where the product's name shows (its text is the shop's own
# once loaded; the layout is what is measured).
RENAME = """([ids, word]) => {
  for (const id of ids) {
    for (const element of document.querySelectorAll(`[data-testid="${id}"]`)) {
      element.textContent = word;
    }
  }
}"""


def page_width(page: Page) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth"))


def test_a_name_in_one_long_word_wraps_on_a_phone(page: Page) -> None:
    page.set_viewport_size(PHONE)
    open_first_featured_product(page)
    page.evaluate(RENAME, [["product-title", "product-description"], LONG])
    assert page_width(page) <= PHONE["width"]
    add = page.get_by_test_id("add-to-cart")
    box = add.bounding_box()
    assert box is not None
    assert box["x"] + box["width"] <= PHONE["width"]

    add.click()
    expect(page.get_by_test_id("cart-count")).not_to_have_text("0")
    page.goto("/cart")
    expect(page.get_by_test_id("cart-line")).to_have_count(1)
    page.evaluate(RENAME, [["cart-line-title"], LONG])
    assert page_width(page) <= PHONE["width"]


def test_a_search_of_one_long_word_wraps_where_the_page_repeats_it(page: Page) -> None:
    """300 x's searched: "No product matches “xxx…”" widened the page sideways (QA)."""
    for width in (PHONE["width"], 1440):
        page.set_viewport_size({**PHONE, "width": width})
        page.goto("/search?q=" + "x" * 300)
        expect(page.get_by_test_id("empty-listing")).to_be_visible()
        assert page_width(page) <= width
