"""The admin's lists, charts and pages as a merchandiser sees them in Chromium."""

from __future__ import annotations

import re
import sqlite3
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, expect

from storefront.i18n_format import format_time
from tests.e2e.test_admin import signed_in_admin

pytestmark = pytest.mark.e2e


def test_the_product_selection_is_the_pages_and_the_confirmation_names_it(
    browser: Browser, shop_url: str, shop_env_vars: dict[str, str]
) -> None:
    """Page 1's 25 stayed selected under page 2, whose header box showed ticked over
    unticked rows; ticked again it showed unticked and "50 selected" (QA)."""
    admin = signed_in_admin(browser, shop_url, shop_env_vars)
    admin.goto("/admin/products")
    header, rows = admin.get_by_test_id("select-page"), admin.get_by_test_id("product-select")
    count = admin.get_by_test_id("bulk-count")
    expect(rows).to_have_count(25)
    expect(header).to_have_attribute("data-state", "unchecked")
    header.click()
    expect(count).to_have_text("25 selected")
    expect(header).to_have_attribute("data-state", "checked")
    admin.get_by_test_id("admin-next").click()
    expect(admin.get_by_test_id("admin-page")).to_contain_text("2 /")
    expect(count).to_have_text("0 selected")  # page 1's are not carried out of sight
    expect(header).to_have_attribute("data-state", "unchecked")
    rows.nth(2).click()
    expect(header).to_have_attribute("data-state", "indeterminate")
    expect(count).to_have_text("1 selected")
    header.click()  # the rest of the page
    expect(header).to_have_attribute("data-state", "checked")
    expect(count).to_have_text("25 selected")
    for i in range(25):
        expect(rows.nth(i)).to_have_attribute("data-state", "checked")
    bulk = admin.locator("form").filter(has=admin.get_by_test_id("bulk-apply"))
    bulk.get_by_test_id("field-action").select_option("unfeature")
    bulk.get_by_test_id("bulk-apply").click()
    targets = admin.get_by_test_id("bulk-targets").locator("li")
    expect(targets).to_have_count(25)
    titles = admin.get_by_test_id("product-link").all_text_contents()
    assert targets.all_text_contents() == titles  # the dialog names what is on screen
    admin.get_by_role("button", name="Cancel").click()
    header.click()
    expect(header).to_have_attribute("data-state", "unchecked")
    expect(count).to_have_text("0 selected")
    admin.context.close()


LONG_QUERY = "hand thrown stoneware serving bowl large"


def test_every_bar_of_the_search_chart_carries_its_name(
    browser: Browser, shop_url: str, shop_env_vars: dict[str, str]
) -> None:
    """10 searches drew 10 bars and 5 names (QA): each bar is named, a long name cut short
    under its bar and whole in its tooltip."""
    # And a SKU searched, with no space to wrap at, as long as a name is shown whole.
    queries = [f"lamp {i}" for i in range(8)] + ["btq-000001-24-cm-oak", LONG_QUERY]
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    rows = [
        ("e2e-chart", query, 3, "page", now)
        for n, query in enumerate(queries)
        for _ in range(90 + n)
    ]
    with sqlite3.connect(shop_env_vars["DATABASE_URL"].removeprefix("sqlite:///")) as db:
        db.executemany(
            "insert into search_log (visitor_id, query, result_count, source, created_at)"
            " values (?, ?, ?, ?, ?)",
            rows,
        )
    admin = signed_in_admin(browser, shop_url, shop_env_vars)
    admin.goto("/admin")
    chart = admin.get_by_test_id("chart-search")
    bars = chart.locator(".recharts-bar-rectangle")
    names = chart.locator(".recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value")
    expect(bars).to_have_count(10)
    expect(names).to_have_count(10)
    # A name recharts wraps onto two lines is two tspans: read back with its space.
    shown = names.evaluate_all(
        "ns => ns.map(n => [...n.querySelectorAll('tspan')].map(t => t.textContent).join(' '))"
    )
    assert shown[0] == "hand thrown…"  # the most searched first, cut short at a space
    assert sorted(shown[1:]) == sorted(queries[:9])
    # Each name whole within the chart: none runs past its left edge (QA: clipped).
    edge = chart.locator(".recharts-surface").bounding_box()
    assert edge is not None
    for n in range(10):
        box = names.nth(n).bounding_box()
        assert box is not None
        assert box["x"] >= edge["x"], shown[n]
    bars.first.hover()
    expect(chart.locator(".recharts-tooltip-label")).to_have_text(LONG_QUERY)
    admin.context.close()


def test_a_product_not_on_sale_says_when_the_shop_shows_it_instead_of_linking_to_a_404(
    browser: Browser, shop_url: str, shop_env_vars: dict[str, str]
) -> None:
    db = shop_env_vars["DATABASE_URL"].removeprefix("sqlite:///")
    with sqlite3.connect(db) as connection:
        ((draft, slug),) = connection.execute(
            "select id, slug from product where status = 'active' order by id desc limit 1"
        ).fetchall()
        connection.execute("update product set status = 'draft' where id = ?", (draft,))
    admin = signed_in_admin(browser, shop_url, shop_env_vars)
    admin.goto(f"/admin/products/{draft}")
    expect(admin.get_by_test_id("product-not-in-shop")).to_have_text(
        "Not in the shop: it shows there once active."
    )
    expect(admin.get_by_test_id("product-in-shop")).to_have_count(0)
    admin.get_by_test_id("field-status").select_option("active")
    admin.get_by_test_id("product-save").click()
    link = admin.get_by_test_id("product-in-shop")
    expect(link).to_have_attribute("href", f"/product/{slug}")
    expect(admin.get_by_test_id("product-not-in-shop")).to_have_count(0)
    admin.context.close()


def test_an_expired_discount_code_says_when_it_ended(
    browser: Browser, shop_url: str, shop_env_vars: dict[str, str]
) -> None:
    """ "Expires after 7 December 2026 … Expired" read as working until that evening for a
    code ended at 11:22 (QA): it says the shop's day and time it ended, in both languages."""
    admin = signed_in_admin(browser, shop_url, shop_env_vars)
    admin.goto("/admin/discounts")
    admin.get_by_test_id("field-code").fill("E2E-ENDED")
    admin.get_by_test_id("field-value").fill("10")
    admin.get_by_test_id("discount-save").click()
    row = admin.get_by_test_id("discount-row").filter(has_text="E2E-ENDED")
    expect(row.get_by_test_id("discount-status")).to_have_text("Active")
    admin.get_by_test_id("expire-E2E-ENDED").click()
    admin.get_by_test_id("expire-confirm-E2E-ENDED").click()
    expect(row.get_by_test_id("discount-status")).to_have_text("Expired")
    db = shop_env_vars["DATABASE_URL"].removeprefix("sqlite:///")
    with sqlite3.connect(db) as connection:
        ((stored,),) = connection.execute(
            "select expires_at from discount_code where code = 'E2E-ENDED'"
        ).fetchall()
    zone = ZoneInfo(shop_env_vars.get("BOUTIQUE_TIMEZONE", "UTC"))
    ended = datetime.fromisoformat(str(stored)).replace(tzinfo=UTC).astimezone(zone)
    expires = row.get_by_test_id("discount-expires")
    day = f"{ended.day} {ended:%B %Y}"
    expect(expires).to_have_text(f"Expired on {day} at {ended:%H:%M}")
    admin.get_by_role("button", name="Français").click()
    french = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
              "septembre", "octobre", "novembre", "décembre"][ended.month - 1]  # fmt: skip
    first = "1er" if ended.day == 1 else str(ended.day)
    # The hour as French writes it: 11 h 22, not 11:22.
    at = f"{ended.hour}\u202fh\u202f{ended:%M}"
    expect(expires).to_have_text(f"Expiré le {first} {french} {ended.year} à {at}")
    admin.context.close()


def test_the_admin_reads_times_on_the_shops_clock_wherever_the_laptop_is(
    browser: Browser, shop_url: str, shop_env_vars: dict[str, str]
) -> None:
    """A merchant reading the audit log from another zone saw the laptop's hours, where the
    discounts and the order list's days were the shop's: every admin time is the shop's
    (BOUTIQUE_TIMEZONE), which every page names."""
    admin = signed_in_admin(browser, shop_url, shop_env_vars, timezone_id="Pacific/Kiritimati")
    admin.goto("/admin/audit")
    first = admin.get_by_test_id("audit-entry").first.locator("td").first
    expect(first).not_to_be_empty()
    db = shop_env_vars["DATABASE_URL"].removeprefix("sqlite:///")
    with sqlite3.connect(db) as connection:
        ((stored,),) = connection.execute(
            "select at from admin_audit order by id desc limit 1"
        ).fetchall()
    name = shop_env_vars.get("BOUTIQUE_TIMEZONE", "UTC")
    at = datetime.fromisoformat(str(stored)).replace(tzinfo=UTC)
    # UTC+14 on the laptop: its hour is never the shop's (UTC, or any zone west of it).
    assert format_time("en", at, ZoneInfo("Pacific/Kiritimati")) != format_time(
        "en", at, ZoneInfo(name)
    )
    expect(first).to_have_text(
        re.compile(re.escape(", " + format_time("en", at, ZoneInfo(name))) + "$")
    )
    expect(admin.get_by_test_id("admin-zone")).to_have_text(
        f"Dates and times are in the shop's time zone: {name}."
    )
    admin.get_by_role("button", name="Français").click()
    french = format_time("fr", at, ZoneInfo(name))
    expect(first).to_have_text(re.compile(re.escape(", " + french) + "$"))
    expect(admin.get_by_test_id("admin-zone")).to_have_text(
        f"Dates et heures selon le fuseau horaire de la boutique\u202f: {name}."
    )
    admin.context.close()
