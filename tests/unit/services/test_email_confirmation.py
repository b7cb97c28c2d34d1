"""Confirming an account's email (services/accounts/email_confirmation.py) on in-memory
stores; the SQL twin: tests/integration/test_email_confirmation.py."""

from __future__ import annotations

import hashlib
import logging
import re
from datetime import timedelta

import pytest

from models.events import AccountCreated
from storefront.adapters.throttle import InProcessThrottle
from storefront.services.accounts.email_confirmation import (
    ALREADY,
    CONFIRM_DAYS,
    LINK_EXPIRED,
    LINK_REPLACED,
    LINK_UNKNOWN,
    LINK_USED,
    RESENDS_PER_ACCOUNT,
    RESENDS_PER_CLIENT,
    TOO_MANY,
    EmailConfirmations,
    LinkCheck,
)
from storefront.services.accounts.errors import AccountError
from storefront.services.accounts.ports import RecipientRefused
from storefront.services.accounts.resets import Resets
from storefront.services.accounts.service import Accounts
from tests.confirmation_fakes import MemoryConfirmations, bus_welcomes
from tests.unit.services.test_accounts import NOW, Mails, MemoryAccounts, PlainHasher

PASSWORD = "a long enough password"
LINK = re.compile(r"https://shop\.example/account/confirm\?token=(\S+)")


@pytest.fixture
def store() -> MemoryAccounts:
    return MemoryAccounts()


@pytest.fixture
def links(store: MemoryAccounts) -> MemoryConfirmations:
    return MemoryConfirmations(store)


@pytest.fixture
def mails() -> Mails:
    return Mails()


@pytest.fixture
def confirmations(
    store: MemoryAccounts, links: MemoryConfirmations, mails: Mails
) -> EmailConfirmations:
    return EmailConfirmations(store, links, mails, InProcessThrottle(), "https://shop.example/")


@pytest.fixture
def accounts(store: MemoryAccounts, confirmations: EmailConfirmations) -> Accounts:
    # Its AccountCreated delivered at once, as the bus then does (subscriptions.py).
    accounts = Accounts(store, PlainHasher(), Mails(), throttle=InProcessThrottle())
    accounts.publish = bus_welcomes(confirmations, NOW)
    return accounts


def token_of(body: str) -> str:
    [token] = LINK.findall(body)
    return str(token)


def test_sign_up_signs_in_at_once_and_mails_a_welcome_whose_link_is_kept_hashed(
    accounts: Accounts, store: MemoryAccounts, links: MemoryConfirmations, mails: Mails
) -> None:
    signed = accounts.sign_up("Ann@Example.com", PASSWORD, "Ann", NOW, lang="fr")
    assert accounts.session(signed.session_token, NOW) == signed.account_id
    assert store.accounts[signed.account_id].email_confirmed_at is None
    [(to, subject, body)] = mails
    assert to == "ann@example.com"
    assert subject == "Bienvenue chez Boutique\u202f: merci de confirmer votre e-mail"
    assert f"dans les {CONFIRM_DAYS} jours" in body
    token = token_of(body)
    # Only the token's hash is kept, with the address it went to and its expiry.
    [(kept, link)] = links.links.items()
    assert kept == hashlib.sha256(token.encode()).hexdigest() != token
    assert (link.email, link.expires_at) == ("ann@example.com", NOW + timedelta(days=7))


def test_opening_the_link_confirms_nothing_its_button_does_once(
    accounts: Accounts, confirmations: EmailConfirmations, store: MemoryAccounts, mails: Mails
) -> None:
    signed = accounts.sign_up("ann@example.com", PASSWORD, "", NOW)
    token = token_of(mails[0][2])
    assert confirmations.check(token, NOW) == LinkCheck("ann@example.com")
    assert not confirmations.is_confirmed(signed.account_id, "ann@example.com")
    assert confirmations.confirm(token, NOW) == "ann@example.com"
    assert store.accounts[signed.account_id].email_confirmed_at == NOW
    assert confirmations.is_confirmed(signed.account_id, "ann@example.com")
    assert not confirmations.is_confirmed(signed.account_id, "bea@example.com")
    assert confirmations.check(token, NOW) == LinkCheck(problem=LINK_USED)
    with pytest.raises(AccountError) as refused:
        confirmations.confirm(token, NOW)
    assert refused.value.code == LINK_USED


@pytest.mark.parametrize("token", ["", "made-up", "x" * 5000])
def test_a_link_that_is_not_ours_is_said_to_be_wrong_and_changes_nothing(
    accounts: Accounts, confirmations: EmailConfirmations, store: MemoryAccounts, token: str
) -> None:
    signed = accounts.sign_up("ann@example.com", PASSWORD, "", NOW)
    assert confirmations.check(token, NOW).problem == LINK_UNKNOWN
    with pytest.raises(AccountError) as refused:
        confirmations.confirm(token, NOW)
    assert refused.value.code == LINK_UNKNOWN
    assert store.accounts[signed.account_id].email_confirmed_at is None


def test_a_link_expires_after_its_days(
    accounts: Accounts, confirmations: EmailConfirmations, store: MemoryAccounts, mails: Mails
) -> None:
    signed = accounts.sign_up("ann@example.com", PASSWORD, "", NOW)
    token = token_of(mails[0][2])
    last = NOW + timedelta(days=CONFIRM_DAYS, seconds=-1)
    assert confirmations.check(token, last) == LinkCheck("ann@example.com")
    expired = NOW + timedelta(days=CONFIRM_DAYS)
    assert confirmations.check(token, expired).problem == LINK_EXPIRED
    with pytest.raises(AccountError) as refused:
        confirmations.confirm(token, expired)
    assert refused.value.code == LINK_EXPIRED
    assert store.accounts[signed.account_id].email_confirmed_at is None


def test_a_link_sent_before_the_address_changed_no_longer_confirms(
    accounts: Accounts, confirmations: EmailConfirmations, store: MemoryAccounts, mails: Mails
) -> None:
    signed = accounts.sign_up("ann@example.com", PASSWORD, "", NOW)
    token = token_of(mails[0][2])
    record = store.accounts[signed.account_id]
    store.accounts[signed.account_id] = type(record)(
        record.id, "ann@elsewhere.example", record.name, record.password_hash, record.role
    )
    assert confirmations.check(token, NOW).problem == LINK_REPLACED
    with pytest.raises(AccountError):
        confirmations.confirm(token, NOW)
    assert store.accounts[signed.account_id].email_confirmed_at is None


def test_an_address_confirmed_otherwise_says_so_on_an_unused_link(
    accounts: Accounts, confirmations: EmailConfirmations, store: MemoryAccounts, mails: Mails
) -> None:
    signed = accounts.sign_up("ann@example.com", PASSWORD, "", NOW)
    token = token_of(mails[0][2])
    store.confirm_email(signed.account_id, NOW)  # a password reset's link, say
    assert confirmations.check(token, NOW) == LinkCheck("ann@example.com", confirmed=True)
    assert confirmations.confirm(token, NOW) == "ann@example.com"  # no error: nothing to do


def test_a_new_link_is_mailed_on_request_within_the_accounts_hourly_limit(
    accounts: Accounts, confirmations: EmailConfirmations, mails: Mails
) -> None:
    signed = accounts.sign_up("ann@example.com", PASSWORD, "", NOW)
    mails.clear()
    for _ in range(RESENDS_PER_ACCOUNT.attempts):
        sent = confirmations.resend(signed.account_id, NOW, client="192.0.2.1", lang="en")
        assert sent == "ann@example.com"
    assert [subject for _, subject, _ in mails] == ["Confirm your email address"] * 3
    # From another client too: the account's inbox is what the limit keeps.
    with pytest.raises(AccountError) as refused:
        confirmations.resend(signed.account_id, NOW, client="198.51.100.7", lang="en")
    assert refused.value.code == TOO_MANY
    assert len(mails) == 3  # nothing more mailed
    later = NOW + timedelta(hours=1)
    assert confirmations.resend(signed.account_id, later, client="192.0.2.1", lang="en")
    # Every link mailed works (the shopper may open an older mail).
    assert all(confirmations.check(token_of(body), NOW).email for _, _, body in mails)


def test_one_client_asking_for_many_accounts_is_held_to_its_own_limit(
    store: MemoryAccounts, confirmations: EmailConfirmations, mails: Mails
) -> None:
    for n in range(RESENDS_PER_CLIENT.attempts + 1):
        store.create(f"p{n}@example.com", "", "v2$pw", "en")
    for account_id in range(1, RESENDS_PER_CLIENT.attempts + 1):
        confirmations.resend(account_id, NOW, client="192.0.2.1", lang="en")
    with pytest.raises(AccountError) as refused:
        confirmations.resend(RESENDS_PER_CLIENT.attempts + 1, NOW, client="192.0.2.1", lang="en")
    assert refused.value.code == TOO_MANY
    assert len(mails) == RESENDS_PER_CLIENT.attempts


def test_a_confirmed_or_closed_account_is_sent_no_new_link(
    accounts: Accounts, confirmations: EmailConfirmations, store: MemoryAccounts, mails: Mails
) -> None:
    signed = accounts.sign_up("ann@example.com", PASSWORD, "", NOW)
    confirmations.confirm(token_of(mails[0][2]), NOW)
    mails.clear()
    with pytest.raises(AccountError) as refused:
        confirmations.resend(signed.account_id, NOW, lang="en")
    assert refused.value.code == ALREADY
    with pytest.raises(AccountError) as refused:
        confirmations.resend(999, NOW, lang="en")
    assert refused.value.code == "account.error.signed_out"
    assert mails == []


class Down:
    def __init__(self) -> None:
        self.tries = 0

    def send(self, recipient: str, subject: str, body: str) -> None:
        self.tries += 1
        raise OSError("mail server down")


def test_sign_up_mails_nothing_itself_its_event_does(
    store: MemoryAccounts, links: MemoryConfirmations
) -> None:
    """The welcome leaves the sign-up: a mail server down (or slow) is never called in it."""
    down = Down()
    confirmations = EmailConfirmations(
        store, links, down, InProcessThrottle(), "https://shop.example"
    )
    accounts = Accounts(store, PlainHasher(), Mails(), throttle=InProcessThrottle())
    published: list[object] = []
    accounts.publish = published.extend
    signed = accounts.sign_up("ann@example.com", PASSWORD, "", NOW, lang="fr")
    assert accounts.session(signed.session_token, NOW) == signed.account_id
    assert store.created == published == [AccountCreated(signed.account_id, "fr")]
    assert down.tries == 0
    assert links.links == {}
    with pytest.raises(AccountError) as refused:  # asked again: said, not swallowed
        confirmations.resend(signed.account_id, NOW, lang="en")
    assert refused.value.code == "account.confirm.error.not_mailed"


def test_a_welcome_delivered_again_is_mailed_once(
    store: MemoryAccounts,
    links: MemoryConfirmations,
    confirmations: EmailConfirmations,
    mails: Mails,
) -> None:
    account_id = store.create("ann@example.com", "", "v2$pw", "en")
    assert account_id is not None
    assert confirmations.welcome(account_id, NOW, "en") is True
    assert confirmations.welcome(account_id, NOW, "en") is False
    assert [to for to, _, _ in mails] == ["ann@example.com"]
    assert len(links.links) == 1


def test_a_welcome_the_mail_server_refused_is_tried_again_and_then_sent(
    store: MemoryAccounts, links: MemoryConfirmations, mails: Mails
) -> None:
    """It raises for the bus to retry, its link forgotten: the retry is not taken for a
    welcome already sent."""
    account_id = store.create("ann@example.com", "", "v2$pw", "en")
    assert account_id is not None
    down = Down()
    failing = EmailConfirmations(store, links, down, InProcessThrottle(), "https://shop.example")
    with pytest.raises(OSError, match="mail server down"):
        failing.welcome(account_id, NOW, "en")
    assert down.tries == 1
    assert links.links == {}
    working = EmailConfirmations(store, links, mails, InProcessThrottle(), "https://shop.example")
    assert working.welcome(account_id, NOW, "en") is True
    [(to, _, body)] = mails
    assert to == "ann@example.com"
    assert working.check(token_of(body), NOW) == LinkCheck("ann@example.com")


def test_a_welcome_whose_recipient_is_refused_for_good_is_not_retried(
    store: MemoryAccounts, links: MemoryConfirmations, caplog: pytest.LogCaptureFixture
) -> None:
    class NoSuchMailbox:
        def send(self, recipient: str, subject: str, body: str) -> None:
            raise RecipientRefused(recipient)

    account_id = store.create("nobody@example.com", "", "v2$pw", "en")
    assert account_id is not None
    refusing = EmailConfirmations(
        store, links, NoSuchMailbox(), InProcessThrottle(), "https://shop.example"
    )
    with caplog.at_level(logging.WARNING):
        assert refusing.welcome(account_id, NOW, "en") is False  # no raise: no retry
    assert "was refused" in caplog.text
    assert links.links == {}


def test_no_welcome_for_an_account_closed_confirmed_or_sent_a_link_already(
    store: MemoryAccounts, confirmations: EmailConfirmations, mails: Mails
) -> None:
    closed = store.create("gone@example.com", "", "v2$pw", "en")
    confirmed = store.create("sure@example.com", "", "v2$pw", "en")
    asked = store.create("quick@example.com", "", "v2$pw", "en")
    assert closed is not None
    assert confirmed is not None
    assert asked is not None
    store.close(closed, "gone@example.com")
    store.confirm_email(confirmed, NOW)
    # The shopper asked for a link from their page before the bus delivered the event.
    assert confirmations.resend(asked, NOW, lang="en") == "quick@example.com"
    mails.clear()
    for account_id in (closed, confirmed, asked):
        assert confirmations.welcome(account_id, NOW, "en") is False
    assert mails == []


def test_a_password_reset_through_its_mailed_link_confirms_the_address(
    accounts: Accounts, confirmations: EmailConfirmations, store: MemoryAccounts
) -> None:
    signed = accounts.sign_up("ann@example.com", PASSWORD, "", NOW)
    reset_mails = Mails()
    resets = Resets(store, PlainHasher(), reset_mails, throttle=InProcessThrottle())
    resets.request_reset("ann@example.com", "https://shop.example/account/reset", NOW)
    assert not confirmations.is_confirmed(signed.account_id, "ann@example.com")
    token = reset_mails[0][2].split("token=")[1].split()[0]
    resets.reset_password(token, "another long password", NOW)
    assert confirmations.is_confirmed(signed.account_id, "ann@example.com")
