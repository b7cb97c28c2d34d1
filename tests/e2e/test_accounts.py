"""A shopper creating an account, signing out and in, and resetting a forgotten password
through the emailed link (read from the mail outbox, as no SMTP server is configured)."""

from __future__ import annotations

import json
import re
import sqlite3
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.axe import PHONE

pytestmark = pytest.mark.e2e


def latest_mail_body(database_url: str, recipient: str, after_id: int = 0) -> str:
    """The newest mail to `recipient` (with an id above `after_id`), waited for up to 20 s: a
    reset link is mailed after the page has answered (a background event)."""
    deadline = time.monotonic() + 20
    while True:
        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as connection:
            row = connection.execute(
                "select body from mail_outbox where recipient = ? and id > ?"
                " order by id desc limit 1",
                (recipient, after_id),
            ).fetchone()
        if row is not None or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert row is not None, "no mail sent"
    return str(row[0])


def test_sign_up_out_in_and_reset_a_password(page: Page, shop_env_vars: dict[str, str]) -> None:
    page.goto("/account")
    expect(page).to_have_url(re.compile(r"/account/sign-in$"))

    sign_up = page.get_by_test_id("sign-up-form")
    sign_up.get_by_label("Name").fill("Ann")
    sign_up.get_by_label("Email").fill("ann@example.com")
    sign_up.get_by_label("Password").fill("short")
    sign_up.get_by_role("button").click()
    expect(page.get_by_test_id("account-error")).to_contain_text("at least 10 characters")

    sign_up.get_by_label("Password").fill("a long enough password")
    sign_up.get_by_role("button").click()
    expect(page).to_have_url(re.compile(r"/account/?$"))  # a full page load adds the slash
    expect(page.get_by_test_id("signed-in-as")).to_have_text("Signed in as ann@example.com")
    # French elides "que" before a vowel: "qu’ann@…", not "que ann@…".
    page.get_by_role("button", name="Français").click()
    expect(page.get_by_test_id("signed-in-as")).to_have_text(
        "Connecté en tant qu\u2019ann@example.com"
    )
    page.get_by_role("button", name="English").click()

    # The session cookie is HttpOnly: the page's scripts cannot read it.
    session = next(c for c in page.context.cookies() if c["name"] == "boutique_session")
    assert session["httpOnly"] is True
    assert session["sameSite"] == "Lax"
    assert "boutique_session" not in page.evaluate("document.cookie")
    # The browser's visitor id (its browsing history, its recommendations) as it stands.
    host = urlsplit(page.url).hostname or ""
    page.context.add_cookies(
        [{"name": "boutique_visitor", "value": "ann0", "domain": host, "path": "/"}]
    )
    page.reload()  # the session cookie survives a reload
    expect(page.get_by_test_id("signed-in-as")).to_contain_text("ann@example.com")
    page.goto("/account/sign-in")  # opened while signed in: said, with the way back (QA)
    expect(page.get_by_test_id("already-signed-in")).to_contain_text("ann@example.com")
    page.get_by_role("link", name="Go to your account").click()
    expect(page.get_by_test_id("signed-in-as")).to_contain_text("ann@example.com")
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"^https?://[^/]+/$"))  # the home page
    assert all(c["name"] != "boutique_session" for c in page.context.cookies())
    # The next person at this browser starts afresh: none of Ann's history follows them.
    visitor = next(c["value"] for c in page.context.cookies() if c["name"] == "boutique_visitor")
    assert visitor not in ("", "ann0")
    page.goto("/account")  # signed out for good, a new page load included
    expect(page).to_have_url(re.compile(r"/account/sign-in$"))

    page.goto("/account/sign-in")
    sign_in = page.get_by_test_id("sign-in-form")
    sign_in.get_by_label("Email").fill("ann@example.com")
    sign_in.get_by_label("Password").fill("not the password")
    sign_in.get_by_role("button").click()
    expect(page.get_by_test_id("account-error")).to_contain_text("do not match")

    database = shop_env_vars["DATABASE_URL"]
    with sqlite3.connect(database.removeprefix("sqlite:///")) as connection:
        (before,) = connection.execute("select coalesce(max(id), 0) from mail_outbox").fetchone()
    page.get_by_role("link", name="Forgot your password?").click()
    page.get_by_test_id("reset-request-form").get_by_label("Email").fill("ann@example.com")
    page.get_by_test_id("reset-request-form").get_by_role("button").click()
    expect(page.get_by_test_id("account-notice")).to_be_visible()
    body = latest_mail_body(database, "ann@example.com", after_id=before)
    link = re.search(r"https?://\S+/account/reset\?token=[\w-]+", body)
    assert link is not None
    target = urlsplit(link.group(0))
    page.goto(f"{target.path}?{target.query}")  # same shop, whatever its public address
    page.get_by_test_id("reset-form").get_by_label("New password").fill("a brand new password")
    page.get_by_test_id("reset-form").get_by_role("button").click()
    expect(page.get_by_test_id("signed-in-as")).to_contain_text("ann@example.com")
    used = page.context.new_page()  # the link again: used, and said so before any typing
    used.goto(f"{target.path}?{target.query}")
    expect(used.get_by_test_id("account-notice")).to_contain_text("already used")
    expect(used.get_by_test_id("reset-form")).to_have_count(0)
    expect(used.get_by_test_id("reset-request-form")).to_be_visible()
    used.close()

    # Ann downloads her data (the browser brings the HttpOnly cookie to the API route).
    with page.expect_download() as downloaded:
        page.get_by_test_id("download-data").click()
    mine = json.loads(Path(downloaded.value.path()).read_text(encoding="utf-8"))
    # Confirmed by the reset's link: it went to her address (services/accounts/resets.py).
    assert mine["account"].pop("email_confirmed_at") is not None
    assert (mine["account"], mine["orders"]) == ({"email": "ann@example.com", "name": "Ann"}, [])

    # Ann changes her password from the account page; the tab stays signed in.
    change = page.get_by_test_id("password-form")
    change.get_by_label("Current password").fill("a brand new password")
    change.get_by_label("New password").fill("my third password")
    change.get_by_role("button").click()
    expect(page.get_by_test_id("password-changed")).to_be_visible()
    expect(change.get_by_label("Current password")).to_have_value("")  # emptied
    expect(page.get_by_test_id("signed-in-as")).to_contain_text("ann@example.com")
    assert "account was changed on" in latest_mail_body(database, "ann@example.com", before)
    with sqlite3.connect(database.removeprefix("sqlite:///")) as connection:
        (notices,) = connection.execute(
            "select count(*) from mail_outbox where recipient = ? and subject = ? and id > ?",
            ("ann@example.com", "Your Boutique password was changed", before),
        ).fetchone()
    assert notices == 2  # one for the reset by link, one for the change on the account page

    # Ann changes her email: a link goes to the new address, and opened there, it asks her to
    # confirm (a mail scanner opening it changes nothing); then she is known by it, and her
    # old address is told.
    email_form = page.get_by_test_id("email-form")
    email_form.get_by_label("New email").fill("Ann.New@example.com")
    email_form.get_by_label("Password").fill("my third password")
    email_form.get_by_role("button").click()
    expect(page.get_by_test_id("email-sent")).to_contain_text("ann.new@example.com")
    expect(email_form.get_by_label("New email")).to_have_value("")  # emptied
    body = latest_mail_body(database, "ann.new@example.com", after_id=before)
    link = re.search(r"https?://\S+/account/email\?token=[\w-]+", body)
    assert link is not None
    target = urlsplit(link.group(0))
    page.goto(f"{target.path}?{target.query}")
    page.get_by_test_id("email-confirm").click()
    expect(page.get_by_test_id("email-changed")).to_contain_text("ann.new@example.com")
    notice = latest_mail_body(database, "ann@example.com", after_id=before)
    assert "now signs in with ann.new@example.com" in notice
    page.goto("/account")
    expect(page.get_by_test_id("signed-in-as")).to_contain_text("ann.new@example.com")

    # Ann closes her account: a wrong password says so by its form; hers closes it.
    close = page.get_by_test_id("close-form")
    # Red, unlike the page's other buttons: what it does cannot be undone.
    expect(close.get_by_role("button")).to_have_attribute("data-accent-color", "red")
    close.get_by_label("Password").fill("a long enough password")  # her old one
    close.get_by_role("button").click()
    expect(page.get_by_test_id("close-error")).to_contain_text("not your password")
    close.get_by_label("Password").fill("my third password")
    close.get_by_role("button").click()
    expect(page).to_have_url(re.compile(r"/account/closed/?$"))  # a full page load: a slash
    expect(page.get_by_test_id("account-closed")).to_contain_text("Your account is closed")
    assert all(c["name"] != "boutique_session" for c in page.context.cookies())
    closed = latest_mail_body(database, "ann.new@example.com", after_id=before)
    assert "account is closed" in closed
    page.goto("/account")
    expect(page).to_have_url(re.compile(r"/account/sign-in$"))


def failed_attempts(database_url: str, email: str) -> int:
    with sqlite3.connect(database_url.removeprefix("sqlite:///")) as connection:
        query = "select count(*) from sign_in_attempt where email = ? and not succeeded"
        return int(connection.execute(query, (email,)).fetchone()[0])


def test_guesses_from_another_browser_do_not_lock_out_one_that_signed_in(
    page: Page, browser: Any, shop_url: str, shop_env_vars: dict[str, str]
) -> None:
    """Someone failing to sign in as Dee (here another browser) locks the email for everyone
    but the browsers Dee has signed in with: theirs carry a device cookie of their own."""
    database = shop_env_vars["DATABASE_URL"]

    def sign_in(tab: Page, password: str) -> None:
        form = tab.get_by_test_id("sign-in-form")
        form.get_by_label("Email").fill("dee@example.com")
        form.get_by_label("Password").fill(password)
        # Not while the last try is still answered: a busy button takes no click.
        expect(form.get_by_role("button")).to_be_enabled()
        form.get_by_role("button").click()

    page.goto("/account/sign-in")
    sign_up = page.get_by_test_id("sign-up-form")
    sign_up.get_by_label("Name").fill("Dee")
    sign_up.get_by_label("Email").fill("dee@example.com")
    sign_up.get_by_label("Password").fill("dee's long password")
    sign_up.get_by_role("button").click()
    expect(page.get_by_test_id("signed-in-as")).to_contain_text("dee@example.com")
    device = next(c for c in page.context.cookies() if c["name"] == "boutique_device")
    assert device["httpOnly"] is True
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"^https?://[^/]+/$"))

    other = browser.new_context(base_url=shop_url)
    try:
        guesser = other.new_page()
        guesser.goto("/account/sign-in")
        for guess in range(1, 6):
            sign_in(guesser, f"wrong guess {guess}")
            # Answered before the next: a guess sent while the last is still checked waits
            # in the page's queue, and a loaded machine once let 15 s pass uncounted.
            expect(guesser.get_by_test_id("sign-in-form")).to_have_attribute(
                "data-refused", f"sign-in-form#{guess}", timeout=30_000
            )
            deadline = time.monotonic() + 15
            while failed_attempts(database, "dee@example.com") < guess:
                assert time.monotonic() < deadline, f"guess {guess} was not counted"
                time.sleep(0.1)
        expect(guesser.get_by_test_id("account-error")).to_contain_text("do not match")
        sign_in(guesser, "dee's long password")  # right, but this browser is locked out
        expect(guesser.get_by_test_id("account-error")).to_contain_text("Too many attempts")
    finally:
        other.close()

    page.goto("/account/sign-in")
    sign_in(page, "dee's long password")
    expect(page.get_by_test_id("signed-in-as")).to_contain_text("dee@example.com")


def test_a_refused_form_marks_its_fields_and_the_first_takes_the_focus(page: Page) -> None:
    """Marked invalid and described by the error line; the sign-in page's other form, whose
    fields have the same names, is left alone."""
    page.goto("/account/sign-in")
    sign_up, sign_in = page.get_by_test_id("sign-up-form"), page.get_by_test_id("sign-in-form")
    sign_up.get_by_label("Email").fill("marks@example.com")
    sign_up.get_by_label("Password").fill("short")
    sign_up.get_by_role("button").click()
    expect(page.get_by_test_id("account-error")).to_contain_text("at least 10 characters")
    password = sign_up.get_by_label("Password")
    expect(password).to_have_attribute("aria-invalid", "true")
    # Described by the error line, and by the rule it did not meet.
    expect(password).to_have_attribute(
        "aria-describedby", "account-error sign-up-form-password-hint"
    )
    expect(password).to_be_focused()
    expect(sign_up.get_by_label("Email")).not_to_have_attribute("aria-invalid", "true")
    expect(sign_in.get_by_label("Password")).not_to_have_attribute("aria-invalid", "true")

    sign_in.get_by_label("Email").fill("marks@example.com")
    sign_in.get_by_label("Password").fill("not the password")
    sign_in.get_by_role("button").click()
    expect(page.get_by_test_id("account-error")).to_contain_text("do not match")
    for label in ("Email", "Password"):
        expect(sign_in.get_by_label(label)).to_have_attribute("aria-invalid", "true")
    expect(sign_in.get_by_label("Email")).to_be_focused()
    expect(password).not_to_have_attribute("aria-invalid", "true")  # the last refusal's only
    page.reload()  # a new page: nothing marked, the focus left where the browser puts it
    expect(page.get_by_test_id("account-error")).to_have_count(0)
    expect(page.locator("[aria-invalid=true]")).to_have_count(0)


def test_a_refused_form_says_why_inside_it_in_sight_on_a_phone(page: Page) -> None:
    """On a phone the sign-up form is below the sign-in form: its error, said at the page's
    top, was out of sight above the field that took the focus (QA). Said in the refused form,
    the other form says nothing."""
    page.set_viewport_size(PHONE)
    page.goto("/account/sign-in")
    sign_up, sign_in = page.get_by_test_id("sign-up-form"), page.get_by_test_id("sign-in-form")
    sign_up.get_by_label("Email").fill("phone@example.com")
    sign_up.get_by_label("Password").fill("short")
    sign_up.get_by_role("button").click()
    error = sign_up.get_by_test_id("account-error")
    expect(error).to_contain_text("at least 10 characters")
    expect(sign_up.get_by_label("Password")).to_be_focused()
    expect(error).to_be_in_viewport()
    expect(page.get_by_test_id("account-error")).to_have_count(1)

    sign_in.get_by_label("Email").fill("phone@example.com")
    sign_in.get_by_label("Password").fill("not the password")
    sign_in.get_by_role("button").click()
    expect(sign_in.get_by_test_id("account-error")).to_contain_text("do not match")
    expect(sign_in.get_by_test_id("account-error")).to_be_in_viewport()
    expect(page.get_by_test_id("account-error")).to_have_count(1)


def test_a_form_sent_before_the_page_is_live_puts_nothing_in_a_url(
    browser: Browser, shop_url: str
) -> None:
    """The pages are prerendered: their forms are there before the scripts take them over
    (here, never: scripts off). A password typed then and sent with Enter is not the
    browser's own GET of the page, which would write it into the address bar, the history
    and the server's logs; a search typed then goes to its results page as a link would."""
    context = browser.new_context(base_url=shop_url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/account/sign-in")
        sign_in = page.get_by_test_id("sign-in-form")
        expect(sign_in.get_by_role("button")).to_be_disabled()
        sign_in.get_by_label("Email").fill("ann@example.com")
        sign_in.get_by_label("Password").fill("secret password")
        sign_in.get_by_label("Password").press("Enter")
        page.wait_for_load_state()
        assert urlsplit(page.url).query == ""
        assert sign_in.get_by_label("Password").input_value() == "secret password"  # kept

        page.get_by_test_id("search-input").fill("chair")
        with page.expect_navigation():
            page.get_by_test_id("search-input").press("Enter")
        assert (urlsplit(page.url).path.rstrip("/"), urlsplit(page.url).query) == (
            "/search", "q=chair"
        )  # fmt: skip
    finally:
        context.close()


def test_forgot_password_carries_the_typed_email_to_the_reset_form_not_the_address(
    page: Page,
) -> None:
    """QA: the email typed in the sign-in form had to be typed again to ask for a link."""
    page.goto("/account/sign-in")
    sign_in = page.get_by_test_id("sign-in-form")
    sign_in.get_by_label("Email").fill("forgetful@example.com")
    sign_in.get_by_role("link", name="Forgot your password?").click()
    expect(page).to_have_url(re.compile(r"/account/reset/?$"))
    ask = page.get_by_test_id("reset-request-form")
    expect(ask.get_by_label("Email")).to_have_value("forgetful@example.com")
    assert "forgetful" not in page.url
    ask.get_by_role("button").click()
    expect(page.get_by_test_id("account-notice")).to_be_visible()

    # In French, and nothing typed this time: nothing offered.
    page.goto("/account/sign-in")
    page.get_by_test_id("lang-fr").click()
    sign_in.get_by_role("link", name="Mot de passe oublié\u202f?").click()
    expect(page).to_have_url(re.compile(r"/account/reset/?$"))
    expect(ask.get_by_label("E-mail")).to_have_value("")
    page.goto("/account/sign-in")
    sign_in.get_by_label("E-mail").fill("oublieuse@example.com")
    sign_in.get_by_role("link", name="Mot de passe oublié\u202f?").click()
    expect(ask.get_by_label("E-mail")).to_have_value("oublieuse@example.com")
