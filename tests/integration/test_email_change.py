"""Changing an account's email on real SQLite and PostgreSQL: asked with the password given
again, confirmed by a single-use link mailed to the new address; the old one is told. A change
spends the reset links mailed before it, and a new password the changes still open."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from storefront.bootstrap import Shop
from storefront.services.accounts.email_change import LINK_MINUTES, MAX_OPEN_LINKS, EmailChanges
from storefront.services.accounts.errors import AccountError
from storefront.services.accounts.service import Accounts

NOW = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)
URL = "https://shop.example/account/email"
PASSWORD = "a long enough secret"


@pytest.fixture
def shop(database_url: str, make_shop: Callable[..., Shop]) -> Shop:
    return make_shop(database_url)


def services(shop: Shop) -> tuple[Accounts, EmailChanges]:
    assert shop.accounts is not None
    assert shop.email_changes is not None
    return shop.accounts, shop.email_changes


def outbox(shop: Shop) -> list[tuple[str, str, str]]:
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        rows = connection.execute(text("select recipient, subject, body from mail_outbox"))
        # Not the welcome every sign-up mails (test_email_confirmation.py's).
        return [(r[0], r[1], r[2]) for r in rows if "/account/confirm?token=" not in r[2]]


def token_in(body: str) -> str:
    found = re.search(r"token=([\w-]+)", body)
    assert found is not None
    return found.group(1)


def test_the_new_address_gets_a_link_whose_use_changes_the_email_and_tells_the_old(
    shop: Shop,
) -> None:
    accounts, changes = services(shop)
    ann = accounts.sign_up("ann@example.com", PASSWORD, "Ann", NOW)
    sent = changes.request_change(ann.account_id, " Ann.New@Example.com ", PASSWORD, URL, NOW)
    assert sent == "ann.new@example.com"
    [(to, subject, body)] = outbox(shop)
    assert (to, subject) == ("ann.new@example.com", "Confirm your new email for Boutique")
    assert "(it was ann@example.com)" in body
    token = token_in(body)
    # Nothing changes until the link is used: she still signs in with her address.
    assert accounts.sign_in("ann@example.com", PASSWORD, NOW).account_id == ann.account_id
    assert changes.link_usable(token, NOW) == "ann.new@example.com"
    later = NOW + timedelta(minutes=LINK_MINUTES - 1)
    assert changes.confirm_change(token, later, lang="fr") == "ann.new@example.com"
    assert accounts.sign_in("ann.new@example.com", PASSWORD, later).account_id == ann.account_id
    with pytest.raises(AccountError, match="credentials"):
        accounts.sign_in("ann@example.com", PASSWORD, later)
    notice = outbox(shop)[-1]
    assert notice[0] == "ann@example.com"  # the old address, in the page's language
    assert notice[1] == "L’e-mail de votre compte Boutique a changé"
    assert "ann.new@example.com" in notice[2]
    with pytest.raises(AccountError, match="email_link"):  # single use
        changes.confirm_change(token, later)
    assert changes.link_usable(token, later) is None


def test_wrong_password_same_or_taken_address_are_refused_and_nothing_is_sent(
    shop: Shop,
) -> None:
    accounts, changes = services(shop)
    ann = accounts.sign_up("ann@example.com", PASSWORD, "Ann", NOW)
    accounts.sign_up("bob@example.com", PASSWORD, "Bob", NOW)
    refused = [
        ("new@example.com", "wrong password!", "account.error.current_password", "email_password"),
        ("ANN@example.com", PASSWORD, "account.error.email_same", "email"),
        ("bob@example.com", PASSWORD, "account.error.email_taken", "email"),
        ("not an email", PASSWORD, "account.error.email", "email"),
    ]
    for address, password, code, field in refused:
        with pytest.raises(AccountError) as caught:
            changes.request_change(ann.account_id, address, password, URL, NOW)
        assert (caught.value.code, set(caught.value.fields)) == (code, {field})
    assert outbox(shop) == []


def test_links_expire_die_with_the_one_used_and_stop_at_the_limit(shop: Shop) -> None:
    accounts, changes = services(shop)
    ann = accounts.sign_up("ann@example.com", PASSWORD, "Ann", NOW)
    for n in range(MAX_OPEN_LINKS):
        changes.request_change(ann.account_id, f"ann{n}@example.com", PASSWORD, URL, NOW)
    with pytest.raises(AccountError, match="email_links"):  # someone's inbox flooded
        changes.request_change(ann.account_id, "more@example.com", PASSWORD, URL, NOW)
    first, second, third = (token_in(body) for _, _, body in outbox(shop))
    expired = NOW + timedelta(minutes=LINK_MINUTES)
    with pytest.raises(AccountError, match="email_link"):
        changes.confirm_change(first, expired)
    changes.confirm_change(second, NOW)
    with pytest.raises(AccountError, match="email_link"):  # would change it again
        changes.confirm_change(third, NOW)
    assert accounts.sign_in("ann1@example.com", PASSWORD, NOW).account_id == ann.account_id


def test_a_changed_email_spends_the_reset_links_mailed_to_the_old_address(shop: Shop) -> None:
    """A reset link in the mailbox the owner left would take the account back (security
    review): the change spends it."""
    accounts, changes = services(shop)
    assert shop.resets is not None
    ann = accounts.sign_up("ann@example.com", PASSWORD, "Ann", NOW)
    shop.resets.request_reset("ann@example.com", "https://shop.example/account/reset", NOW)
    reset = token_in(outbox(shop)[-1][2])
    assert shop.resets.link_usable(reset, NOW)
    changes.request_change(ann.account_id, "ann.new@example.com", PASSWORD, URL, NOW)
    changes.confirm_change(token_in(outbox(shop)[-1][2]), NOW)
    assert not shop.resets.link_usable(reset, NOW)
    with pytest.raises(AccountError, match="reset"):
        shop.resets.reset_password(reset, "someone else's password", NOW)
    assert accounts.sign_in("ann.new@example.com", PASSWORD, NOW).account_id == ann.account_id


@pytest.mark.parametrize("by", ["reset", "change"])
def test_a_new_password_spends_the_email_changes_still_open(shop: Shop, by: str) -> None:
    """An email change asked from a stolen session would still give the account away after
    the owner's new password (security review): the new password, however it is set, spends
    it."""
    accounts, changes = services(shop)
    assert shop.resets is not None
    ann = accounts.sign_up("ann@example.com", PASSWORD, "Ann", NOW)
    changes.request_change(ann.account_id, "thief@example.com", PASSWORD, URL, NOW)
    stolen = token_in(outbox(shop)[-1][2])
    if by == "reset":
        shop.resets.request_reset("ann@example.com", "https://shop.example/account/reset", NOW)
        shop.resets.reset_password(token_in(outbox(shop)[-1][2]), "a brand new secret", NOW)
    else:
        signed_in = accounts.sign_in("ann@example.com", PASSWORD, NOW)
        accounts.change_password(
            ann.account_id, PASSWORD, "a brand new secret", NOW, signed_in.session_token
        )
    assert changes.link_usable(stolen, NOW) is None
    with pytest.raises(AccountError, match="email_link"):
        changes.confirm_change(stolen, NOW)
    assert accounts.sign_in("ann@example.com", "a brand new secret", NOW).account_id == (
        ann.account_id
    )


def test_an_address_taken_before_the_link_is_used_changes_nothing(shop: Shop) -> None:
    accounts, changes = services(shop)
    ann = accounts.sign_up("ann@example.com", PASSWORD, "Ann", NOW)
    changes.request_change(ann.account_id, "wanted@example.com", PASSWORD, URL, NOW)
    token = token_in(outbox(shop)[0][2])
    accounts.sign_up("wanted@example.com", PASSWORD, "Someone", NOW)
    with pytest.raises(AccountError, match="email_taken"):
        changes.confirm_change(token, NOW)
    assert accounts.sign_in("ann@example.com", PASSWORD, NOW).account_id == ann.account_id
    assert changes.link_usable(token, NOW) == "wanted@example.com"  # not used up


def test_closing_the_account_takes_its_links_with_it(shop: Shop) -> None:
    accounts, changes = services(shop)
    ann = accounts.sign_up("ann@example.com", PASSWORD, "Ann", NOW)
    changes.request_change(ann.account_id, "new@example.com", PASSWORD, URL, NOW)
    token = token_in(outbox(shop)[0][2])
    accounts.close(ann.account_id, PASSWORD, NOW)
    with pytest.raises(AccountError, match="email_link"):
        changes.confirm_change(token, NOW)
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        assert connection.execute(text("select count(*) from email_change")).scalar_one() == 0
