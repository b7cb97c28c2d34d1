"""SqlAccountStore where the unit tests' MemoryAccounts answers for it: a trusted browser's
expiry, and the window in which unused reset links count against the limit (SQLite and
PostgreSQL)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from storefront.adapters.sql_accounts import SqlAccountStore
from storefront.bootstrap import Shop
from storefront.services.accounts.errors import AccountError
from storefront.services.accounts.lockout import MAX_FAILURES
from storefront.services.accounts.resets import MAX_OPEN_RESETS, RESET_MINUTES
from storefront.services.accounts.service import DEVICE_DAYS, Accounts

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
PASSWORD = "a long enough secret"


@pytest.fixture
def shop(database_url: str, make_shop: Callable[..., Shop]) -> Shop:
    return make_shop(database_url)


def store_of(shop: Shop) -> SqlAccountStore:
    assert shop.engine is not None
    return SqlAccountStore(shop.engine)


def accounts_of(shop: Shop) -> Accounts:
    assert shop.accounts is not None
    return shop.accounts


def count(shop: Shop, sql: str) -> int:
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        return int(connection.execute(text(sql)).scalar_one())


def test_a_browser_is_trusted_for_its_account_until_its_expiry_and_not_after(shop: Shop) -> None:
    store = store_of(shop)
    ann, bob = (
        store.create("ann@example.com", "Ann", "x", "en"),
        store.create("bob@example.com", "", "x", "en"),
    )
    assert ann is not None
    assert bob is not None
    ends = NOW + timedelta(days=DEVICE_DAYS)
    store.trust_device("ann-laptop", ann, ends, NOW)
    assert store.device_trusted("ann-laptop", ann, NOW)
    assert store.device_trusted("ann-laptop", ann, ends - timedelta(microseconds=1))
    assert not store.device_trusted("ann-laptop", ann, ends)
    assert not store.device_trusted("ann-laptop", ann, ends + timedelta(days=1))
    assert not store.device_trusted("ann-laptop", bob, NOW)  # Ann's browser is nothing to Bob
    assert not store.device_trusted("made-up", ann, NOW)
    # Trusting a browser clears the trusts that have ended, and only those.
    store.trust_device("bob-phone", bob, ends + timedelta(days=2), ends + timedelta(days=1))
    assert count(shop, "select count(*) from trusted_device") == 1
    store.trust_device("ann-phone", ann, ends + timedelta(days=3), ends + timedelta(days=1))
    assert count(shop, "select count(*) from trusted_device") == 2
    assert store.device_trusted("bob-phone", bob, ends + timedelta(days=1))


def test_trust_is_for_one_account_and_ends(shop: Shop) -> None:
    """tests/unit/services/test_accounts.py's test of the same name, on SQL."""
    accounts = accounts_of(shop)
    ann = accounts.sign_up("ann@example.com", PASSWORD, "", NOW)
    bob = accounts.sign_up("bob@example.com", PASSWORD, "", NOW)
    bobs_device = accounts.trust_device(bob.session_token, NOW)
    assert bobs_device

    def fail(times: int, at: datetime, device: str = "") -> None:
        for _ in range(times):
            with pytest.raises(AccountError, match="credentials"):
                accounts.sign_in("ann@example.com", "a guess at it", at, device)

    fail(MAX_FAILURES, NOW)
    with pytest.raises(AccountError, match="locked"):  # Bob's browser is nothing to Ann's
        accounts.sign_in("ann@example.com", PASSWORD, NOW, bobs_device)
    device = accounts.trust_device(ann.session_token, NOW)
    assert device
    assert accounts.sign_in("ann@example.com", PASSWORD, NOW, device)
    expired = NOW + timedelta(days=DEVICE_DAYS, seconds=1)
    fail(MAX_FAILURES, expired)
    with pytest.raises(AccountError, match="locked"):  # the browser's trust has ended
        accounts.sign_in("ann@example.com", PASSWORD, expired, device)


def test_unused_reset_links_count_against_the_limit_only_while_they_could_be_used(
    shop: Shop,
) -> None:
    store = store_of(shop)
    ann = store.create("ann@example.com", "Ann", "x", "en")
    assert ann is not None
    life = timedelta(minutes=RESET_MINUTES)

    def ask(n: int, at: datetime) -> bool:
        return store.add_reset(f"link-{n}", ann, at, at + life, MAX_OPEN_RESETS)

    assert [ask(n, NOW) for n in range(MAX_OPEN_RESETS + 1)] == [True] * MAX_OPEN_RESETS + [False]
    assert not ask(10, NOW + life - timedelta(seconds=1))  # the links still work: counted
    assert ask(11, NOW + life)  # they have expired
    assert count(shop, "select count(*) from password_reset") == MAX_OPEN_RESETS + 1
