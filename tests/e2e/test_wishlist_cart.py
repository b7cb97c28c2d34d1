"""Buying from the wishlist (QA: it listed saved products with no way to buy them): Add to cart
beside each product sold in one variant, saying how it went beside its row, the header's count
following; "Choose options" for one with several, leading to its page."""

from __future__ import annotations

import re
import sqlite3

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.axe import PHONE, Found, assert_clean, audit
from tests.e2e.conftest import set_stock, sign_up

pytestmark = pytest.mark.e2e


def products(database_url: str, variants: str, count: int) -> list[tuple[str, str]]:
    """(slug, title) of active products whose variant count meets `variants`, 5 or more of
    each in stock: from the end of the catalog, away from those other tests buy."""
    with sqlite3.connect(database_url.removeprefix("sqlite:///")) as db:
        rows = db.execute(
            "select p.slug, p.title from product p join variant v on v.product_id = p.id "
            "where p.status = 'active' and p.id % 11 = 7 group by p.id "
            f"having count(*) {variants} and min(v.stock) >= 5 order by p.id desc limit ?",
            (count,),
        ).fetchall()
    assert len(rows) == count
    return [(str(slug), str(title)) for slug, title in rows]


def keep(page: Page, slug: str) -> None:
    page.goto(f"/product/{slug}")
    heart = page.get_by_test_id("wishlist-toggle")
    heart.click()
    expect(heart).to_contain_text("On your wishlist")


def test_a_shopper_adds_to_the_cart_from_the_wishlist_and_is_told_how_it_went(
    page: Page, shop_env_vars: dict[str, str]
) -> None:
    database = shop_env_vars["DATABASE_URL"]
    (lamp, lamp_title), (vase, vase_title) = products(database, "= 1", 2)
    [(shirt, shirt_title)] = products(database, "> 1", 1)
    sign_up(page, "wish-to-cart@example.com")
    for slug in (lamp, vase, shirt):
        keep(page, slug)
    set_stock(database, vase, 0)  # sold out since it was kept

    page.goto("/account")
    rows = page.get_by_test_id("wishlist-item")
    expect(rows).to_have_count(3)
    lamp_row = rows.filter(has_text=lamp_title)
    vase_row = rows.filter(has_text=vase_title)
    shirt_row = rows.filter(has_text=shirt_title)
    expect(page.get_by_test_id("cart-count")).to_have_text("0")

    lamp_row.get_by_test_id("wishlist-add-to-cart").click()
    expect(lamp_row.get_by_test_id("wishlist-cart-note")).to_have_text("Added to your cart.")
    expect(page.get_by_test_id("cart-count")).to_have_text("1")
    expect(lamp_row.get_by_role("link", name="View cart")).to_have_attribute("href", "/cart")

    vase_row.get_by_test_id("wishlist-add-to-cart").click()
    expect(vase_row.get_by_test_id("wishlist-cart-note")).to_have_text(
        "Sold out: nothing was added to your cart."
    )
    expect(page.get_by_test_id("cart-count")).to_have_text("1")
    expect(lamp_row.get_by_test_id("wishlist-cart-note")).to_have_text("Added to your cart.")

    # Options to choose: no Add to cart, its page instead.
    expect(shirt_row.get_by_test_id("wishlist-add-to-cart")).to_have_count(0)
    choose = shirt_row.get_by_test_id("wishlist-choose")
    expect(choose).to_have_text("Choose options")
    expect(choose).to_have_attribute("href", f"/product/{shirt}")

    found: Found = {}
    audit(page, "wishlist with its notes", found)

    page.get_by_test_id("lang-fr").click()
    expect(lamp_row.get_by_test_id("wishlist-cart-note")).to_have_text("Ajouté à votre panier.")
    expect(vase_row.get_by_test_id("wishlist-cart-note")).to_have_text(
        "Épuisé\u202f: rien n’a été ajouté à votre panier."
    )
    expect(lamp_row.get_by_test_id("wishlist-add-to-cart")).to_have_text("Ajouter au panier")
    expect(choose).to_have_text("Choisir les options")
    # On a phone, in French (the longer words): the rows keep within the page.
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    remove = lamp_row.get_by_test_id("wishlist-remove")  # was 24 px high, under Add to cart
    for control in (lamp_row.get_by_test_id("wishlist-add-to-cart"), choose, remove):
        box = control.bounding_box()
        assert box is not None
        assert box["height"] >= 44, box  # a finger's size
    audit(page, "wishlist with its notes (390 px, French)", found)
    assert_clean(found)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_test_id("lang-en").click()

    choose.click()
    expect(page).to_have_url(re.compile(rf"/product/{shirt}"))
    page.goto("/cart")
    expect(page.get_by_test_id("cart-line-title")).to_have_text([lamp_title])
