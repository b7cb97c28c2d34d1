"""Product reviews in Chromium: a shopper who never bought the product is told only buyers
review it; once their order is paid they write one (a too-short text refused first), the
merchandiser publishes it from /admin/reviews, and the product page, still open, shows it
without a reload, with the reviewer's first name and initial and the verified-purchase mark.
The product page with its review and the admin's page pass an axe audit."""

from __future__ import annotations

import re
import sqlite3
from urllib.parse import quote

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlmodel import Session

from models.orders import OrderLine, OrderStatus, SalesOrder
from storefront.adapters.db import make_engine
from tests.e2e.axe import Found, assert_clean, audit, shown
from tests.e2e.conftest import product_slug, sign_up
from tests.e2e.test_admin import signed_in_admin

pytestmark = pytest.mark.e2e
BUYER = "reviewer@example.com"
TEXT = "Sturdy, well made, and it arrived quickly."


def pay_for(database_url: str, email: str, slug: str) -> None:
    """A paid order of the account `email` holding the product at `slug` (as checkout leaves
    it once Stripe confirmed the payment), and the account's name."""
    with sqlite3.connect(database_url.removeprefix("sqlite:///"), timeout=10) as db:
        (account,) = db.execute("select id from account where email = ?", (email,)).fetchone()
        (product,) = db.execute("select id from product where slug = ?", (slug,)).fetchone()
        db.execute("update account set name = 'Rita Reviewer' where id = ?", (account,))
    engine = make_engine(database_url)
    try:
        with Session(engine) as session:
            order = SalesOrder(reference="REVIEWBUY1", status=OrderStatus.PAID, currency="EUR",
                               total_minor=2_000, account_id=account, email=email)  # fmt: skip
            session.add(order)
            session.flush()
            assert order.id is not None
            session.add(OrderLine(order_id=order.id, product_id=product, unit_price_minor=2_000))
            session.commit()
    finally:
        engine.dispose()


def seeded_reviews(database_url: str, slug: str) -> int:
    with sqlite3.connect(database_url.removeprefix("sqlite:///"), timeout=10) as db:
        (count,) = db.execute("select review_count from product where slug = ?", (slug,)).fetchone()
    return int(count)


def test_a_buyers_review_is_published_by_the_admin_and_shown_on_the_product_page(
    browser: Browser, page: Page, shop_url: str, shop_env_vars: dict[str, str]
) -> None:
    found: Found = {}
    database = shop_env_vars["DATABASE_URL"]
    slug = product_slug(database, "min(v.stock) >= 1 and p.id % 13 = 5")
    page.goto(f"/product/{slug}")
    expect(page.get_by_test_id("review-why")).to_have_text("Sign in to review this product.")
    sign_up(page, BUYER)
    page.goto(f"/product/{slug}")
    expect(page.get_by_test_id("review-why")).to_have_text(
        "Only shoppers who bought this product can review it."
    )
    pay_for(database, BUYER, slug)
    page.reload()
    count = seeded_reviews(database, slug)
    section = page.get_by_test_id("reviews")
    # No star is chosen until the shopper picks one: five drawn at first published five-star
    # ratings for whoever typed only a text.
    picker = section.get_by_role("group", name="Your rating")
    expect(picker.locator("input:checked")).to_have_count(0)
    section.get_by_test_id("review-body").fill(TEXT)
    section.get_by_test_id("review-save").click()
    expect(page.get_by_test_id("error-review-rating")).to_have_text("Choose from 1 to 5 stars.")
    # The group refused takes the focus through its first star (a fieldset cannot).
    expect(picker.locator("input").first).to_be_focused()
    # Then the arrow keys move through the stars, as in any radio group.
    picker.locator("label").nth(4).click()
    page.mouse.move(0, 0)  # stars up to the pointer light up too
    expect(picker.get_by_role("radio", name="5 stars out of 5")).to_be_checked()
    picker.get_by_role("radio", name="5 stars out of 5").focus()
    page.keyboard.press("ArrowLeft")
    expect(picker.get_by_role("radio", name="4 stars out of 5")).to_be_checked()
    filled = picker.locator("label").evaluate_all(
        "labels => labels.map(l => getComputedStyle(l).color)"
    )
    assert len(set(filled[:4])) == 1, filled  # four stars lit, the fifth not
    assert filled[4] != filled[0], filled
    section.get_by_test_id("review-title").fill("Solid")
    section.get_by_test_id("review-body").fill("Nice.")
    section.get_by_test_id("review-save").click()
    expect(page.get_by_test_id("error-review-body")).to_have_text("At least 10 characters.")
    section.get_by_test_id("review-body").fill(TEXT)
    section.get_by_test_id("review-save").click()
    expect(page.get_by_test_id("review-told")).to_have_text(
        "Thank you! Your review will appear once our team has read it."
    )
    expect(section.get_by_test_id("review")).to_have_count(0)  # pending: not shown yet
    # Written: the form edits it, and says so (it said "Send the review" still; QA).
    expect(section.get_by_test_id("review-save")).to_have_text("Save the changes")

    admin = signed_in_admin(browser, shop_url, shop_env_vars)
    admin.goto("/admin/reviews")
    # Staff read what the queue is for, not the shoppers' note.
    expect(admin.get_by_test_id("reviews-note")).to_contain_text("until you publish them")
    row = admin.get_by_test_id("review-row").filter(has_text=TEXT)
    expect(row.get_by_test_id("review-status")).to_have_text("Pending")
    expect(row.locator(".sr-only")).to_have_text("Rated 4 out of 5")
    audit(admin, "admin reviews", found)
    row.get_by_test_id("review-publish").click()
    expect(admin.get_by_test_id("admin-notice")).to_have_text("Review published.")
    expect(row.get_by_test_id("review-status")).to_have_text("Published")
    # On a phone the review reads in lines, not a word a line (16em: 224 px).
    admin.set_viewport_size({"width": 390, "height": 844})
    assert row.get_by_test_id("review-text").bounding_box()["width"] >= 220  # type: ignore[index]
    admin.context.close()

    # No reload: the buyer's open page follows the publish (state/live_updates.py).
    review = page.get_by_test_id("review")
    # The rating's count: the seeded reviews and this one.
    expect(page.get_by_test_id("product-rating")).to_contain_text(f"({count + 1:,}")
    spoken = page.get_by_test_id("product-rating").locator(".sr-only")
    expect(spoken).to_have_text(re.compile(rf"^Rated \d(\.\d)? out of 5, {count + 1:,} reviews$"))
    expect(review).to_have_count(1)
    # Its writer's note follows too: it said "will appear once read" under it (QA).
    expect(section.get_by_test_id("review-standing")).to_contain_text("Your review is published.")
    expect(page.get_by_test_id("review-told")).to_have_count(0)
    # The four stars chosen with the keyboard are the review's, read as a sentence.
    expect(review.locator(".sr-only")).to_have_text("Rated 4 out of 5")
    expect(review).to_contain_text("Solid")
    expect(review).to_contain_text(TEXT)
    expect(review).to_contain_text("Rita R.")
    expect(review.get_by_test_id("review-verified")).to_have_text("✓ Verified purchase")
    assert BUYER not in page.get_by_test_id("reviews").inner_text()
    shown(page, "review")
    audit(page, "product page with a review", found)
    title = page.get_by_test_id("product-title").inner_text()
    page.get_by_role("button", name="Français").click()
    expect(review.get_by_test_id("review-verified")).to_have_text("✓ Achat vérifié")
    # The demo catalog is English: its title says so, for a screen reader in French.
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_test_id("product-title")).to_have_attribute("lang", "en")
    expect(review.locator(".sr-only")).to_have_text("Noté 4 sur 5")
    page.reload()  # the form says where the shopper's own review stands
    expect(section.get_by_test_id("review-standing")).to_contain_text(
        "Votre avis est publié. Le modifier le retire de la page"
    )

    # Its card in the search results counts it too, as the product page does.
    results = browser.new_page(base_url=shop_url)
    results.goto(f"/search?q={quote(title)}")
    card = results.get_by_test_id("product-card").filter(has_text=title).first
    expect(card).to_contain_text(f"({count + 1:,}")
    results.close()

    # An edit is no new review: no second "Thank you", and it says the review is off the page.
    section.get_by_test_id("review-body").fill(f"{TEXT} Still good.")
    section.get_by_test_id("review-save").click()
    expect(page.get_by_test_id("review-told")).to_have_text(
        "Vos modifications sont enregistrées. Votre avis réapparaîtra une fois relu par notre "
        "équipe."
    )
    expect(review).to_have_count(0)
    # Hidden while pending again (nothing shown moves): the writer's open page says so all
    # the same, without a reload; it kept "will appear once read" (QA).
    admin = signed_in_admin(browser, shop_url, shop_env_vars)
    admin.goto("/admin/reviews")
    row = admin.get_by_test_id("review-row").filter(has_text="Still good.")
    row.get_by_test_id("review-hide").click()
    expect(row.get_by_test_id("review-status")).to_have_text("Hidden")
    admin.context.close()
    expect(section.get_by_test_id("review-standing")).to_contain_text(
        "Votre avis n’a pas été publié."
    )
    # Deleted: its button goes with it, and the reader lands on the note saying so.
    section.get_by_test_id("review-delete").click()
    expect(page.get_by_test_id("review-told")).to_be_focused()
    expect(section.get_by_test_id("review-delete")).to_have_count(0)
    assert_clean(found)


def test_a_rated_product_without_written_reviews_says_where_its_rating_comes_from(
    page: Page, shop_env_vars: dict[str, str]
) -> None:
    """The stars and "(24)" by the title count ratings imported with the catalog; the section
    below said "No reviews published yet.", as if they were wrong."""
    database = shop_env_vars["DATABASE_URL"]
    slug = product_slug(database, "max(p.review_count) > 1 and p.id % 13 = 7")
    count = seeded_reviews(database, slug)
    page.goto(f"/product/{slug}")
    expect(page.get_by_test_id("product-rating")).to_contain_text(f"({count:,}")
    told = page.get_by_test_id("reviews-none-rated")
    expect(told).to_have_text(
        f"No written reviews yet: the rating above comes from {count:,} ratings."
    )
    page.get_by_role("button", name="Français").click()
    expect(told).to_have_text(
        "Aucun avis rédigé pour l’instant\u202f: la note ci-dessus repose sur "
        f"{count:,} évaluations.".replace(",", "\u202f")
    )


def test_a_guest_signing_in_to_review_comes_back_to_the_products_reviews(
    page: Page, shop_env_vars: dict[str, str]
) -> None:
    """QA: "Sign in to review this product." led to the account page, the product left."""
    slug = product_slug(shop_env_vars["DATABASE_URL"], "min(v.stock) >= 1 and p.id % 13 = 8")
    sign_up(page, "back-to-review@example.com")
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"^https?://[^/]+/$"))
    page.goto(f"/product/{slug}")
    link = page.get_by_test_id("review-sign-in")
    expect(link).to_have_text("Sign in to review this product.")
    expect(link).to_have_attribute(
        "href", re.compile(rf"^/account/sign-in\?next=/product/{slug}(%3F\S*)?%23reviews$")
    )
    link.click()
    form = page.get_by_test_id("sign-in-form")
    form.get_by_label("Email").fill("back-to-review@example.com")
    form.get_by_label("Password").fill("a long enough password")
    form.get_by_role("button").click()
    expect(page).to_have_url(re.compile(rf"/product/{slug}(\?[^#]*)?#reviews$"))
    # Signed in now, at the reviews, in sight below the header.
    expect(page.get_by_test_id("review-why")).to_have_text(
        "Only shoppers who bought this product can review it."
    )
    section = page.get_by_test_id("reviews")
    expect(section).to_be_in_viewport()
    top = section.evaluate("s => s.getBoundingClientRect().top")
    assert 0 <= top < 300, top
    assert page.evaluate("window.scrollY") > 0
