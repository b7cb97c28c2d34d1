"""Adding the orders placed as a guest to an account (services/accounts/guest_orders.py) on
in-memory stores; the SQL twin: tests/integration/test_guest_orders.py."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import timedelta

import pytest

from storefront.adapters.throttle import InProcessThrottle
from storefront.services.accounts.errors import AccountError
from storefront.services.accounts.guest_orders import (
    ASKS_PER_ACCOUNT,
    ASKS_PER_CLIENT,
    JOIN_ACTION,
    LINK_EXPIRED,
    LINK_MINUTES,
    LINK_REPLACED,
    LINK_UNKNOWN,
    LINK_USED,
    MAX_OPEN_LINKS,
    NOT_MAILED,
    OTHER_ACCOUNT,
    SIGN_IN,
    SIGNED_OUT,
    TOO_MANY,
    GuestLinkCheck,
    GuestOrders,
)
from storefront.services.accounts.ports import AccountRecord
from tests.guest_order_fakes import MemoryGuestOrders, StoredOrder
from tests.unit.services.test_accounts import NOW, Mails, MemoryAccounts

LINK = re.compile(r"https://shop\.example/account/guest-orders\?token=(\S+)")
PAID = NOW - timedelta(days=30)


@pytest.fixture
def accounts() -> MemoryAccounts:
    store = MemoryAccounts()
    for email in ("ann@example.com", "bob@example.com"):
        store.create(email, "", "v2$x", "en")
    return store


@pytest.fixture
def store(accounts: MemoryAccounts) -> MemoryGuestOrders:
    return MemoryGuestOrders(accounts)


@pytest.fixture
def mails() -> Mails:
    return Mails()


@pytest.fixture
def service(store: MemoryGuestOrders, accounts: MemoryAccounts, mails: Mails) -> GuestOrders:
    return GuestOrders(accounts, store, mails, InProcessThrottle(), "https://shop.example/")


ANN, BOB = 1, 2


def token_of(body: str) -> str:
    [token] = LINK.findall(body)
    return str(token)


def asked(service: GuestOrders, mails: Mails, account_id: int = ANN) -> str:
    """The token of a link asked from `account_id`'s page (mailed to its address)."""
    service.request_link(account_id, NOW, lang="en")
    return token_of(mails[-1][2])


def owners(store: MemoryGuestOrders) -> dict[str, int | None]:
    return {order.reference: order.account_id for order in store.orders}


def test_asking_mails_a_link_kept_hashed_and_says_the_same_with_or_without_guest_orders(
    service: GuestOrders, store: MemoryGuestOrders, mails: Mails
) -> None:
    store.orders = [StoredOrder("A1", "ann@example.com", paid_at=PAID)]  # Ann has one, Bob none
    assert service.request_link(ANN, NOW, lang="fr") == "ann@example.com"
    assert service.request_link(BOB, NOW, lang="fr") == "bob@example.com"
    [(to_ann, subject, ann_body), (to_bob, bob_subject, bob_body)] = mails
    assert (to_ann, to_bob) == ("ann@example.com", "bob@example.com")
    assert (
        subject
        == bob_subject
        == ("Ajoutez vos commandes passées sans compte à votre compte Boutique")
    )
    # Only the link differs: nothing tells whether the address has guest orders.
    assert LINK.sub("", ann_body) == LINK.sub("", bob_body)
    assert f"dans les {LINK_MINUTES}\u00a0minutes" in ann_body
    token = token_of(ann_body)
    kept = hashlib.sha256(token.encode()).hexdigest()
    assert store.links[kept].expires_at == NOW + timedelta(minutes=LINK_MINUTES)
    assert token not in str(store.links)
    assert owners(store) == {"A1": None}  # asking joins nothing


def test_a_signed_in_account_adds_its_paid_guest_orders_of_its_address_in_any_case(
    service: GuestOrders, store: MemoryGuestOrders, accounts: MemoryAccounts, mails: Mails
) -> None:
    store.orders = [
        StoredOrder("PAID", "ann@example.com", paid_at=PAID),
        StoredOrder("CAPS", "Ann@Example.COM", paid_at=PAID),
        StoredOrder("UNPAID", "ann@example.com"),  # pending, failed or abandoned
        StoredOrder("BOBS", "ann@example.com", account_id=BOB, paid_at=PAID),
        StoredOrder("OTHER", "ann@elsewhere.example", paid_at=PAID),
    ]
    token = asked(service, mails)
    assert service.check(token, ANN, NOW) == GuestLinkCheck("ann@example.com")
    assert owners(store)["PAID"] is None  # the page's read joins nothing
    joined = service.join(token, ANN, NOW)
    assert (joined.email, joined.references) == ("ann@example.com", ("PAID", "CAPS"))
    assert owners(store) == {
        "PAID": ANN,
        "CAPS": ANN,
        "UNPAID": None,
        "BOBS": BOB,
        "OTHER": None,
    }
    # The link proved the mailbox, used signed in: the address is confirmed too.
    record = accounts.by_id(ANN)
    assert record is not None
    assert record.email_confirmed_at == NOW
    # Each order joined is audited, with the account it joined.
    assert [(e.action, e.subject, e.actor_email) for e in store.audit] == [
        (JOIN_ACTION, "order:PAID", "ann@example.com"),
        (JOIN_ACTION, "order:CAPS", "ann@example.com"),
    ]
    assert json.loads(store.audit[0].before) == {"account_id": None}
    assert json.loads(store.audit[0].after) == {"account_id": ANN}


def test_a_link_is_used_once_and_adds_no_order_placed_after_it(
    service: GuestOrders, store: MemoryGuestOrders, mails: Mails
) -> None:
    store.orders = [StoredOrder("FIRST", "ann@example.com", paid_at=PAID)]
    token = asked(service, mails)
    assert service.join(token, ANN, NOW).references == ("FIRST",)
    store.orders.append(StoredOrder("LATER", "ann@example.com", paid_at=NOW))
    assert service.check(token, ANN, NOW) == GuestLinkCheck(problem=LINK_USED)
    with pytest.raises(AccountError) as refused:
        service.join(token, ANN, NOW)
    assert refused.value.code == LINK_USED
    assert owners(store) == {"FIRST": ANN, "LATER": None}  # no automatic join of later ones


def test_none_to_add_is_an_answer_and_uses_the_link(
    service: GuestOrders, store: MemoryGuestOrders, mails: Mails
) -> None:
    token = asked(service, mails)
    joined = service.join(token, ANN, NOW)
    assert (joined.email, joined.references) == ("ann@example.com", ())
    assert store.audit == []
    assert service.check(token, ANN, NOW).problem == LINK_USED


def test_someone_who_signed_up_with_anothers_address_never_gets_their_orders(
    service: GuestOrders, store: MemoryGuestOrders, accounts: MemoryAccounts, mails: Mails
) -> None:
    """Eve signs up with Vic's address and asks for the link: it goes to Vic's mailbox. Vic
    opens it signed out, or signed in to his own other account: nothing joins, and the
    page says only what to do; Eve has no token to use."""
    eve = accounts.create("vic@example.com", "", "v2$x", "en")
    vic_other = accounts.create("vic@work.example", "", "v2$x", "en")
    assert eve is not None
    assert vic_other is not None
    store.orders = [StoredOrder("VIC", "vic@example.com", paid_at=PAID)]
    token = asked(service, mails, eve)
    assert mails[-1][0] == "vic@example.com"
    for browser, problem in ((0, SIGN_IN), (vic_other, OTHER_ACCOUNT)):
        assert service.check(token, browser, NOW) == GuestLinkCheck(problem=problem)
        with pytest.raises(AccountError) as refused:
            service.join(token, browser, NOW)
        assert refused.value.code == problem
    with pytest.raises(AccountError) as guessed:
        service.join("a-token-eve-made-up", eve, NOW)
    assert guessed.value.code == LINK_UNKNOWN
    assert owners(store) == {"VIC": None}
    assert store.audit == []
    record = accounts.by_id(eve)
    assert record is not None
    assert record.email_confirmed_at is None  # not proven either


def test_a_link_refused_to_the_wrong_browser_still_works_for_its_account(
    service: GuestOrders, store: MemoryGuestOrders, mails: Mails
) -> None:
    store.orders = [StoredOrder("A1", "ann@example.com", paid_at=PAID)]
    token = asked(service, mails)
    with pytest.raises(AccountError):
        service.join(token, 0, NOW)  # opened signed out first
    assert service.join(token, ANN, NOW).references == ("A1",)


def test_an_expired_link_or_one_sent_to_an_address_left_joins_nothing(
    service: GuestOrders, store: MemoryGuestOrders, accounts: MemoryAccounts, mails: Mails
) -> None:
    store.orders = [StoredOrder("A1", "ann@example.com", paid_at=PAID)]
    token = asked(service, mails)
    expired = NOW + timedelta(minutes=LINK_MINUTES)
    assert service.check(token, ANN, expired).problem == LINK_EXPIRED
    with pytest.raises(AccountError) as late:
        service.join(token, ANN, expired)
    assert late.value.code == LINK_EXPIRED
    record = accounts.accounts[ANN]
    accounts.accounts[ANN] = AccountRecord(ANN, "ann@new.example", "", record.password_hash, "")
    with pytest.raises(AccountError) as moved:
        service.join(token, ANN, NOW)
    assert moved.value.code == LINK_REPLACED
    assert owners(store) == {"A1": None}


@pytest.mark.parametrize("token", ["", "made-up", "x" * 5000])
def test_a_link_that_is_not_ours_is_said_to_be_wrong(service: GuestOrders, token: str) -> None:
    assert service.check(token, ANN, NOW) == GuestLinkCheck(problem=LINK_UNKNOWN)


def test_asking_is_limited_per_account_and_per_client_and_mails_nothing_over(
    service: GuestOrders, accounts: MemoryAccounts, mails: Mails
) -> None:
    service.request_link(ANN, NOW, lang="en")
    with pytest.raises(AccountError) as refused:
        service.request_link(ANN, NOW + timedelta(minutes=1), lang="en")
    assert refused.value.code == TOO_MANY
    assert len(mails) == 1
    service.request_link(ANN, NOW + timedelta(seconds=ASKS_PER_ACCOUNT.window_seconds), lang="en")
    assert len(mails) == 2
    # One client (a script) signed in to many accounts.
    many = [accounts.create(f"shopper{n}@example.com", "", "v2$x", "en") for n in range(10)]
    for account_id in many[: ASKS_PER_CLIENT.attempts]:
        assert account_id is not None
        service.request_link(account_id, NOW, client="203.0.113.9", lang="en")
    with pytest.raises(AccountError) as client_over:
        service.request_link(BOB, NOW, client="203.0.113.9", lang="en")
    assert client_over.value.code == TOO_MANY
    assert len(mails) == 2 + ASKS_PER_CLIENT.attempts


def test_open_links_are_capped_in_the_store_whatever_the_throttle(
    store: MemoryGuestOrders, accounts: MemoryAccounts, mails: Mails
) -> None:
    class CountsNothing:  # a throttle whose Redis is down lets everything through
        def hit(self, key: str, limit: int, window_seconds: int, now: object) -> bool:
            return True

        def forgive(self, key: str, window_seconds: int, now: object) -> None:
            return None

    service = GuestOrders(accounts, store, mails, CountsNothing(), "https://shop.example")
    for _ in range(MAX_OPEN_LINKS):
        service.request_link(ANN, NOW, lang="en")
    with pytest.raises(AccountError) as refused:
        service.request_link(ANN, NOW, lang="en")
    assert refused.value.code == TOO_MANY
    assert len(mails) == MAX_OPEN_LINKS


def test_a_signed_out_or_closed_account_asks_nothing(service: GuestOrders, mails: Mails) -> None:
    with pytest.raises(AccountError) as refused:
        service.request_link(99, NOW, lang="en")
    assert refused.value.code == SIGNED_OUT
    assert mails == []


def test_a_mail_that_fails_is_said_and_may_be_asked_again_at_once(
    store: MemoryGuestOrders, accounts: MemoryAccounts, mails: Mails
) -> None:
    class Failing:
        def send(self, recipient: str, subject: str, body: str) -> None:
            raise OSError("mail server down")

    throttle = InProcessThrottle()
    failing = GuestOrders(accounts, store, Failing(), throttle, "https://shop.example")
    with pytest.raises(AccountError) as refused:
        failing.request_link(ANN, NOW, lang="en")
    assert refused.value.code == NOT_MAILED
    working = GuestOrders(accounts, store, mails, throttle, "https://shop.example")
    assert working.request_link(ANN, NOW, lang="en") == "ann@example.com"
