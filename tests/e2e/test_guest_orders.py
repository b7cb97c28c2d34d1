"""A guest's order added to the account made later with the same address: asked from the
account page signed in, the link mailed there (read from the mail outbox) adds nothing in a
browser signed out, and adds the order in the signed-in one; the order is then listed."""

from __future__ import annotations

import re
import sqlite3
import time
from uuid import uuid4

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import sign_up
from tests.e2e.test_admin import pay_an_order
from tests.e2e.test_email_confirmation import local

pytestmark = pytest.mark.e2e
GUEST_ORDERS_LINK = re.compile(r"https?://\S+/account/guest-orders\?token=[\w-]+")


def guest_orders_link(database_url: str, email: str) -> str:
    """The newest link adding guest orders mailed to `email` (its welcome and its order's
    confirmation go to the same address), waited for up to 20 s."""
    deadline = time.monotonic() + 20
    while True:
        with sqlite3.connect(database_url.removeprefix("sqlite:///"), timeout=10) as db:
            bodies = db.execute("select body from mail_outbox where recipient = ?", (email,))
            links = [m.group(0) for (body,) in bodies if (m := GUEST_ORDERS_LINK.search(body))]
        if links or time.monotonic() > deadline:
            assert links, f"no link adding guest orders mailed to {email}"
            return links[-1]
        time.sleep(0.3)


def test_a_guests_order_joins_the_account_through_the_mailed_link_opened_signed_in(
    page: Page, browser: Browser, shop_url: str, shop_env_vars: dict[str, str]
) -> None:
    database = shop_env_vars["DATABASE_URL"]
    email = f"guest-{uuid4().hex[:8]}@example.com"
    reference = pay_an_order(page, email.upper())  # typed in capitals: the same address
    sign_up(page, email)
    expect(page.get_by_test_id("signed-in-as")).to_contain_text(email)
    expect(page.get_by_test_id("history-order")).to_have_count(0)  # not joined by signing up

    page.get_by_test_id("guest-orders-ask").click()
    expect(page.get_by_test_id("guest-orders-sent")).to_have_text(
        f"We emailed a link to {email}. Open it within 60 minutes in this browser, signed in "
        "to this account: the paid orders placed as a guest with that address are then added."
    )
    link = local(guest_orders_link(database, email))

    # Opened in a browser that is not signed in: nothing added, the way to sign in offered.
    elsewhere = browser.new_context(base_url=shop_url)
    try:
        other = elsewhere.new_page()
        other.goto(link)
        expect(other.get_by_test_id("guest-orders-link-error")).to_contain_text(
            "Sign in to the account you asked for this link from, then open the link again."
        )
        expect(other.get_by_test_id("guest-orders-join")).to_have_count(0)
        expect(other.get_by_test_id("guest-orders-sign-in")).to_be_visible()
    finally:
        elsewhere.close()

    # In the signed-in browser: the address, and the button adds the order.
    page.goto(link)
    expect(page.get_by_role("main").get_by_text(email)).to_be_visible()
    page.get_by_test_id("guest-orders-join").click()
    expect(page.get_by_test_id("guest-orders-done")).to_contain_text(
        f"1 order placed as a guest with {email} was added to your account."
    )
    page.get_by_role("main").get_by_role("link", name="Your orders").click()
    listed = page.get_by_test_id("history-order").get_by_role("link", name=reference)
    expect(listed).to_be_visible()

    # The same link again: used, and said so.
    page.goto(link)
    expect(page.get_by_test_id("guest-orders-link-error")).to_contain_text(
        "This link has been used already"
    )
