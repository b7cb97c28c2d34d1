"""The Categories admin page in Chromium: a department's French name given there is the one
the French shop's menu shows; deleting a category that holds products is refused, and it
stays."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.axe import Found, assert_clean, audit
from tests.e2e.test_accessibility_admin import assert_buttons_named_apart
from tests.e2e.test_admin import query, signed_in_admin

pytestmark = pytest.mark.e2e


def test_a_french_name_reaches_the_shop_menu_and_a_full_category_is_not_deleted(
    browser: Browser, shop_url: str, shop_env_vars: dict[str, str]
) -> None:
    db = shop_env_vars["DATABASE_URL"]
    ((toys, toys_slug),) = query(db, "select id, slug from category where name = 'Toys & Games'")
    ((leaf, leaf_slug, held),) = query(
        db,
        "select c.id, c.slug, count(p.id) from category c join product p on p.category_id = c.id"
        " where c.parent_id = ? group by c.id, c.slug order by count(p.id) desc, c.id limit 1",
        toys,
    )
    assert int(str(held)) > 1  # "products", plural, below

    admin = signed_in_admin(browser, shop_url, shop_env_vars)
    admin.goto("/admin")
    admin.get_by_test_id("admin-nav-categories").click()
    expect(admin).to_have_title("Categories · Boutique admin")
    # Its own name is English, the demo catalog's language; French is its translation.
    toys_row = admin.get_by_test_id("category-row").filter(
        has=admin.get_by_test_id(f"category-edit-{toys_slug}")
    )
    expect(toys_row.get_by_test_id("category-name")).to_have_text("Toys & Games")
    expect(toys_row.get_by_test_id("category-name-fr")).to_have_text("Jouets & jeux")
    admin.get_by_test_id(f"category-edit-{toys_slug}").click()
    form = admin.get_by_test_id("category-form")
    expect(form.get_by_test_id("field-name_en")).to_have_value("Toys & Games")
    expect(form.get_by_test_id("field-name_fr")).to_have_value("Jouets & jeux")
    # Every row's buttons are named apart ("Edit Toys & Games › Puzzles"); no serious
    # accessibility violation with the form open.
    assert_buttons_named_apart(admin)
    found: Found = {}
    audit(admin, "categories, one edited", found)
    assert_clean(found)
    form.get_by_test_id("field-name_fr").fill("Jeux et jouets")
    form.get_by_test_id("category-save").click()
    expect(admin.get_by_test_id("admin-notice")).to_have_text("Category Toys & Games saved.")
    expect(form).to_have_count(0)
    expect(toys_row.get_by_test_id("category-name-fr")).to_have_text("Jeux et jouets")
    assert query(db, "select name_i18n from category where id = ?", toys) == [
        ('{"fr": "Jeux et jouets"}',)
    ]

    # A category holding products: the dialog says so up front and its Delete is disabled
    # (it said so only once Delete was pressed, QA); the category stays.
    admin.get_by_test_id(f"category-delete-{leaf_slug}").click()
    expect(admin.get_by_test_id(f"category-delete-body-{leaf_slug}")).to_contain_text(
        f"It holds {held} products, so it cannot be deleted yet: move them to another category"
    )
    expect(admin.get_by_test_id(f"category-delete-confirm-{leaf_slug}")).to_be_disabled()
    admin.keyboard.press("Escape")
    expect(admin.get_by_test_id(f"category-edit-{leaf_slug}")).to_be_visible()
    assert query(db, "select count(*) from category where id = ?", leaf) == [(1,)]
    assert query(db, "select count(*) from product where category_id = ?", leaf) == [(held,)]
    admin.context.close()

    # A shopper reading the shop in French sees the new name in the menu, linking the same page.
    shopper = browser.new_context(base_url=shop_url)
    page = shopper.new_page()
    page.goto("/")
    page.get_by_role("button", name="Français").click()
    menu = page.get_by_role("navigation", name="Rayons")
    link = menu.get_by_role("link", name="Jeux et jouets", exact=True)
    expect(link).to_have_attribute("href", f"/category/{toys_slug}")
    expect(menu.get_by_role("link", name="Jouets & jeux")).to_have_count(0)
    shopper.close()
