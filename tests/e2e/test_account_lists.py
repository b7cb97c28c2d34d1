"""A signed-in shopper's profile, saved addresses (offered again at checkout) and wishlist."""

from __future__ import annotations

import json
import re
import sqlite3

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import sign_up
from tests.e2e.test_cart import open_first_featured_product
from tests.e2e.test_checkout import SUCCESS, enter_card

pytestmark = pytest.mark.e2e


# Records what the page ever showed of `words` (texts, or "#testid"), from its first byte on.
SHOWN_EVER = """
window.__shown = [];
new MutationObserver(() => {
  const text = document.body ? document.body.textContent : "";
  for (const words of %s) {
    const there = words.startsWith("#")
      ? document.querySelector(`[data-testid="${words.slice(1)}"]`) !== null
      : text.includes(words);
    if (there && !window.__shown.includes(words)) window.__shown.push(words);
  }
}).observe(document, {childList: true, subtree: true, characterData: true});
"""


def saved_addresses(database_url: str) -> int:
    with sqlite3.connect(database_url.removeprefix("sqlite:///")) as db:
        return int(db.execute("select count(*) from saved_address").fetchone()[0])


def test_a_guests_heart_leads_to_signing_up_and_back_with_the_product_kept(page: Page) -> None:
    title = open_first_featured_product(page)
    product_page = page.url
    page.get_by_test_id("wishlist-toggle").click()
    expect(page).to_have_url(re.compile(r"/account/sign-in\?next=%2Fproduct%2F"))
    form = page.get_by_test_id("sign-up-form")
    form.get_by_label("Email").fill("heart@example.com")
    form.get_by_label("Password").fill("a long enough password")
    form.get_by_role("button").click()
    expect(page).to_have_url(re.compile(re.escape(product_page.rstrip("/")) + "/?$"))
    heart = page.get_by_test_id("wishlist-toggle")
    expect(heart).to_contain_text("On your wishlist")
    expect(page.get_by_text("Saved to your wishlist")).to_be_visible()
    page.goto("/account")
    expect(page.get_by_test_id("wishlist-item")).to_have_count(1)
    expect(page.get_by_test_id("wishlist-item")).to_contain_text(title)


def test_a_sign_in_page_sends_the_browser_back_only_within_the_shop(page: Page) -> None:
    page.goto("/account/sign-in?next=//evil.example/")
    form = page.get_by_test_id("sign-up-form")
    form.get_by_label("Email").fill("elsewhere@example.com")
    form.get_by_label("Password").fill("a long enough password")
    form.get_by_role("button").click()
    expect(page).to_have_url(re.compile(r"/account/?$"))


def test_profile_addresses_and_wishlist(page: Page, shop_env_vars: dict[str, str]) -> None:
    sign_up(page, "lists@example.com")
    profile = page.get_by_test_id("profile-form")
    profile.get_by_test_id("profile-name").fill("Camille  Martin")
    profile.get_by_role("button").click()
    expect(page.get_by_test_id("account-notice")).to_contain_text("profile is saved")
    # Saved again, the same note is drawn anew, so that a screen reader hears it again.
    page.get_by_test_id("account-notice").evaluate("note => { note.dataset.before = 'yes'; }")
    profile.get_by_role("button").click()
    expect(page.locator("[data-testid=account-notice][data-before]")).to_have_count(0)
    expect(page.get_by_test_id("account-notice")).to_contain_text("profile is saved")
    page.reload()
    expect(page.get_by_test_id("profile-name")).to_have_value("Camille Martin")

    # A bad postal code is refused beside its field, and nothing is kept.
    form = page.get_by_test_id("address-form")
    form.get_by_test_id("field-name").fill("Camille Martin")
    form.get_by_test_id("field-line1").fill("12 rue des Lilas")
    form.get_by_test_id("field-postal_code").fill("7501")
    form.get_by_test_id("field-city").fill("Paris")
    form.get_by_role("button").click()
    expect(form.get_by_test_id("error-postal_code")).to_be_visible()
    postal = form.get_by_test_id("field-postal_code")
    expect(postal).to_have_attribute("aria-invalid", "true")
    expect(postal).to_have_attribute("aria-describedby", "postal_code-error")
    expect(postal).to_be_focused()
    expect(page.get_by_test_id("saved-address-row")).to_have_count(0)
    assert saved_addresses(shop_env_vars["DATABASE_URL"]) == 0
    form.get_by_test_id("field-postal_code").fill("75011")
    form.get_by_role("button").click()
    expect(page.get_by_test_id("saved-address-row")).to_have_count(1)
    expect(page.get_by_test_id("saved-address-row")).to_contain_text("75011 Paris, France")
    expect(form.get_by_test_id("field-line1")).to_have_value("")  # the form is empty again
    # The form drawn again took the focus with it: the note saying it was saved has it.
    expect(page.locator("#address-note")).to_be_focused()

    # Edit, named for its address, fills the form and focuses its first field; a bad value is
    # refused beside its field and changes nothing; Save changes the address in place.
    page.get_by_role("button", name=re.compile(r"^Edit: Camille Martin, 12 rue des Lilas")).click()
    expect(form.get_by_test_id("field-line1")).to_have_value("12 rue des Lilas")
    expect(form.get_by_test_id("field-name")).to_be_focused()
    form.get_by_test_id("field-line2").fill("Bât. B; 3e étage")
    form.get_by_test_id("field-postal_code").fill("1011 AB")
    form.get_by_role("button", name="Save").click()
    expect(form.get_by_test_id("field-postal_code")).to_be_focused()
    expect(page.get_by_test_id("saved-address-row")).not_to_contain_text("Bât. B")
    form.get_by_test_id("field-postal_code").fill("75011")
    form.get_by_role("button", name="Save").click()
    row = page.get_by_test_id("saved-address-row")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("12 rue des Lilas, Bât. B; 3e étage, 75011 Paris")
    expect(page.locator("#address-note")).to_be_focused()
    expect(page.locator("#address-note")).to_contain_text("Address updated")
    expect(form.get_by_test_id("field-line2")).to_have_value("")  # back to adding one
    assert saved_addresses(shop_env_vars["DATABASE_URL"]) == 1
    # Cancel leaves it as it was, the note saying so taking the focus.
    row.get_by_test_id("edit-address").click()
    form.get_by_test_id("field-line2").fill("Porte 7")
    form.get_by_test_id("cancel-edit-address").click()
    expect(page.locator("#address-note")).to_be_focused()
    expect(page.locator("#address-note")).to_contain_text("unchanged")
    expect(row).to_contain_text("Bât. B; 3e étage")
    expect(form.get_by_test_id("field-line2")).to_have_value("")

    # The heart on a product page keeps it; the account page lists it; removing empties it.
    title = open_first_featured_product(page)
    heart = page.get_by_test_id("wishlist-toggle")
    expect(heart).to_contain_text("Save to wishlist")
    heart.click()
    expect(heart).to_contain_text("On your wishlist")
    # Opened afresh, the account page never says "Sign in" to the signed-in shopper, nor that
    # a list of theirs is empty while it is on its way.
    wrong = ["#account-sign-in", "No saved address yet", "Nothing saved yet"]
    page.add_init_script(SHOWN_EVER % json.dumps(wrong))
    page.goto("/account")
    item = page.get_by_test_id("wishlist-item")
    expect(item).to_have_count(1)
    expect(page.get_by_test_id("saved-address-row")).to_have_count(1)
    assert page.evaluate("window.__shown") == []
    expect(item).to_contain_text(title)
    item.get_by_test_id("wishlist-remove").click()
    expect(page.get_by_test_id("wishlist-item")).to_have_count(0)
    expect(page.locator("#wishlist-note")).to_be_focused()  # not lost with the button
    expect(page.locator("#wishlist-note")).not_to_be_empty()
    # The next section stands apart from the wishlist, as every section of the page does
    # (its heading sat right under the wishlist's last line).
    wishlist = page.get_by_test_id("wishlist").bounding_box()
    alerts = page.get_by_test_id("restock-alerts").bounding_box()
    assert wishlist is not None
    assert alerts is not None
    assert alerts["y"] - (wishlist["y"] + wishlist["height"]) >= 24

    # At checkout the saved address fills the form from the start; "a new address" empties
    # it, and picking the saved one again fills it back.
    open_first_featured_product(page)
    page.get_by_test_id("add-to-cart").click()
    expect(page.get_by_test_id("cart-count")).not_to_have_text("0")
    page.goto("/checkout")
    expect(page.get_by_test_id("field-line1")).to_have_value("12 rue des Lilas")
    expect(page.get_by_test_id("saved-address")).not_to_have_value("")
    page.get_by_test_id("saved-address").select_option(index=0)
    expect(page.get_by_test_id("field-line1")).to_have_value("")
    page.get_by_test_id("saved-address").select_option(index=1)
    expect(page.get_by_test_id("field-line1")).to_have_value("12 rue des Lilas")
    expect(page.get_by_test_id("field-postal_code")).to_have_value("75011")
    expect(page.get_by_test_id("field-name")).to_have_value("Camille Martin")

    # A new address ticked "Save this address" joins the account once the order is placed.
    page.get_by_test_id("field-line1").fill("3 quai Voltaire")
    page.get_by_test_id("save-address").click()
    enter_card(page, SUCCESS)
    page.get_by_test_id("pay").click()
    expect(page).to_have_url(re.compile(r"/order/[A-Z0-9]{10}\?key="), timeout=30_000)
    page.goto("/account")
    expect(page.get_by_test_id("saved-address-row")).to_have_count(2)
    expect(page.get_by_test_id("address-book")).to_contain_text("3 quai Voltaire")
    # Each Remove names its address; removing one leaves the focus on the note saying so.
    page.get_by_role("button", name=re.compile(r"^Remove: .*3 quai Voltaire")).click()
    expect(page.get_by_test_id("saved-address-row")).to_have_count(1)
    expect(page.locator("#address-note")).to_be_focused()
    expect(page.locator("#address-note")).to_contain_text("Address removed")
    # Removed at a tap (QA: no way back): Undo, the next Tab stop, puts it back in its place,
    # and the note, focused again, says so.
    page.keyboard.press("Tab")
    undo = page.get_by_role("button", name=re.compile(r"^Undo, put back .*3 quai Voltaire"))
    expect(undo).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("saved-address-row")).to_have_count(2)
    expect(page.get_by_test_id("saved-address-row").nth(1)).to_contain_text("3 quai Voltaire")
    expect(page.locator("#address-note")).to_be_focused()
    expect(page.locator("#address-note")).to_contain_text("Address put back")
    expect(page.get_by_test_id("address-undo")).to_have_count(0)
