"""The shop's policies in Chromium: the merchant writes their own terms of sale in the admin
(a blank text refused with its message first), and a shopper finds them from the footer,
as a page of paragraphs and a list; checkout says the order accepts them; reset to the
default (asked first), the default is what shoppers read again. The admin's page, the terms,
checkout and the reset's question pass an axe audit."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.axe import Found, assert_clean, audit, shown
from tests.e2e.test_admin import signed_in_admin
from tests.e2e.test_checkout import add_a_product_and_open_checkout

pytestmark = pytest.mark.e2e

TERMS = "Our own terms, written for this shop.\n\nWhat they cover:\n- every order\n- every country"


def test_the_merchants_terms_are_what_shoppers_read_from_the_footer(
    browser: Browser, page: Page, shop_url: str, shop_env_vars: dict[str, str]
) -> None:
    found: Found = {}
    admin = signed_in_admin(browser, shop_url, shop_env_vars)
    admin.goto("/admin/policies")
    shown(admin, "policy-row")
    expect(admin.get_by_test_id("policy-defaults-left")).to_be_visible()
    expect(admin.get_by_test_id("policy-state").first).to_have_text("Default text")

    admin.get_by_test_id("policy-edit-terms-en").click()
    body = admin.get_by_test_id("field-body")
    expect(body).to_have_value(re.compile(r"^These terms of sale apply"))
    audit(admin, "policies, one open", found)
    body.fill("   ")
    admin.get_by_test_id("policy-save").click()
    expect(admin.get_by_test_id("error-body")).to_have_text(
        "Write the text: a policy cannot be empty."
    )
    body.fill(TERMS)
    admin.get_by_test_id("policy-save").click()
    expect(admin.get_by_test_id("admin-notice")).to_have_text("Saved: Terms of sale.")
    expect(admin.get_by_test_id("policy-state").first).to_have_text("Your text")

    page.goto("/")
    # Every page says where to write: the address the merchant set (BOUTIQUE_CONTACT_EMAIL).
    expect(page.get_by_test_id("footer-contact")).to_have_text(
        "Questions? Write to us: help@boutique.example"
    )
    mail_link = page.get_by_test_id("footer-mail")
    expect(mail_link).to_have_attribute("href", "mailto:help@boutique.example")
    link = page.get_by_test_id("footer-policy-terms")
    expect(link).to_have_text("Terms of sale")
    link.click()
    expect(page).to_have_url(re.compile(r"/policies/terms$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Terms of sale")
    text = page.get_by_test_id("policy-text")
    expect(text.locator("p")).to_have_text(
        ["Our own terms, written for this shop.", "What they cover:"]
    )
    expect(text.locator("li")).to_have_text(["every order", "every country"])
    audit(page, "terms of sale", found)
    # The French reader still has the default: only the English text was written.
    page.get_by_role("button", name="Français").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Conditions générales de vente")
    expect(page.get_by_test_id("footer-contact")).to_have_text(
        "Une question\u202f? Écrivez-nous\u202f: help@boutique.example"
    )
    expect(text.locator("p").first).to_have_text(re.compile(r"^Les présentes conditions"))

    # Checkout says, by the pay button, that the order accepts them (no box to tick).
    add_a_product_and_open_checkout(page)
    note = page.get_by_test_id("accept-note")
    # BOUTIQUE_WITHDRAWAL_DAYS: 30 by default (the footer says the same).
    expect(note).to_have_text(
        "En passant commande, vous acceptez nos conditions générales de vente et notre"
        " politique de remboursement (dont votre droit de rétractation de 30 jours)."
    )
    expect(page.get_by_test_id("accept-terms")).to_have_attribute("href", "/policies/terms")
    expect(page.get_by_test_id("accept-refund")).to_have_attribute("href", "/policies/refund")
    expect(page.get_by_test_id("accept-terms")).to_have_attribute("target", "_blank")
    shown(page, "pay")
    audit(page, "checkout, its note on the terms (French)", found)

    # Back to the default: asked first; cancelled, nothing changes.
    admin.get_by_test_id("policy-edit-terms-en").click()
    expect(admin.get_by_test_id("field-body")).to_have_value(TERMS)
    admin.get_by_test_id("policy-reset").click()
    question = admin.get_by_role("alertdialog")
    expect(question).to_contain_text("Replace your text with the shop's default?")
    audit(admin, "policies, the reset's question", found)
    question.get_by_role("button", name="Cancel").click()
    expect(question).to_have_count(0)
    expect(admin.get_by_test_id("policy-state").first).to_have_text("Your text")
    admin.get_by_test_id("policy-reset").click()
    admin.get_by_test_id("policy-reset-confirm").click()
    expect(admin.get_by_test_id("admin-notice")).to_have_text(
        "Default text restored: Terms of sale."
    )
    expect(admin.get_by_test_id("policy-state").first).to_have_text("Default text")
    expect(admin.get_by_test_id("policy-form")).to_have_count(0)
    admin.get_by_test_id("policy-edit-terms-en").click()  # a default: nothing to reset
    expect(admin.get_by_test_id("field-body")).to_have_value(re.compile(r"^These terms of sale"))
    expect(admin.get_by_test_id("policy-reset")).to_have_count(0)
    admin.context.close()

    page.goto("/policies/terms")
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Terms of sale")
    expect(text.locator("p").first).to_have_text(re.compile(r"^These terms of sale apply"))
    assert_clean(found)


def test_the_default_legal_notice_and_shipping_policy_say_the_shops_own_details(
    page: Page,
) -> None:
    """The legal notice was a template to fill in, the shipping policy said costs were "shown
    at checkout" (QA): they list the seller's settings and checkout's delivery rates."""
    page.goto("/policies/legal")
    text = page.get_by_test_id("policy-text")
    expect(text.locator("li").first).to_have_text("Company name: Boutique Démo SAS")
    expect(text.locator("li")).to_contain_text(
        ["VAT number: FR40123456824", "Email: help@boutique.example"]
    )
    expect(text).not_to_contain_text("must give here")
    page.get_by_role("button", name="Français").click()
    expect(text.locator("li").first).to_have_text("Dénomination sociale\u202f: Boutique Démo SAS")
    page.goto("/policies/shipping")
    expect(text.locator("li")).to_have_text(
        [
            re.compile(r"^Standard, 3 à 5 jours ouvrés\u202f: 4,90\s€, offerte dès 50,00\s€"),
            re.compile(r"^Express, le jour ouvré suivant\u202f: 12,90\s€$"),
        ]
    )
