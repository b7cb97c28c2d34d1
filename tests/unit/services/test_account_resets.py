"""Password-reset links on the in-memory store, as the SQL one keeps them (its twins:
tests/integration/test_accounts.py and test_account_store.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from storefront.adapters.throttle import InProcessThrottle
from storefront.services.accounts.resets import MAX_OPEN_RESETS, RESET_MINUTES, Resets
from storefront.services.accounts.service import AccountError, Accounts
from tests.unit.services.test_accounts import NOW, Mails, MemoryAccounts, PlainHasher


@pytest.fixture
def mails() -> Mails:
    return Mails()


@pytest.fixture
def store() -> MemoryAccounts:
    return MemoryAccounts()


@pytest.fixture
def accounts(store: MemoryAccounts, mails: Mails) -> Accounts:
    accounts = Accounts(store, PlainHasher(), mails, throttle=InProcessThrottle())
    accounts.sign_up("ann@example.com", "long enough password", "Ann", NOW)
    return accounts


@pytest.fixture
def resets(accounts: Accounts, store: MemoryAccounts, mails: Mails) -> Resets:
    return Resets(store, PlainHasher(), mails, throttle=InProcessThrottle())


def token_in(mail: tuple[str, str, str]) -> str:
    return mail[2].split("token=")[1].split()[0]


def test_unused_links_hold_back_a_new_one_only_while_they_could_still_be_used(
    resets: Resets, mails: Mails
) -> None:
    for _ in range(MAX_OPEN_RESETS + 1):
        resets.request_reset("ann@example.com", "/reset", NOW)
    assert len(mails) == MAX_OPEN_RESETS
    life = timedelta(minutes=RESET_MINUTES)
    resets.request_reset("ann@example.com", "/reset", NOW + life - timedelta(seconds=1))
    assert len(mails) == MAX_OPEN_RESETS  # the links still work: still counted
    resets.request_reset("ann@example.com", "/reset", NOW + life)  # they have expired
    assert len(mails) == MAX_OPEN_RESETS + 1


def test_a_reset_link_used_spends_the_accounts_other_links(
    accounts: Accounts, resets: Resets, mails: Mails
) -> None:
    resets.request_reset("ann@example.com", "/reset", NOW)
    resets.request_reset("ann@example.com", "/reset", NOW)
    first, second = (token_in(mail) for mail in mails)
    resets.reset_password(first, "a new long password", NOW)
    with pytest.raises(AccountError, match="reset_invalid"):
        resets.reset_password(second, "another long password", NOW)
    assert accounts.sign_in("ann@example.com", "a new long password", NOW).account_id == 1
