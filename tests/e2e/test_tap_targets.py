"""Targets a finger taps, measured in Chromium: on a phone (390 px wide) the header's controls
are 44 by 44 px at least and apart, on one row with the shop's name, where QA found the account
and cart icons 32 px, EN and FR 24 px high and overlapping, the departments 24 px high and the
search field 30 px; the footer's address is 44 px high (16). A desktop's header keeps its
compact sizes (assets/boutique.css: the 44 px apply up to 640 px, or on a touch screen)."""

from __future__ import annotations

from itertools import pairwise

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.axe import PHONE

pytestmark = pytest.mark.e2e
FINGER = 44


def size(locator: Locator) -> dict[str, float]:
    box = locator.bounding_box()
    assert box is not None, locator
    return box


def apart(a: dict[str, float], b: dict[str, float]) -> bool:
    """Side by side without overlapping (a to the left of b), or one above the other."""
    return a["x"] + a["width"] <= b["x"] or a["y"] + a["height"] <= b["y"]


def header_controls(page: Page) -> dict[str, Locator]:
    return {
        "account": page.get_by_test_id("account-link"),
        "cart": page.get_by_test_id("cart-link"),
        "EN": page.get_by_test_id("lang-en"),
        "FR": page.get_by_test_id("lang-fr"),
        "all departments": page.get_by_test_id("all-departments"),
    }


def test_on_a_phone_the_headers_controls_are_a_fingers_size_and_apart(page: Page) -> None:
    page.set_viewport_size(PHONE)
    page.goto("/")
    expect(page.get_by_test_id("cart-count")).to_be_visible()
    boxes = {name: size(control) for name, control in header_controls(page).items()}
    for name, box in boxes.items():
        assert box["width"] >= FINGER, (name, box)
        assert box["height"] >= FINGER, (name, box)
    row = [boxes[name] for name in ("account", "cart", "EN", "FR")]
    for left, right in pairwise(row):
        assert apart(left, right), (left, right)
    # One row with the shop's name, all within the screen: nothing wrapped or pushed out.
    name = size(page.get_by_role("link", name="Boutique — home"))
    middle = name["y"] + name["height"] / 2
    for box in row:
        assert abs(box["y"] + box["height"] / 2 - middle) < 2, box
    assert boxes["FR"]["x"] + boxes["FR"]["width"] <= PHONE["width"] - 16
    search = size(page.locator(".search-form .rt-TextFieldRoot"))
    assert search["height"] >= FINGER
    assert search["width"] == PHONE["width"] - 32
    departments = page.locator(".dept-nav a")
    for n in range(3):
        assert size(departments.nth(n))["height"] >= FINGER
    footer_mail = page.get_by_test_id("footer-mail")
    footer_mail.scroll_into_view_if_needed()
    assert size(footer_mail)["height"] >= FINGER
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]  # nothing wider than the phone


def test_on_a_phone_in_french_the_header_still_holds_on_one_row(page: Page) -> None:
    page.set_viewport_size(PHONE)
    page.goto("/")
    page.get_by_test_id("lang-fr").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    boxes = [size(control) for control in header_controls(page).values()]
    assert all(box["width"] >= FINGER and box["height"] >= FINGER for box in boxes)
    assert len({round(box["y"]) for box in boxes[:4]}) == 1


def test_a_desktop_header_keeps_its_compact_controls(page: Page) -> None:
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto("/")
    expect(page.get_by_test_id("cart-count")).to_be_visible()
    assert size(page.get_by_test_id("account-link"))["height"] == 32
    assert size(page.get_by_test_id("lang-en"))["height"] == 24
    # EN and FR apart, not overlapping by 4 px (a ghost button's negative margins).
    assert apart(size(page.get_by_test_id("lang-en")), size(page.get_by_test_id("lang-fr")))
    assert size(page.locator(".search-form .rt-TextFieldRoot"))["height"] == 32
    # The search box on the first row, beside the account link (a phone gives it its own).
    search = size(page.locator(".search-form .rt-TextFieldRoot"))
    account = size(page.get_by_test_id("account-link"))
    assert abs((search["y"] + search["height"] / 2) - (account["y"] + account["height"] / 2)) < 2
