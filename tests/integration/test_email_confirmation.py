"""Confirming an account's email on real SQLite and PostgreSQL: the welcome's link, used
once while unexpired and only for the address it went to; a password reset's and an email
change's links confirm too; confirming makes the account's back-in-stock alerts waiting for
their link wait for good; old links are pruned, and go with a closed account."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from storefront.adapters.sql_email_confirmations import SqlEmailConfirmations
from storefront.adapters.sql_restock import SqlRestockStore
from storefront.bootstrap import Shop
from storefront.services.accounts.credentials import token_hash
from storefront.services.accounts.email_confirmation import (
    CONFIRM_DAYS,
    LINK_REPLACED,
    LINK_USED,
    EmailConfirmations,
)
from storefront.services.accounts.errors import AccountError
from storefront.services.accounts.service import Accounts
from tests.integration.catalog_fixtures import seed_small_catalog
from tests.integration.confirmed import deliver_welcomes

NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
PASSWORD = "a long enough secret"
LINK = re.compile(r"/account/confirm\?token=([\w-]+)")


@pytest.fixture
def shop(database_url: str, make_shop: Callable[..., Shop]) -> Shop:
    shop = make_shop(database_url)
    seed_small_catalog(shop)
    return shop


def services(shop: Shop) -> tuple[Accounts, EmailConfirmations]:
    assert shop.accounts is not None
    assert shop.email_confirmations is not None
    return shop.accounts, shop.email_confirmations


def mails_to(shop: Shop, email: str) -> list[tuple[str, str]]:
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        rows = connection.execute(
            text("select subject, body from mail_outbox where recipient = :to order by id"),
            {"to": email},
        )
        return [(r[0], r[1]) for r in rows]


def confirmed_at(shop: Shop, account_id: int) -> datetime | None:
    assert shop.accounts is not None
    record = shop.accounts.account(account_id)
    assert record is not None
    return record.email_confirmed_at


def test_the_welcome_link_confirms_the_address_once(shop: Shop) -> None:
    accounts, confirmations = services(shop)
    ann = accounts.sign_up("ann@example.com", PASSWORD, "Ann", NOW, lang="fr")
    assert mails_to(shop, "ann@example.com") == []  # mailed by its event, not the sign-up
    deliver_welcomes(shop, NOW)
    [(subject, body)] = mails_to(shop, "ann@example.com")
    assert subject.startswith("Bienvenue chez Boutique")
    [token] = LINK.findall(body)
    assert shop.engine is not None
    with shop.engine.connect() as connection:  # kept hashed
        kept = connection.execute(text("select token_hash from email_confirmation")).scalar()
    assert kept == token_hash(token)
    link = SqlEmailConfirmations(shop.engine).confirmation(kept)
    assert link is not None
    assert (link.email, link.expires_at) == ("ann@example.com", NOW + timedelta(days=7))
    assert confirmed_at(shop, ann.account_id) is None
    assert confirmations.check(token, NOW).email == "ann@example.com"  # a read only
    assert confirmed_at(shop, ann.account_id) is None
    later = NOW + timedelta(hours=2)
    assert confirmations.confirm(token, later) == "ann@example.com"
    assert confirmed_at(shop, ann.account_id) == later
    with pytest.raises(AccountError, match=LINK_USED):
        confirmations.confirm(token, later)
    # Used twice at once: one use only (the conditional update).
    store = SqlEmailConfirmations(shop.engine)
    assert not store.use_confirmation(token_hash(token), later)


def test_an_expired_link_or_one_for_an_address_left_confirms_nothing(shop: Shop) -> None:
    accounts, confirmations = services(shop)
    ann = accounts.sign_up("ann@example.com", PASSWORD, "Ann", NOW)
    deliver_welcomes(shop, NOW)
    [(_, body)] = mails_to(shop, "ann@example.com")
    [token] = LINK.findall(body)
    assert shop.engine is not None
    store = SqlEmailConfirmations(shop.engine)
    assert not store.use_confirmation(token_hash(token), NOW + timedelta(days=CONFIRM_DAYS))
    with shop.engine.begin() as connection:  # the address changed since it was mailed
        connection.execute(
            text("update account set email = 'ann@new.example' where id = :a"),
            {"a": ann.account_id},
        )
    assert not store.use_confirmation(token_hash(token), NOW)
    with pytest.raises(AccountError, match=LINK_REPLACED):
        confirmations.confirm(token, NOW)
    assert confirmed_at(shop, ann.account_id) is None


def test_a_password_reset_and_an_email_change_through_their_links_confirm(shop: Shop) -> None:
    accounts, _ = services(shop)
    assert shop.resets is not None
    assert shop.email_changes is not None
    ann = accounts.sign_up("ann@example.com", PASSWORD, "Ann", NOW)
    shop.resets.request_reset("ann@example.com", "https://shop.example/account/reset", NOW)
    reset = mails_to(shop, "ann@example.com")[-1][1]
    token = re.search(r"reset\?token=([\w-]+)", reset).group(1)  # type: ignore[union-attr]
    shop.resets.reset_password(token, "another long secret", NOW)
    assert confirmed_at(shop, ann.account_id) == NOW

    later = NOW + timedelta(days=1)
    url = "https://shop.example/account/email"
    shop.email_changes.request_change(
        ann.account_id, "ann@new.example", "another long secret", url, later
    )
    [(_, body)] = mails_to(shop, "ann@new.example")
    change = re.search(r"email\?token=([\w-]+)", body).group(1)  # type: ignore[union-attr]
    shop.email_changes.confirm_change(change, later)
    record = accounts.account(ann.account_id)
    assert record is not None
    assert (record.email, record.email_confirmed_at) == ("ann@new.example", later)


def test_confirming_makes_the_accounts_alerts_waiting_for_their_link_wait(shop: Shop) -> None:
    accounts, confirmations = services(shop)
    assert shop.restock is not None
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        found = "select id from variant where sku = :s"
        variant = int(connection.execute(text(found), {"s": "SKU-10-0"}).scalar_one())
        other = int(connection.execute(text(found), {"s": "SKU-10-1"}).scalar_one())
    waits = SqlRestockStore(shop.engine).is_waiting
    ann = accounts.sign_up("ann@example.com", PASSWORD, "Ann", NOW)
    bob = accounts.sign_up("bob@example.com", PASSWORD, "Bob", NOW)
    deliver_welcomes(shop, NOW)
    # Asked signed in before the address is confirmed: waiting for the link mailed to it.
    asked = shop.restock.ask(variant, "ann@example.com", "en", NOW, account_id=ann.account_id)
    assert (asked.confirmed, asked.pending is not None) == (False, True)
    shop.restock.subscribe(variant, "bob@example.com", "en", NOW, account_id=bob.account_id)
    shop.restock.subscribe(variant, "cy@example.com", "en", NOW)  # a guest's
    assert not waits(variant, "ann@example.com")

    [token] = LINK.findall(mails_to(shop, "ann@example.com")[0][1])
    confirmations.confirm(token, NOW + timedelta(hours=1))
    assert waits(variant, "ann@example.com")
    [waiting] = shop.restock.waiting_for(ann.account_id)
    assert waiting.confirmed
    # Nobody else's: not another unconfirmed account's, nor a guest's of another address.
    assert not waits(variant, "bob@example.com")
    assert not waits(variant, "cy@example.com")
    # Confirmed: the next ask waits at once, and no link goes.
    mailed = len(mails_to(shop, "ann@example.com"))
    asked = shop.restock.ask(other, "ann@example.com", "en", NOW, account_id=ann.account_id)
    assert (asked.confirmed, asked.pending) == (True, None)
    assert waits(other, "ann@example.com")
    assert len(mails_to(shop, "ann@example.com")) == mailed


def test_old_links_are_pruned_and_go_with_a_closed_account(shop: Shop) -> None:
    accounts, confirmations = services(shop)
    ann = accounts.sign_up("ann@example.com", PASSWORD, "Ann", NOW)
    deliver_welcomes(shop, NOW)
    accounts.sign_up("bob@example.com", PASSWORD, "Bob", NOW + timedelta(days=60))
    deliver_welcomes(shop, NOW + timedelta(days=60))
    assert shop.engine is not None

    def links() -> list[str]:
        with shop.engine.connect() as connection:  # type: ignore[union-attr]
            return list(connection.execute(text("select email from email_confirmation")).scalars())

    # Kept 30 days past their expiry (a late click reads "expired", not "wrong").
    accounts.forget_expired(NOW + timedelta(days=CONFIRM_DAYS + 29))
    assert sorted(links()) == ["ann@example.com", "bob@example.com"]
    accounts.forget_expired(NOW + timedelta(days=CONFIRM_DAYS + 31))
    assert links() == ["bob@example.com"]
    confirmations.resend(ann.account_id, NOW, lang="en")
    accounts.close(ann.account_id, PASSWORD, NOW)
    assert links() == ["bob@example.com"]
