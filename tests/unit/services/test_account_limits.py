"""Sign-ins and sign-ups held to the limits per client (services/throttle.py), on fakes."""

from __future__ import annotations

from datetime import timedelta

import pytest

from storefront.adapters.throttle import InProcessThrottle
from storefront.services.accounts.errors import AccountError
from storefront.services.accounts.lockout import MAX_FAILURES
from storefront.services.accounts.service import Accounts
from storefront.services.throttle import FAILED_SIGN_INS, SIGN_UPS
from tests.unit.services.test_accounts import NOW, Mails, MemoryAccounts, PlainHasher

SPRAYER = "192.0.2.66"
SHOPPER = "198.51.100.7"
PASSWORD = "long enough password"


@pytest.fixture
def store() -> MemoryAccounts:
    return MemoryAccounts()


@pytest.fixture
def accounts(store: MemoryAccounts) -> Accounts:
    accounts = Accounts(store, PlainHasher(), Mails(), throttle=InProcessThrottle())
    accounts.sign_up("ann@example.com", PASSWORD, "Ann", NOW)  # the shop's own call: no client
    return accounts


def spray(accounts: Accounts, times: int, client: str = SPRAYER) -> None:
    """One guess each at `times` emails, none of them locked on its own."""
    for n in range(times):
        with pytest.raises(AccountError, match="credentials"):
            accounts.sign_in(f"user{n}@example.com", "Summer2026!", NOW, client=client)


def test_one_guess_at_each_of_many_emails_stops_at_the_limit_and_records_nothing_more(
    accounts: Accounts, store: MemoryAccounts
) -> None:
    spray(accounts, FAILED_SIGN_INS.attempts)
    attempts, sessions = list(store.attempts), dict(store.sessions)
    with pytest.raises(AccountError) as refused:
        accounts.sign_in("ann@example.com", PASSWORD, NOW, client=SPRAYER)  # even the right one
    assert refused.value.code == "account.error.too_many"
    # Not checked, nor counted against Ann's email (her lockout is her own), nor signed in.
    assert store.attempts == attempts
    assert store.sessions == sessions
    # Ann, from elsewhere, is not held up by it.
    assert accounts.sign_in("ann@example.com", PASSWORD, NOW, client=SHOPPER)


def test_the_client_may_try_again_once_the_window_has_passed(accounts: Accounts) -> None:
    spray(accounts, FAILED_SIGN_INS.attempts)
    later = NOW + timedelta(seconds=FAILED_SIGN_INS.window_seconds)
    assert accounts.sign_in("ann@example.com", PASSWORD, later, client=SPRAYER)


def test_sign_ins_that_succeed_do_not_count(accounts: Accounts) -> None:
    """Many people of one office signing in all day never reach the limit."""
    for _ in range(FAILED_SIGN_INS.attempts + 5):
        assert accounts.sign_in("ann@example.com", PASSWORD, NOW, client=SHOPPER)
    spray(accounts, FAILED_SIGN_INS.attempts, client=SHOPPER)
    with pytest.raises(AccountError, match="too_many"):
        accounts.sign_in("ann@example.com", PASSWORD, NOW, client=SHOPPER)


def test_failures_against_a_locked_email_count_too(accounts: Accounts) -> None:
    for _ in range(FAILED_SIGN_INS.attempts):
        with pytest.raises(AccountError, match=r"credentials|locked"):
            accounts.sign_in("ann@example.com", "a guess at it", NOW, client=SPRAYER)
    with pytest.raises(AccountError, match="too_many"):
        accounts.sign_in("bob@example.com", "a guess at it", NOW, client=SPRAYER)


def test_a_browser_trusted_for_the_account_is_not_held_by_its_networks_failures(
    accounts: Accounts,
) -> None:
    """Someone spraying from the office's address does not keep Ann out on her own laptop;
    her own mistakes there are not counted against the office either."""
    signed = accounts.sign_in("ann@example.com", PASSWORD, NOW, client=SHOPPER)
    device = accounts.trust_device(signed.session_token, NOW)
    assert device
    spray(accounts, FAILED_SIGN_INS.attempts, client=SHOPPER)
    for _ in range(MAX_FAILURES - 1):
        with pytest.raises(AccountError, match="credentials"):
            accounts.sign_in("ann@example.com", "mistyped password", NOW, device, client=SHOPPER)
    assert accounts.sign_in("ann@example.com", PASSWORD, NOW, device, client=SHOPPER)
    # A made-up device token is no token: still over the limit.
    with pytest.raises(AccountError, match="too_many"):
        accounts.sign_in("ann@example.com", PASSWORD, NOW, "made up", client=SHOPPER)


def test_sign_ups_stop_at_the_limit_and_create_nothing(
    accounts: Accounts, store: MemoryAccounts
) -> None:
    for n in range(SIGN_UPS.attempts):
        accounts.sign_up(f"new{n}@example.com", PASSWORD, "", NOW, client=SPRAYER)
    known, sessions = dict(store.accounts), dict(store.sessions)
    with pytest.raises(AccountError) as refused:
        accounts.sign_up("one-more@example.com", PASSWORD, "", NOW, client=SPRAYER)
    assert refused.value.code == "account.error.too_many"
    assert store.accounts == known
    assert store.sessions == sessions
    assert accounts.sign_up("mine@example.com", PASSWORD, "", NOW, client=SHOPPER)
    later = NOW + timedelta(seconds=SIGN_UPS.window_seconds)
    assert accounts.sign_up("one-more@example.com", PASSWORD, "", later, client=SPRAYER)


def test_a_sign_up_refused_for_a_taken_email_counts_but_a_mistyped_form_does_not(
    accounts: Accounts,
) -> None:
    """A taken email tells a script which emails have an account; a short password tells
    nothing and costs nothing."""
    for _ in range(SIGN_UPS.attempts):
        with pytest.raises(AccountError, match="password_short"):
            accounts.sign_up("new@example.com", "short", "", NOW, client=SHOPPER)
    for _ in range(SIGN_UPS.attempts):
        with pytest.raises(AccountError, match="taken"):
            accounts.sign_up("ann@example.com", PASSWORD, "", NOW, client=SHOPPER)
    with pytest.raises(AccountError, match="too_many"):
        accounts.sign_up("new@example.com", PASSWORD, "", NOW, client=SHOPPER)
