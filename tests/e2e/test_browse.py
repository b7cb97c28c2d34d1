"""A shopper browsing in Chromium: home, category, filter, sort, page 2, product, variant,
back button, 404 pages, language switch."""

from __future__ import annotations

import json
import re
import sqlite3
import time
from collections.abc import Callable
from html import unescape
from urllib.parse import urlencode, urlparse

import httpx
import pytest
from playwright.sync_api import Locator, Page, expect

from state.listing import LISTING_TITLE
from storefront.services.page_meta import meta_description
from tests.e2e.conftest import product_slug

pytestmark = pytest.mark.e2e
FIRST_CARD_HREF = "document.querySelector('[data-testid=product-card]')?.getAttribute('href')"


def card_slugs(page: Page) -> list[str]:
    return page.locator("[data-testid=product-card]").evaluate_all(
        "cards => cards.map(c => c.getAttribute('href'))"
    )


def card_prices(page: Page) -> list[int]:
    return page.locator("[data-testid=product-card]").evaluate_all(
        "cards => cards.map(c => Number(c.dataset.price))"
    )


def facet(page: Page, key: str):  # type: ignore[no-untyped-def]
    """A facet group in the desktop sidebar (phones get a folded copy of the panel)."""
    return page.get_by_test_id("filters-sidebar").get_by_test_id(f"facet-{key}")


def wait_for_count(page: Page, condition: Callable[[int], bool], timeout: float = 15) -> None:
    """Waits until the listing's result count satisfies `condition` (state arrives async)."""
    deadline = time.monotonic() + timeout
    text = ""
    while time.monotonic() < deadline:
        text = page.get_by_test_id("result-count").inner_text()
        digits = re.sub(r"\D", "", text)
        if digits and condition(int(digits)):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"result count stayed at {text!r}")


def result_count(page: Page) -> int:
    text = page.get_by_test_id("result-count").inner_text()
    return int(re.sub(r"\D", "", text))


def multi_variant_product(database_url: str) -> str:
    """The slug of an active product with several variants, all in stock."""
    return product_slug(database_url, "count(*) > 1 and min(v.stock) > 0")


def test_home_category_filter_sort_page_product_variant_and_back(
    page: Page, shop_env_vars: dict[str, str]
) -> None:
    page.goto("/")
    expect(page.get_by_test_id("department-card").first).to_be_visible()
    expect(page.get_by_test_id("row-featured").get_by_test_id("product-card").first).to_be_visible()

    page.get_by_test_id("department-card").first.click()
    expect(page).to_have_url(re.compile(r"/category/[a-z0-9-]+$"))
    wait_for_count(page, lambda n: n > 0)
    unfiltered = result_count(page)
    assert unfiltered > 48

    # Each filter group is named by its heading.
    expect(page.get_by_role("group", name="Availability")).to_have_attribute(
        "data-testid", "facet-stock"
    )
    facet(page, "stock").get_by_test_id("facet-option").click()
    expect(page).to_have_url(re.compile(r"[?&]stock=1"))
    expect(facet(page, "stock").locator("a[aria-checked=true]")).to_have_count(1)
    wait_for_count(page, lambda n: n < unfiltered)
    assert 24 < result_count(page) < unfiltered

    page.get_by_test_id("sort-select").click()
    page.get_by_test_id("sort-price_asc").click()
    expect(page).to_have_url(re.compile(r"sort=price_asc"))
    page.wait_for_function(
        "() => { const p = [...document.querySelectorAll('[data-testid=product-card]')]"
        ".map(c => Number(c.dataset.price)); return p.every((v, i) => i === 0 || p[i-1] <= v) }"
    )
    first_page, first_prices = card_slugs(page), card_prices(page)

    expect(page.get_by_test_id("result-page")).to_have_text(re.compile(r"^ · page 1 of \d+$"))
    page.get_by_test_id("page-next").press("Enter")  # by keyboard
    expect(page).to_have_url(re.compile(r"page=2"))
    page.wait_for_function(f"first => {FIRST_CARD_HREF} !== first", arg=first_page[0])
    second_page = card_slugs(page)
    # The focus is at the top of the new results, not on the link far below them, and the
    # live count says which page this is (QA).
    expect(page.get_by_test_id("listing-title")).to_be_focused()
    told = page.get_by_role("status").filter(has=page.get_by_test_id("result-page"))
    expect(told).to_contain_text(re.compile(r"· page 2 of \d+"))
    assert not set(first_page) & set(second_page)
    assert min(card_prices(page)) >= max(first_prices)  # the order goes on across pages
    listing_url = page.url

    page.get_by_test_id("product-card").first.click()
    expect(page).to_have_url(re.compile(r"/product/"))
    expect(page.get_by_test_id("product-title")).to_be_visible()
    sku = page.get_by_test_id("variant-sku")
    expect(sku).to_contain_text("BTQ-")

    page.go_back()
    expect(page).to_have_url(listing_url)
    page.wait_for_function(f"first => {FIRST_CARD_HREF} === first", arg=second_page[0])
    assert card_slugs(page) == second_page

    page.goto(f"/product/{multi_variant_product(shop_env_vars['DATABASE_URL'])}")
    expect(sku).to_contain_text("BTQ-")
    before = sku.inner_text()
    assert page.get_by_test_id("option-value").count() > 1
    page.locator("[data-testid=option-value][aria-checked=false]").first.click()
    expect(sku).not_to_have_text(before)
    # A group is one Tab stop, its chosen value; the arrow keys choose the next one.
    group = page.locator("[role=radiogroup][data-arrow-keys]").first
    chosen = group.locator("[aria-checked=true]")
    expect(group.locator("[tabindex='0']")).to_have_count(1)
    expect(chosen).to_have_attribute("tabindex", "0")
    picked = chosen.inner_text()
    chosen.focus()
    page.keyboard.press("ArrowRight")
    expect(group.locator("[aria-checked=true]")).not_to_have_text(picked)
    expect(group.locator("[aria-checked=true]")).to_be_focused()
    # The address names the variant chosen, replaced in place: a reload shows that variant.
    shown = re.search(r"BTQ-[A-Z0-9-]+", sku.inner_text())
    assert shown is not None
    expect(page).to_have_url(re.compile(rf"\?sku={shown.group()}$"))
    entries = page.evaluate("history.length")
    page.reload()
    expect(sku).to_contain_text(shown.group())
    assert page.evaluate("history.length") == entries


def test_brand_filters_combine_and_a_shared_link_reopens_the_listing(page: Page) -> None:
    page.goto("/")
    page.get_by_test_id("department-card").nth(1).click()
    wait_for_count(page, lambda n: n > 0)
    unfiltered = result_count(page)
    facet(page, "brand").get_by_test_id("facet-option").first.click()
    expect(page).to_have_url(re.compile(r"[?&]brand=[a-z0-9-]+$"))
    expect(facet(page, "brand").locator("a[aria-checked=true]")).to_have_count(1)
    wait_for_count(page, lambda n: n < unfiltered)
    one_brand = result_count(page)
    assert one_brand > 0
    # A second brand ticked from the keyboard, as a checkbox is: Space on the focused option.
    second = facet(page, "brand").get_by_role("checkbox", checked=False).first
    second.focus()
    page.keyboard.press("Space")
    expect(page).to_have_url(re.compile(r"brand=[a-z0-9-]+,[a-z0-9-]+"))
    expect(facet(page, "brand").get_by_role("checkbox", checked=True)).to_have_count(2)
    wait_for_count(page, lambda n: n > one_brand)
    assert page.evaluate("window.scrollY") == 0  # Space ticked, it did not scroll the page
    shared, slugs = page.url, card_slugs(page)
    other = page.context.new_page()
    other.goto(shared)
    wait_for_count(other, lambda n: n > one_brand)
    assert card_slugs(other) == slugs


def test_a_subcategory_is_a_link_to_its_page_and_its_title_takes_the_focus(page: Page) -> None:
    """Not a checkbox: it opens another page (drawn as one, it left the focus on an option of
    another group). Price ranges and ratings say that one replaces another."""
    page.goto("/")
    page.get_by_test_id("department-card").nth(1).click()
    wait_for_count(page, lambda n: n > 0)
    subcategories = facet(page, "category").get_by_test_id("facet-option")
    expect(facet(page, "category").get_by_role("checkbox")).to_have_count(0)
    first = subcategories.first
    href = first.get_attribute("href")
    assert href
    assert href.startswith("/category/")
    name = first.inner_text().rsplit("(", 1)[0].strip()
    # The title's words when it takes the focus: a screen reader reads them then (given the
    # focus at once, the kept title said the department's name).
    page.locator(f"#{LISTING_TITLE}").evaluate(
        "t => t.addEventListener('focus', () => { window.readAtFocus = t.textContent })"
    )
    first.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(href) + "$"))
    expect(page.locator(f"#{LISTING_TITLE}")).to_be_focused()
    assert page.evaluate("window.readAtFocus") == name
    # Back up by the breadcrumbs, whose link stays in place: the focus leaves it for the
    # title all the same, with the department's name.
    crumbs = page.get_by_role("navigation", name="Breadcrumb").get_by_role("link")
    department = crumbs.nth(1)
    expect(department).to_have_attribute("href", re.compile(r"^/category/"))
    department_name = department.inner_text()
    department.focus()
    page.keyboard.press("Enter")
    expect(page.locator(f"#{LISTING_TITLE}")).to_be_focused()
    assert page.evaluate("window.readAtFocus") == department_name
    expect(facet(page, "price")).to_have_accessible_name("Price (one at a time)")


def test_a_page_opened_by_a_link_in_the_shop_gives_its_title_the_focus(page: Page) -> None:
    """As a page load would have it read: the focus had stayed on the page's body, and a
    screen reader said nothing of the new page (QA)."""
    page.goto("/")
    page.get_by_test_id("department-card").nth(1).click()
    expect(page.get_by_test_id("listing-title")).to_be_focused()
    page.get_by_test_id("product-card").first.click()
    expect(page).to_have_url(re.compile(r"/product/"))
    expect(page.get_by_test_id("product-title")).to_be_focused()
    page.go_back()
    expect(page.get_by_test_id("listing-title")).to_be_focused()
    # A filter is the same page: the focus stays on the option used.
    option = facet(page, "brand").get_by_test_id("facet-option").first
    option.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"[?&]brand="))
    expect(facet(page, "brand").locator("a[aria-checked=true]")).to_have_count(1)
    expect(page.get_by_test_id("listing-title")).not_to_be_focused()


def test_a_link_with_a_brand_no_product_here_carries_lists_the_products_and_says_so(
    page: Page,
) -> None:
    page.goto("/")
    page.get_by_test_id("department-card").nth(1).click()
    wait_for_count(page, lambda n: n > 0)
    unfiltered = result_count(page)
    page.goto(page.url.split("?")[0] + "?brand=gone-brand")
    expect(page.get_by_test_id("unknown-filters")).to_have_text(
        "Filter left out, as this page does not offer it: Brand “gone-brand”."
    )
    wait_for_count(page, lambda n: n == unfiltered)
    expect(page.get_by_test_id("empty-listing")).to_have_count(0)
    expect(facet(page, "brand").get_by_role("checkbox", checked=True)).to_have_count(0)
    # A parameter it cannot read is named too, in the reader's language.
    page.goto(page.url.split("?")[0] + "?price=x-y")
    expect(page.get_by_test_id("ignored-parameters")).to_contain_text("price “x-y”")
    page.get_by_role("button", name="Français").click()
    expect(page.get_by_test_id("ignored-parameters")).to_contain_text("prix «\u202fx-y\u202f»")


def test_long_filter_groups_fold_and_phones_build_the_panel_when_asked(
    page: Page,
    browser,  # type: ignore[no-untyped-def]
    shop_url: str,
) -> None:
    page.goto("/")
    page.get_by_test_id("department-card").first.click()
    wait_for_count(page, lambda n: n > 0)
    sidebar = page.get_by_test_id("filters-sidebar")
    group = sidebar.locator("details", has=page.get_by_test_id("facet-more")).first
    more = group.get_by_test_id("facet-more")
    expect(more).to_have_attribute("aria-expanded", "false")
    folded = group.get_by_test_id("facet-option").count()
    hidden = int(re.sub(r"\D", "", more.inner_text()))
    more.press("Enter")  # by keyboard: the focus goes to the first option it showed (QA)
    expect(group.get_by_test_id("facet-option")).to_have_count(folded + hidden)
    expect(more).to_have_attribute("aria-expanded", "true")
    expect(group.get_by_test_id("facet-option").nth(folded)).to_be_focused()
    more.press("Enter")
    expect(group.get_by_test_id("facet-option")).to_have_count(folded)
    expect(more).to_be_focused()  # fewer: it stays

    phone = browser.new_context(base_url=shop_url, viewport={"width": 390, "height": 844})
    try:
        small = phone.new_page()
        small.goto(page.url)
        wait_for_count(small, lambda n: n > 0)
        panel = small.get_by_test_id("filters-sidebar")
        expect(panel.get_by_test_id("facet-option")).to_have_count(0)
        # The Filters button and the sort share one row, at its two ends.
        button = small.get_by_role("button", name=re.compile("Filters")).bounding_box()
        sort = small.get_by_test_id("sort-select").bounding_box()
        assert button
        assert sort
        assert abs((button["y"] + button["height"] / 2) - (sort["y"] + sort["height"] / 2)) < 2
        assert button["x"] == 16
        assert sort["x"] + sort["width"] == 390 - 16
        small.get_by_role("button", name=re.compile("Filters")).click()
        expect(panel.get_by_test_id("facet-option").first).to_be_visible()
    finally:
        phone.close()


def test_a_filter_chosen_on_a_phone_closes_the_panel_to_show_the_results(
    browser,  # type: ignore[no-untyped-def]
    shop_url: str,
) -> None:
    phone = browser.new_context(base_url=shop_url, viewport={"width": 390, "height": 844})
    try:
        small = phone.new_page()
        small.goto("/")
        small.get_by_test_id("department-card").nth(1).click()
        wait_for_count(small, lambda n: n > 0)
        unfiltered = result_count(small)
        button = small.get_by_role("button", name=re.compile("Filters"))
        button.click()
        expect(button).to_have_attribute("aria-expanded", "true")
        panel = small.get_by_test_id("filters-sidebar")
        option = panel.get_by_test_id("facet-brand").get_by_test_id("facet-option").first
        option.scroll_into_view_if_needed()
        option.click()
        expect(small).to_have_url(re.compile(r"[?&]brand=[a-z0-9-]+$"))
        wait_for_count(small, lambda n: n < unfiltered)
        expect(panel).to_be_hidden()
        expect(button).to_have_attribute("aria-expanded", "false")
        expect(button).to_be_focused()
        expect(button).to_have_text(re.compile(r"Filters \(1\)"))  # one choice in use
        expect(small.get_by_test_id("product-card").first).to_be_in_viewport()
        button.click()  # open again: the choice shows ticked, for the next one
        expect(panel.locator("a[aria-checked=true]")).to_have_count(1)
    finally:
        phone.close()


@pytest.mark.parametrize(
    "path", ["/product/no-such-product", "/category/no-such-category", "/no/such/page"]
)
def test_unknown_pages_answer_404_and_show_the_not_found_page(
    page: Page, shop_url: str, path: str
) -> None:
    assert httpx.get(shop_url + path, timeout=10).status_code == 404
    page.goto(path)
    expect(page.get_by_test_id("not-found")).to_be_visible()
    # In the tab too (an unknown product's or category's said "Boutique", QA).
    expect(page).to_have_title("Page not found · Boutique")


def meta(page: Page, attribute: str, value: str) -> Locator:
    return page.locator(f'head meta[{attribute}="{value}"]')


def server_head(html: str) -> dict[str, list[str]]:
    """The <title> and the description and og: tags of the HTML as sent, unescaped."""
    head = html[: html.index("</head>")]
    found = {"title": [unescape(t) for t in re.findall(r"<title[^>]*>(.*?)</title>", head)]}
    for key, value in re.findall(r'<meta (?:name|property)="([^"]+)" content="([^"]*)"', head):
        found.setdefault(key, []).append(unescape(value))
    return found


def test_product_and_category_pages_describe_themselves_and_an_order_is_not_indexed(
    page: Page, shop_url: str
) -> None:
    page.goto("/")
    page.get_by_test_id("department-card").first.click()
    expect(page).to_have_url(re.compile(r"/category/"))
    heading = page.get_by_test_id("listing-title")
    expect(heading).to_have_text(re.compile(r"\S"))  # loaded: it keeps its place empty before
    name = heading.inner_text()
    described = f"{name} at Boutique: browse, filter and sort the collection, chosen to last."
    expect(meta(page, "name", "description")).to_have_attribute("content", described)
    expect(meta(page, "property", "og:title")).to_have_attribute("content", f"{name} · Boutique")

    page.get_by_test_id("product-card").first.click()
    expect(page).to_have_url(re.compile(r"/product/"))
    title = page.get_by_test_id("product-title").inner_text()
    text = page.get_by_test_id("product-description").text_content() or ""
    # One of each (the page's own, not the last page's beside it), from its own text.
    expect(meta(page, "name", "description")).to_have_count(1)
    expect(meta(page, "name", "description")).to_have_attribute("content", meta_description(text))
    expect(meta(page, "property", "og:description")).to_have_count(1)
    expect(meta(page, "property", "og:title")).to_have_attribute("content", f"{title} · Boutique")
    expect(meta(page, "property", "og:type")).to_have_attribute("content", "product")
    image = meta(page, "property", "og:image")
    expect(image).to_have_count(1)
    expect(image).to_have_attribute("content", re.compile(r"^https?://[^/]+/.+"))
    picture = image.get_attribute("content")

    # Link previews run no script: the HTML the server sends carries the same tags.
    path = urlparse(page.url).path
    answer = httpx.get(shop_url + path, timeout=10)
    sent = server_head(answer.text)
    assert sent["title"] == [f"{title} · Boutique"]
    assert sent["description"] == sent["og:description"] == [meta_description(text)]
    assert sent["og:title"] == [f"{title} · Boutique"]
    assert sent["og:type"] == ["product"]
    canonical = re.fullmatch(r'<([^>]+)>; rel="canonical"', answer.headers["link"])
    assert canonical is not None
    assert canonical.group(1).endswith(path)
    assert sent["og:url"] == [canonical.group(1)]
    assert sent["og:image"] == [picture]
    # And its schema.org data, for search results showing its price, stock and stars.
    found = re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', answer.text)
    assert len(found) == 1
    data = json.loads(found[0])
    assert (data["@type"], data["name"], data["url"]) == ("Product", title, canonical.group(1))
    assert data["image"][0] == picture
    shown_price = page.get_by_test_id("product-price").first.inner_text()
    assert data["offers"]
    assert all(o["priceCurrency"] == "EUR" for o in data["offers"])
    assert any(o["price"] in shown_price.replace(",", ".") for o in data["offers"]), shown_price

    # Opened directly, the page hydrates without complaint and keeps one tag of each.
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path)
    expect(page.get_by_test_id("product-title")).to_have_text(title)
    expect(meta(page, "name", "description")).to_have_attribute("content", meta_description(text))
    for attribute, value in [("name", "description"), ("property", "og:image")]:
        expect(meta(page, attribute, value)).to_have_count(1)
    expect(page.locator("head title")).to_have_count(1)
    # Nothing of the server's head is left, its script neither (React took a script left
    # there for the template's theme script: error #418 'text').
    expect(page.locator("head [data-server-head]")).to_have_count(0)
    expect(page.locator("head script", has_text="data-server-head")).to_have_count(0)
    expect(page).to_have_title(f"{title} · Boutique")
    # The schema.org data stays, outside what React renders (crawlers that run the page's
    # code read it there).
    expect(page.locator('body > script[type="application/ld+json"]')).to_have_count(1)
    assert not [e for e in errors if re.search(r"hydrat|#418|#423|#425", e, re.I)], errors

    page.goto("/order/NOSUCHORDER")
    missing = page.get_by_test_id("order-missing")
    expect(missing.get_by_role("heading", level=1)).to_have_text("Order not found")
    expect(missing).to_contain_text("There is no such order, or it is not yours to see.")
    expect(page.get_by_test_id("order-sign-in")).to_have_attribute(
        "href", "/account/sign-in?next=/order/NOSUCHORDER"
    )
    expect(page).to_have_title("Order not found · Boutique")
    expect(meta(page, "name", "robots")).to_have_attribute("content", "noindex")


def test_pages_of_one_shopper_and_the_admin_say_noindex(page: Page, shop_url: str) -> None:
    """In the page (its code writes the tag) and in the server's answer (a header, for the
    paths robots.txt disallows: /order/ pages are sent as the app's shell, with no tag)."""
    for path in ("/order/NOSUCHORDER", "/account", "/account/sign-in", "/cart", "/admin"):
        answer = httpx.get(shop_url + path, timeout=10)
        assert answer.status_code == 200, path
        assert answer.headers["x-robots-tag"] == "noindex", path
    for path in ("/", "/policies/terms"):
        answer = httpx.get(shop_url + path, timeout=10)
        assert answer.status_code == 200, path
        assert "x-robots-tag" not in answer.headers
    # The policy's folder URL answers too, naming the sitemap's URL canonical.
    folder = httpx.get(shop_url + "/policies/terms/", timeout=10)
    assert folder.status_code == 200
    assert folder.headers["link"] == '<http://localhost:3000/policies/terms>; rel="canonical"'

    # A page rendered ahead of time carries the tag in its HTML too.
    html = httpx.get(shop_url + "/account/sign-in", timeout=10).text
    assert re.search(r'<meta [^>]*name="robots"', html[: html.index("</head>")])
    for path in ("/account/sign-in", "/cart", "/checkout", "/admin", "/admin/policies"):
        page.goto(path)
        expect(meta(page, "name", "robots")).to_have_attribute("content", "noindex")
    # A public page rendered ahead of time answers at its own URL (no redirect to its
    # folder's), and hydrates there without complaint.
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto("/policies/terms")
    expect(page).to_have_url(re.compile(r"/policies/terms$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Terms of sale")
    expect(page).to_have_title("Terms of sale · Boutique")
    expect(meta(page, "name", "robots")).to_have_count(0)
    assert not [e for e in errors if re.search(r"hydrat|#418|#423|#425", e, re.I)], errors


def test_product_and_category_pages_arrive_with_their_own_code_preloaded(
    page: Page, shop_url: str
) -> None:
    """Dynamic routes get the fallback HTML plus their module: no extra round trips."""
    page.goto("/")
    page.get_by_test_id("department-card").first.click()
    expect(page).to_have_url(re.compile(r"/category/"))
    wait_for_count(page, lambda n: n > 0)
    cards = page.get_by_test_id("product-card")
    # The first row is in view: its images are fetched first, the rest when scrolled to.
    expect(cards.first.locator("img")).to_have_attribute("fetchpriority", "high")
    expect(cards.first.locator("img")).to_have_attribute("loading", "eager")
    expect(cards.nth(5).locator("img")).to_have_attribute("loading", "lazy")
    paths = [urlparse(page.url).path]
    page.get_by_test_id("product-card").first.click()
    expect(page).to_have_url(re.compile(r"/product/"))
    paths.append(urlparse(page.url).path)
    for path, chunk in zip(paths, ("_category_", "_product_"), strict=True):
        html = httpx.get(shop_url + path, timeout=10).text
        modules = re.findall(r'<link rel="modulepreload" href="([^"]+)"', html)
        own = [m for m in modules if m.rsplit("/", 1)[-1].startswith(chunk)]
        assert len(own) == 1, (path, modules)
        assert httpx.get(shop_url + own[0], timeout=10).status_code == 200
        loaded = page.evaluate(
            "() => performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)"
        )
        assert path != paths[-1] or own[0] in loaded  # the page really runs that module


def test_language_switch_translates_text_and_prices(page: Page) -> None:
    page.goto("/")
    featured = page.get_by_test_id("row-featured")
    expect(featured.get_by_role("heading")).to_have_text("Featured")
    price_text = featured.get_by_test_id("product-card").first.inner_text()
    assert re.search(r"€\d+\.\d\d", price_text)
    # A card's rating is read as a sentence; its "4.5 (208)" is for the eye only.
    spoken = featured.locator(".rating .sr-only").first
    in_words = r"^Rated \d(\.\d)? out of 5, (1 review|[\d,]+ reviews)$"
    expect(spoken).to_have_text(re.compile(in_words))
    seen = featured.locator(".rating > [aria-hidden=true]:not(.stars)").first
    expect(seen).to_have_text(re.compile(r"^\d(\.\d)? \([\d,]+\)$"))
    shell = page.locator("main#main").locator("xpath=..")
    expect(shell).to_have_attribute("lang", "en")
    page.get_by_role("button", name="Français").click()
    expect(featured.get_by_role("heading")).to_have_text("À la une")
    expect(shell).to_have_attribute("lang", "fr")  # read in French by screen readers
    expect(page.locator("html")).to_have_attribute("lang", "fr")  # the whole document too
    expect(page.get_by_role("link", name="Boutique — accueil")).to_be_visible()
    price_text = featured.get_by_test_id("product-card").first.inner_text()
    assert re.search(r"\d+,\d\d\s€", price_text)
    expect(spoken).to_have_text(re.compile(r"^Noté \d(,\d)? sur 5, [\d\u202f]+ avis$"))
    page.reload()
    expect(featured.get_by_role("heading")).to_have_text("À la une")
    # A category's page is titled by its name in French too (it was the English name).
    page.get_by_test_id("department-card").first.click()
    expect(page).to_have_url(re.compile(r"/category/[a-z0-9-]+$"))
    name = page.get_by_test_id("listing-title")
    expect(name).not_to_be_empty()
    expect(page).to_have_title(f"{name.inner_text()} · Boutique")
    page.goto("/cart")  # a page without a name of its own is titled in French as well
    expect(page).to_have_title("Votre panier · Boutique")
    expect(page.locator("html")).to_have_attribute("lang", "fr")


def test_a_search_without_words_offers_no_filters(page: Page) -> None:
    page.goto("/search?q=")
    expect(page.get_by_test_id("listing-title")).to_have_text("Search")  # not "Results for “”"
    expect(page.get_by_test_id("result-count")).to_have_count(0)
    expect(page.get_by_test_id("empty-listing")).to_have_count(0)
    expect(page.get_by_test_id("filters-sidebar")).to_be_hidden()  # no "In stock only (0)"
    page.set_viewport_size({"width": 390, "height": 844})  # nor, on a phone, a button
    filters_button = page.get_by_role("button", name=re.compile(r"^Filters"))
    expect(filters_button).to_have_count(0)
    page.goto("/search?q=chair")
    expect(filters_button).to_be_visible()
    page.set_viewport_size({"width": 1280, "height": 900})
    expect(page.get_by_test_id("filters-sidebar")).to_be_visible()


def test_a_card_whose_variants_cost_differently_says_from(
    page: Page, shop_env_vars: dict[str, str]
) -> None:
    database = shop_env_vars["DATABASE_URL"]
    with sqlite3.connect(database.removeprefix("sqlite:///")) as db:
        (title,) = db.execute(
            "select p.title from product p join variant v on v.product_id = p.id"
            " where p.status = 'active' group by p.id"
            " having max(v.price_minor) > min(v.price_minor) order by p.id limit 1"
        ).fetchone()
    page.goto(f"/search?{urlencode({'q': title})}")
    card = page.get_by_test_id("product-card").filter(has_text=title).first
    expect(card).to_contain_text(re.compile(r"from\s+€"))


def test_on_a_phone_a_from_price_with_a_struck_through_one_stays_in_its_card(
    page: Page, shop_env_vars: dict[str, str]
) -> None:
    """The widest price line a card has: "from", the price and the one it was. On a phone its
    parts wrap inside the card (they spilled out of it, "from" run into the price)."""
    database = shop_env_vars["DATABASE_URL"]
    with sqlite3.connect(database.removeprefix("sqlite:///")) as db:
        (title,) = db.execute(
            "select p.title from product p join variant v on v.product_id = p.id"
            " where p.status = 'active' group by p.id having max(v.price_minor) >"
            " min(v.price_minor) and max(v.compare_at_minor) > max(v.price_minor)"
            " order by min(v.price_minor) desc limit 1"
        ).fetchone()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/search?{urlencode({'q': title})}")
    card = page.get_by_test_id("product-card").filter(has_text=title).first
    expect(card.locator(".price-was")).to_be_visible()
    # [card's right edge, each part's right edge...], and the gap between "from" and the price
    # when they share a line.
    edges, gap = card.evaluate(
        """card => {
            const parts = [...card.querySelectorAll('.line-price > span, .price-now, .price-was')];
            const from = card.querySelector('.line-price > span').getBoundingClientRect();
            const now = card.querySelector('.price-now').getBoundingClientRect();
            return [[card.getBoundingClientRect().right,
                     ...parts.map(p => p.getBoundingClientRect().right)],
                    now.top < from.bottom && from.top < now.bottom ? now.left - from.right : null];
        }"""
    )
    assert all(edge <= edges[0] for edge in edges[1:]), edges
    assert gap is None or gap >= 4, gap  # "from €1,230.00", not "from€1,230.00"


@pytest.mark.parametrize("width", [1280, 390])
def test_the_home_page_shows_each_department_name_whole(page: Page, width: int) -> None:
    """Six tiles to a row on a desktop, two on a phone: a long name wraps, it is not cut short
    ("Sports & Outdoo…")."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/")
    names = page.get_by_test_id("department-card").locator(".dept-name")
    expect(names.first).to_be_visible()
    # [text, its full width, the width shown, whether it ends in an ellipsis] of each name.
    shown = names.evaluate_all(
        "ns => ns.map(n => [n.textContent, n.scrollWidth, n.clientWidth,"
        " getComputedStyle(n).textOverflow])"
    )
    assert any(text == "Office & Stationery" for text, *_ in shown), shown
    for text, full, visible, overflow in shown:
        assert full <= visible, (text, full, visible)
        assert overflow != "ellipsis", text


def test_on_a_phone_held_sideways_the_header_scrolls_away_with_the_page(page: Page) -> None:
    """Kept at the top of a 375 px high screen, it took a third of it (QA)."""
    page.set_viewport_size({"width": 812, "height": 375})
    page.goto("/")
    header = page.locator(".site-header")
    expect(header).to_have_css("position", "static")
    page.set_viewport_size({"width": 375, "height": 812})
    expect(header).to_have_css("position", "sticky")


def test_on_a_phone_only_the_headers_first_row_and_search_box_stay_at_the_top(
    page: Page,
) -> None:
    """The departments' row scrolls away with the page: kept at the top with the rest, the
    header covered 153 px of a 844 px high phone (QA, 390 px wide)."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/")
    header = page.get_by_role("banner")
    departments = page.get_by_role("navigation", name="Departments")
    expect(departments.locator(".dept-nav a").first).to_be_visible()
    expect(header).to_be_in_viewport(ratio=1)
    expect(departments).to_be_in_viewport(ratio=1)
    page.evaluate("window.scrollTo(0, 1000)")
    page.wait_for_function("window.scrollY === 1000")
    box = header.bounding_box()
    assert box is not None
    assert box["y"] == 0, box
    assert box["y"] + box["height"] <= 110, box
    expect(page.get_by_test_id("search-input")).to_be_in_viewport(ratio=1)
    expect(page.get_by_test_id("cart-link")).to_be_in_viewport(ratio=1)
    expect(departments).not_to_be_in_viewport()


def test_every_department_is_reachable_from_the_header_by_mouse_and_keyboard(
    page: Page,
) -> None:
    """At 1440 px "Office & Stationery" hid under the bar's fade, with nothing to show it to a
    mouse without a sideways wheel (QA): a menu at the bar's end lists every department."""
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto("/")
    menu_button = page.get_by_test_id("all-departments")
    expect(menu_button).to_be_visible()
    box = menu_button.bounding_box()
    assert box is not None
    assert box["x"] + box["width"] <= 1440
    links = page.locator(".dept-nav a")
    expect(links.last).to_have_text("Office & Stationery")  # the bar's departments are in
    menu_button.focus()
    page.keyboard.press("Enter")
    items = page.get_by_role("menuitem")
    expect(items).to_have_count(links.count())
    expect(items.last).to_have_text("Office & Stationery")
    page.keyboard.press("End")
    expect(items.last).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/category/office"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Office & Stationery")


@pytest.mark.parametrize("width", [390, 1440])
def test_a_product_page_puts_its_name_and_price_first_on_a_phone_beside_the_picture_wider(
    page: Page, shop_env_vars: dict[str, str], width: int
) -> None:
    """On a phone the name and price come before the picture, which filled the first screen
    below the header (QA, 390 px); wider, the picture is beside them, on the left."""
    slug = product_slug(shop_env_vars["DATABASE_URL"], having="count(*) = 1")
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(f"/product/{slug}")
    expect(page.get_by_test_id("product-title")).to_be_visible()
    title = page.get_by_test_id("product-title").bounding_box()
    image = page.get_by_test_id("product-image").bounding_box()
    price = page.get_by_test_id("product-price").bounding_box()
    assert title is not None
    assert image is not None
    assert price is not None
    if width == 390:
        assert title["y"] + title["height"] <= image["y"], (title, image)
        assert price["y"] + price["height"] <= min(image["y"], 844), (price, image)
    else:
        assert image["x"] + image["width"] <= title["x"], (image, title)
        add_button = page.get_by_test_id("add-to-cart").bounding_box()
        assert add_button is not None
        assert add_button["y"] + add_button["height"] <= 844, add_button
