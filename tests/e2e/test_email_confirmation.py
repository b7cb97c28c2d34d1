"""A new account's email confirmed through the link its welcome mail carries (read from the
mail outbox): the account page says the address is not confirmed until the link's button is
pressed; and an unconfirmed account's back-in-stock ask mails a link instead of waiting."""

from __future__ import annotations

import re
import sqlite3
from urllib.parse import urlsplit
from uuid import uuid4

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import product_slug, sign_up
from tests.e2e.test_accounts import latest_mail_body
from tests.e2e.test_restock import move_stock

pytestmark = pytest.mark.e2e
CONFIRM_LINK = re.compile(r"https?://\S+/account/confirm\?token=[\w-]+")


def confirmed_at(database_url: str, email: str) -> object:
    with sqlite3.connect(database_url.removeprefix("sqlite:///"), timeout=10) as db:
        (when,) = db.execute(
            "select email_confirmed_at from account where email = ?", (email,)
        ).fetchone()
    return when


def mail_ids(database_url: str, email: str) -> int:
    """The id of the newest mail to `email` so far (0: none)."""
    with sqlite3.connect(database_url.removeprefix("sqlite:///"), timeout=10) as db:
        (newest,) = db.execute(
            "select coalesce(max(id), 0) from mail_outbox where recipient = ?", (email,)
        ).fetchone()
    return int(newest)


def local(link: str) -> str:
    """The link's path and query: the same shop, whatever its public address."""
    target = urlsplit(link)
    return f"{target.path}?{target.query}"


def test_a_new_account_confirms_its_email_by_the_welcome_mails_link(
    page: Page, shop_env_vars: dict[str, str]
) -> None:
    database = shop_env_vars["DATABASE_URL"]
    email = f"welcome-{uuid4().hex[:8]}@example.com"
    sign_up(page, email)  # signed in at once
    note = page.get_by_test_id("email-unconfirmed")
    expect(note).to_contain_text(f"Your email address {email} is not confirmed yet")
    welcome = latest_mail_body(database, email)
    assert "Welcome to Boutique" in welcome

    # Asked again: a new link, said where it went.
    note.get_by_test_id("email-confirm-resend").click()
    expect(page.get_by_test_id("email-confirm-sent")).to_have_text(
        f"We emailed a new link to {email}. It works for 7 days."
    )
    again = latest_mail_body(database, email)
    assert again != welcome
    link = CONFIRM_LINK.search(again)
    assert link is not None

    # Opening the link confirms nothing (a mail scanner opens links too): its button does.
    page.goto(local(link.group(0)))
    expect(page.get_by_test_id("email-confirm")).to_be_visible()
    expect(page.get_by_text(email)).to_be_visible()
    assert confirmed_at(database, email) is None
    page.get_by_test_id("email-confirm").click()
    expect(page.get_by_test_id("email-confirmed")).to_contain_text(
        f"your email address {email} is confirmed"
    )
    assert confirmed_at(database, email) is not None
    page.get_by_role("main").get_by_role("link", name="Your account").click()
    expect(page.get_by_test_id("signed-in-as")).to_contain_text(email)
    expect(page.get_by_test_id("email-unconfirmed")).to_have_count(0)

    # The same link again: used, and said so with what to do.
    page.goto(local(link.group(0)))
    expect(page.get_by_test_id("email-confirm-link-error")).to_contain_text(
        "This link has been used already"
    )
    expect(page.get_by_test_id("email-confirm")).to_have_count(0)
    page.goto("/account/confirm?token=not-a-real-token")
    expect(page.get_by_test_id("email-confirm-link-error")).to_contain_text(
        "This link does not work"
    )


def test_an_unconfirmed_accounts_restock_ask_mails_a_link_instead_of_waiting(
    page: Page, shop_env_vars: dict[str, str]
) -> None:
    database = shop_env_vars["DATABASE_URL"]
    email = f"unconfirmed-{uuid4().hex[:8]}@example.com"
    sign_up(page, email)
    # The welcome goes through the bus: waited for, so that the newest mail read below is
    # the alert's (it could land after it).
    assert "/account/confirm?token=" in latest_mail_body(shop_env_vars["DATABASE_URL"], email)
    welcome = mail_ids(shop_env_vars["DATABASE_URL"], email)
    slug = product_slug(database, "count(*) = 1 and p.id % 11 = 7")
    # Sold out as the admin does it, its event telling the cache: its page, cached already
    # (warmed after an earlier test's order), missed a stock written behind the cache's back.
    move_stock(database, slug, 0)
    page.goto(f"/product/{slug}")
    offer = page.get_by_test_id("restock-offer")
    expect(offer.get_by_test_id("restock-email")).to_have_count(0)  # signed in: no field
    offer.get_by_test_id("restock-subscribe").click()
    expect(page.get_by_test_id("restock-told")).to_contain_text(
        f"Almost done: open the link we emailed to {email} to confirm this alert."
    )
    body = latest_mail_body(database, email, after_id=welcome)
    assert "/restock/confirm?token=" in body  # the alert's link, not a confirmation
    with sqlite3.connect(database.removeprefix("sqlite:///"), timeout=10) as db:
        alert = db.execute(
            "select confirmed_at, account_id is not null from restock_alert where email = ?",
            (email,),
        ).fetchone()
    assert alert == (None, 1)  # the account's, waiting for its link
    page.goto("/account")
    expect(page.get_by_test_id("restock-unconfirmed")).to_have_text(
        f"Waiting for you to open the link we emailed to {email}."
    )
