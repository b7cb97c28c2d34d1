"""An accessibility audit of the shopper's pages with axe-core in Chromium: every page a shopper
walks through, at desktop width and on a phone, with no violation of impact serious or critical.

axe-core comes from npm into .tools (scripts/lib.sh's ensure_axe, run by scripts/test)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_account_lists import sign_up
from tests.e2e.test_cart import open_first_featured_product
from tests.e2e.test_checkout import SUCCESS, enter_card, fill_checkout
from tests.missing import missing
from tests.shop_server import ROOT

pytestmark = pytest.mark.e2e

AXE = ROOT / ".tools" / "node_modules" / "axe-core" / "axe.min.js"
FAILING_IMPACTS = ("serious", "critical")
PHONE = {"width": 390, "height": 844}
# Resolves once the DOM has not changed for 400 ms (5 s at most).
SETTLED = """() => new Promise(resolve => {
  let timer;
  const observer = new MutationObserver(() => {
    clearTimeout(timer);
    timer = setTimeout(done, 400);
  });
  const done = () => { observer.disconnect(); clearTimeout(cap); resolve(true); };
  const cap = setTimeout(done, 5000);
  const all = {subtree: true, childList: true, attributes: true, characterData: true};
  observer.observe(document.body, all);
  timer = setTimeout(done, 400);
})"""

# Nothing is left out: the checkout's card fields are localstripe's stand-in for Stripe.js,
# drawn in the page here, and pass (Stripe's own are in its iframe, which this audit can't enter).


def audit(page: Page, name: str, found: dict[str, list[dict[str, Any]]]) -> None:
    """Run axe on the page as it stands; keep its serious and critical violations under `name`."""
    if not AXE.exists():
        missing(f"{AXE} missing (scripts/test installs axe-core)")
    page.wait_for_load_state("load")
    # A listing is dimmed (aria-busy) until the page is hydrated and its results loaded; and
    # axe takes its time: a page still changing under it mixes two states (half dimmed).
    page.wait_for_function("() => !document.querySelector('[aria-busy=true]')")
    page.evaluate(SETTLED)
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    bad = [v for v in results["violations"] if v["impact"] in FAILING_IMPACTS]
    if bad:
        found[name] = bad


def report(found: dict[str, list[dict[str, Any]]]) -> str:
    lines = []
    for name, violations in found.items():
        for v in violations:
            targets = [" ".join(map(str, node["target"])) for node in v["nodes"][:4]]
            # The first node's reason, e.g. the two colours and their contrast ratio.
            why = v["nodes"][0].get("failureSummary", "").splitlines()[1:2]
            lines.append(
                f"{name}: {v['id']} ({v['impact']}, {len(v['nodes'])} nodes): {v['help']}\n"
                f"    {v['helpUrl']}\n    at: {' | '.join(targets)}"
                + "".join(f"\n    why: {line.strip()}" for line in why)
            )
    return "\n".join(lines)


def assert_clean(found: dict[str, list[dict[str, Any]]]) -> None:
    assert not found, "accessibility violations:\n" + report(found)


def shown(page: Page, test_id: str) -> None:
    """Wait until the page is drawn with its data (axe audits what is on screen)."""
    expect(page.get_by_test_id(test_id).first).to_be_visible()


def test_a_guests_pages_have_no_serious_accessibility_violations(page: Page) -> None:
    found: dict[str, list[dict[str, Any]]] = {}
    page.goto("/")
    shown(page, "product-card")
    audit(page, "home", found)

    page.get_by_test_id("department-card").first.click()
    expect(page).to_have_url(re.compile(r"/category/[a-z0-9-]+$"))
    shown(page, "product-card")
    page.get_by_test_id("facet-option").first.hover()  # a hovered link is read as well
    audit(page, "category listing", found)

    page.goto("/search?q=chair&sort=bogus")  # and its note on a link it did not understand
    shown(page, "product-card")
    expect(page.get_by_text("were not understood")).to_be_visible()
    audit(page, "search results", found)

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


def test_on_a_phone_home_listing_and_product_have_no_serious_accessibility_violations(
    page: Page,
) -> None:
    found: dict[str, list[dict[str, Any]]] = {}
    page.set_viewport_size(PHONE)
    page.goto("/")
    shown(page, "product-card")
    audit(page, "home (390 px)", found)

    page.get_by_test_id("department-card").first.click()
    expect(page).to_have_url(re.compile(r"/category/[a-z0-9-]+$"))
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
    page: Page,
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
    assert_clean(found)
