"""A guest asks to be told when a sold-out variant is back and confirms by the link mailed to
them; the merchandiser restocks it (the admin's stock service, as the admin page and the
command line call it, on the shop's database); the shop's own bus process mails the guest
once, with the product's link."""

from __future__ import annotations

import re
import sqlite3
import time
from datetime import UTC, datetime
from uuid import uuid4

import pytest
from playwright.sync_api import Page, expect

from storefront.adapters.db import make_engine
from storefront.adapters.sql_restock import SqlRestockStore
from storefront.adapters.sql_stock_admin import SqlStockAdmin
from storefront.services.admin.stock import StockAdmin
from tests.e2e.conftest import product_slug, sign_up

pytestmark = pytest.mark.e2e
# Its own address each run: the links one address is mailed a day are counted in Redis.
GUEST = f"waiting-{uuid4().hex[:8]}@example.com"


def restock_mails(database_url: str) -> list[tuple[str, str]]:
    with sqlite3.connect(database_url.removeprefix("sqlite:///"), timeout=10) as db:
        rows = db.execute(
            "select subject, body from mail_outbox where recipient = ? order by id", (GUEST,)
        ).fetchall()
    return [(str(subject), str(body)) for subject, body in rows]


def move_stock(database_url: str, slug: str, counted: int) -> str:
    """Recount the product's only variant to `counted`, as the admin does (the change and
    its event in one transaction); its SKU."""
    with sqlite3.connect(database_url.removeprefix("sqlite:///"), timeout=10) as db:
        (sku,) = db.execute(
            "select v.sku from variant v join product p on p.id = v.product_id where p.slug = ?",
            (slug,),
        ).fetchone()
    engine = make_engine(database_url)
    try:
        stock = StockAdmin(SqlStockAdmin(engine), lambda events: None)
        stock.adjust_stock(
            sku, counted, reason="recount", note="", actor_id=None, now=datetime.now(UTC)
        )
    finally:
        engine.dispose()
    return str(sku)


def test_a_guest_waiting_for_a_sold_out_item_is_mailed_once_when_it_is_back(
    page: Page, shop_env_vars: dict[str, str]
) -> None:
    database = shop_env_vars["DATABASE_URL"]
    slug = product_slug(database, "count(*) = 1 and min(v.stock) >= 1 and p.id % 11 = 3")
    move_stock(database, slug, 0)
    page.goto(f"/product/{slug}")
    offer = page.get_by_test_id("restock-offer")
    expect(page.get_by_test_id("add-to-cart")).to_be_disabled()
    expect(page.get_by_test_id("delivery-promise")).to_have_count(0)  # nothing to deliver
    title = page.get_by_test_id("product-title").inner_text()

    # A bad email is refused beside the field, and nothing is kept.
    offer.get_by_test_id("restock-email").fill("not-an-email@x")
    offer.get_by_test_id("restock-subscribe").click()
    expect(page.get_by_test_id("restock-error")).to_contain_text("valid email")
    offer.get_by_test_id("restock-email").fill(GUEST)
    offer.get_by_test_id("restock-subscribe").click()
    told = page.get_by_test_id("restock-told")
    expect(told).to_contain_text(f"Almost done: open the link we emailed to {GUEST}")
    expect(told).to_be_focused()  # its button went

    # Only the link went; opening it confirms nothing (a mail scanner opens links too): its
    # page's button does.
    [(subject, body)] = restock_mails(database)
    assert subject == f"Confirm your back-in-stock alert: {title}"
    [link] = re.findall(r"https?://\S+/restock/confirm\?token=\S+", body)
    page.goto(re.sub(r"^https?://[^/]+", "", link))
    expect(page.get_by_test_id("restock-link-product")).to_have_text(re.compile(re.escape(title)))
    expect(page.get_by_text(f"Email {GUEST} once when this is back in stock?")).to_be_visible()
    expect(page.get_by_test_id("restock-link-in-stock")).to_have_count(0)  # still sold out
    page.get_by_test_id("restock-link-confirm").click()
    expect(page.get_by_test_id("restock-link-waiting")).to_have_text(
        f"Confirmed: we will email {GUEST} once when this is back in stock."
    )
    expect(page.get_by_test_id("restock-link-confirm")).to_have_count(0)
    expect(page.get_by_test_id("restock-link-waiting")).to_be_focused()  # its button went
    page.get_by_test_id("restock-link-product").click()
    expect(page.get_by_test_id("restock-offer")).to_be_visible()

    move_stock(database, slug, 3)
    deadline = time.monotonic() + 20
    while len(restock_mails(database)) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    [_, (subject, body)] = restock_mails(database)
    assert subject == f"Back in stock: {title}"
    assert f"/product/{slug}" in body
    expect(page.get_by_test_id("add-to-cart")).to_be_enabled()  # pushed live to the page
    move_stock(database, slug, 5)  # another change of the product: no second mail
    time.sleep(2)
    assert len(restock_mails(database)) == 2

    # Mailed: the link is done.
    page.goto(re.sub(r"^https?://[^/]+", "", link))
    expect(page.get_by_test_id("restock-link-error")).to_contain_text("no longer works")


def test_an_alert_refused_or_mailed_says_so_on_the_account_page(
    page: Page, shop_env_vars: dict[str, str]
) -> None:
    """Not "mailed", nor gone from the list as if it had been: the shopper reads that their
    address was refused, and may remove the line. One mailed says when (it left the list at
    once, as if forgotten)."""
    database = shop_env_vars["DATABASE_URL"]
    email = "refused-alert@example.com"
    sign_up(page, email)
    refused_slug = product_slug(database, "count(*) = 1 and p.id % 11 = 5")
    mailed_slug = product_slug(database, "count(*) = 1 and p.id % 11 = 6")
    with sqlite3.connect(database.removeprefix("sqlite:///"), timeout=10) as db:
        (account_id,) = db.execute("select id from account where email = ?", (email,)).fetchone()
        product = (
            "select p.id, v.id, p.title from product p join variant v on v.product_id = p.id"
            " where p.slug = ?"
        )
        refused = db.execute(product, (refused_slug,)).fetchone()
        mailed = db.execute(product, (mailed_slug,)).fetchone()
    # Waited for, then refused by the mail server when it came back, or mailed (the
    # adapter's own path).
    engine = make_engine(database)
    try:
        store = SqlRestockStore(engine)
        now = datetime.now(UTC)
        for product_id, variant_id, _title in (refused, mailed):
            store.add(product_id, variant_id, email, account_id=account_id, locale="en", now=now)
        alerts = {w.product_title: w.alert_id for w in store.waiting_for(account_id, now)}
        for alert_id in alerts.values():
            assert store.claim(alert_id, now, now)
        store.refused(alerts[refused[2]], now)
        store.sent(alerts[mailed[2]], now)
    finally:
        engine.dispose()

    page.goto("/account")
    items = page.get_by_test_id("restock-waiting")
    expect(items).to_have_count(2)
    item = items.filter(has_text=refused[2])
    expect(item.get_by_test_id("restock-refused")).to_have_text(
        f"We could not email you at {email} when it was back in stock: the address was refused."
    )
    expect(item.get_by_test_id("restock-mailed")).to_have_count(0)
    told = items.filter(has_text=mailed[2]).get_by_test_id("restock-mailed")
    expect(told).to_have_text(re.compile(r"^Back in stock: we emailed you on \d+ \w+ 20\d\d\.$"))
    remove = item.get_by_test_id("restock-remove")
    expect(remove).to_have_accessible_name(re.compile(rf"^Remove {re.escape(refused[2])}"))
    remove.click()
    expect(items).to_have_count(1)
    removed = page.get_by_test_id("restock-removed")
    expect(removed).to_contain_text(": removed from your list.")  # no mail to stop
    expect(removed).to_contain_text(refused[2])  # named: a second removal reads anew (QA)
    expect(page.get_by_test_id("restock-removed")).to_be_focused()  # its row's button went
    items.get_by_test_id("restock-remove").click()  # read: dismissed too
    expect(items).to_have_count(0)
