"""Account rules on in-memory fakes (the SQL and argon2 twins: tests/integration/test_accounts)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from models.events import AccountCreated
from storefront.adapters.throttle import InProcessThrottle
from storefront.services.accounts.credentials import masked_email
from storefront.services.accounts.errors import AccountError
from storefront.services.accounts.handover import HANDOVER_SECONDS
from storefront.services.accounts.lockout import MAX_FAILURES
from storefront.services.accounts.ports import AccountGone, AccountRecord, SignedInBrowser
from storefront.services.accounts.resets import Resets
from storefront.services.accounts.service import DEVICE_DAYS, Accounts
from storefront.services.accounts.sessions import SESSION_DAYS
from storefront.services.admin.audit import AuditRecord

NOW = datetime(2026, 11, 30, tzinfo=UTC)


class PlainHasher:
    def __init__(self) -> None:
        self.hashed = 0

    def hash(self, password: str) -> str:
        self.hashed += 1
        return "v2$" + password

    def verify(self, password_hash: str, password: str) -> bool:
        return password_hash.split("$", 1)[1] == password

    def needs_rehash(self, password_hash: str) -> bool:
        return not password_hash.startswith("v2$")


class Mails(list[tuple[str, str, str]]):
    def send(self, recipient: str, subject: str, body: str) -> None:
        self.append((recipient, subject, body))


class MemoryAccounts:
    def __init__(self) -> None:
        self.accounts: dict[int, AccountRecord] = {}
        # (email, device hash, succeeded, at)
        self.attempts: list[tuple[str, str | None, bool, datetime]] = []
        self.devices: dict[tuple[str, int], datetime] = {}
        self.sessions: dict[str, tuple[int, datetime, str]] = {}  # account, expiry, browser
        self.linked: dict[tuple[int, str], list[datetime]] = {}  # since, until
        self.resets: dict[str, list[object]] = {}
        self.handovers: dict[str, tuple[str, datetime]] = {}
        self.created: list[AccountCreated] = []

    def create(self, email: str, name: str, password_hash: str, lang: str) -> int | None:
        if any(a.email == email for a in self.accounts.values()):
            return None
        new_id = len(self.accounts) + 1
        self.accounts[new_id] = AccountRecord(new_id, email, name, password_hash, "shopper")
        self.created.append(AccountCreated(new_id, lang))  # its outbox event
        return new_id

    def by_email(self, email: str) -> AccountRecord | None:
        return next((a for a in self.accounts.values() if a.email == email), None)

    def by_id(self, account_id: int) -> AccountRecord | None:
        return self.accounts.get(account_id)

    def set_password_hash(self, account_id: int, password_hash: str) -> None:
        self.accounts[account_id] = replace(self.accounts[account_id], password_hash=password_hash)

    def set_name(self, account_id: int, name: str) -> None:
        self.accounts[account_id] = replace(self.accounts[account_id], name=name)

    def confirm_email(self, account_id: int, now: datetime) -> None:
        """As the SQL stores do with every proof of the address (sql_email_confirmations)."""
        record = self.accounts[account_id]
        if record.email_confirmed_at is None:
            self.accounts[account_id] = replace(record, email_confirmed_at=now)

    def close(
        self, account_id: int, email: str, visitor_id: str = "", audit: object = None
    ) -> bool:
        account = self.accounts.get(account_id)
        if account is None or account.role != "shopper":
            return False
        del self.accounts[account_id]
        self.sessions = {k: v for k, v in self.sessions.items() if v[0] != account_id}
        self.linked = {k: v for k, v in self.linked.items() if k[0] != account_id}
        self.attempts = [a for a in self.attempts if a[0] != email]
        return True

    def open_attempt(
        self, email: str, since: datetime, at: datetime, limit: int, device_hash: str | None
    ) -> int | None:
        mine = [a for a in self.attempts if a[0] == email and a[1] == device_hash]
        last_ok = max((a[3] for a in mine if a[2]), default=since)
        start = max(since, last_ok)
        if sum(1 for *_, ok, when in mine if not ok and when > start) >= limit:
            return None
        self.attempts.append((email, device_hash, False, at))
        return len(self.attempts) - 1

    def attempt_succeeded(self, attempt_id: int) -> None:
        email, device_hash, _, at = self.attempts[attempt_id]
        self.attempts[attempt_id] = (email, device_hash, True, at)

    def device_trusted(self, device_hash: str, account_id: int, now: datetime) -> bool:
        expires = self.devices.get((device_hash, account_id))
        return expires is not None and expires > now

    def trust_device(
        self, device_hash: str, account_id: int, expires_at: datetime, now: datetime
    ) -> None:
        self.devices = {k: v for k, v in self.devices.items() if v > now}
        self.devices[(device_hash, account_id)] = expires_at

    def add_session(
        self, token_hash: str, account_id: int, expires_at: datetime, visitor_id: str = ""
    ) -> None:
        if account_id not in self.accounts:
            raise AccountGone(account_id)
        self.sessions[token_hash] = (account_id, expires_at, visitor_id)

    def link_visitor(
        self, account_id: int, visitor_id: str, now: datetime, until: datetime
    ) -> bool:
        if account_id not in self.accounts:
            raise AccountGone(account_id)
        if any(v == visitor_id and owner != account_id for owner, v in self.linked):
            return False
        link = self.linked.setdefault((account_id, visitor_id), [now, until])
        if link[1] <= now:
            return False
        link[1] = max(link[1], until)
        return True

    def _end_links(self, ended: list[tuple[int, datetime, str]], now: datetime) -> None:
        for account_id, _, visitor in ended:
            still_in = any(
                (a, v) == (account_id, visitor) and expiry > now
                for a, expiry, v in self.sessions.values()
            )
            link = self.linked.get((account_id, visitor))
            if link is not None and not still_in:
                link[1] = min(link[1], now)

    def signed_in_browsers(self, account_id: int) -> list[SignedInBrowser]:
        return [
            SignedInBrowser(v, since, until)
            for (owner, v), (since, until) in self.linked.items()
            if owner == account_id
        ]

    def session_account(self, token_hash: str, now: datetime) -> int | None:
        found = self.sessions.get(token_hash)
        return found[0] if found and found[1] > now else None

    def end_session(self, token_hash: str, now: datetime) -> None:
        ended = self.sessions.pop(token_hash, None)
        self._end_links([ended] if ended else [], now)

    def add_reset(
        self, token_hash: str, account_id: int, now: datetime, expires_at: datetime, limit: int
    ) -> bool:
        since = now - (expires_at - now)  # as SQL: unused links mailed within a link's life
        unused = [
            r
            for r in self.resets.values()
            if r[0] == account_id and r[2] is None and r[3] > since  # type: ignore[operator]
        ]
        if len(unused) >= limit:
            return False
        self.resets[token_hash] = [account_id, expires_at, None, now]
        return True

    def add_handover(
        self, grant_hash: str, sealed: str, expires_at: datetime, now: datetime
    ) -> None:
        self.handovers = {k: v for k, v in self.handovers.items() if v[1] > now}
        self.handovers[grant_hash] = (sealed, expires_at)

    def take_handover(self, grant_hash: str, now: datetime) -> str | None:
        sealed, expires_at = self.handovers.pop(grant_hash, ("", now))
        return sealed if expires_at > now else None

    def reset_owner(self, token_hash: str, now: datetime) -> int | None:
        reset = self.resets.get(token_hash)
        usable = reset is not None and reset[2] is None and reset[1] > now  # type: ignore[operator]
        return reset[0] if usable and reset is not None else None  # type: ignore[return-value]

    def change_password(
        self, account_id: int, password_hash: str, keep_session_hash: str, now: datetime
    ) -> None:
        self.set_password_hash(account_id, password_hash)
        ended = [
            v for k, v in self.sessions.items() if v[0] == account_id and k != keep_session_hash
        ]
        self.sessions = {
            k: v for k, v in self.sessions.items() if v[0] != account_id or k == keep_session_hash
        }
        self._end_links(ended, now)
        for reset in self.resets.values():
            if reset[0] == account_id and reset[2] is None:
                reset[2] = now

    def use_reset(self, token_hash: str, password_hash: str, now: datetime) -> int | None:
        reset = self.resets.get(token_hash)
        if reset is None or reset[2] is not None or reset[1] <= now:  # type: ignore[operator]
            return None
        reset[2] = now
        account_id = int(reset[0])  # type: ignore[call-overload]
        self.set_password_hash(account_id, password_hash)
        ended = [v for v in self.sessions.values() if v[0] == account_id]
        self.sessions = {k: v for k, v in self.sessions.items() if v[0] != account_id}
        self._end_links(ended, now)
        self.devices = {k: v for k, v in self.devices.items() if k[1] != account_id}
        for other in self.resets.values():  # as SQL: the account's other links die with it
            if other[0] == account_id and other[2] is None:
                other[2] = now
        self.confirm_email(account_id, now)  # as SQL: the link went to its address
        return account_id


@pytest.fixture
def store() -> MemoryAccounts:
    return MemoryAccounts()


@pytest.fixture
def accounts(store: MemoryAccounts) -> Accounts:
    return Accounts(store, PlainHasher(), Mails(), throttle=InProcessThrottle())


@pytest.fixture
def resets(accounts: Accounts, store: MemoryAccounts) -> Resets:
    # On the accounts' own hasher and mails, as the bootstrap wires the two.
    return Resets(store, accounts._hasher, accounts._mailer, throttle=InProcessThrottle())


@pytest.mark.parametrize(
    "email",
    [
        "o'brien+shop@example.co.uk",
        "zoë@exemple.fr",
        "ann_b@sub.example-shop.com",
        "李@例子.中国",
        "संपर्क@डाटामेल.भारत",
        "ஆ@எடுத்துக்காட்டு.இந்தியா",
    ],
)
def test_plain_addresses_of_any_script_are_taken(accounts: Accounts, email: str) -> None:
    assert accounts.sign_up(email, "long enough password", "Ann", NOW).account_id


@pytest.mark.parametrize(
    ("email", "password", "code"),
    [
        ("not-an-email", "long enough password", "account.error.email"),
        ("a@b", "long enough password", "account.error.email"),
        # Address syntax a mailer reads as another recipient than the one shown.
        ("ann.shop.example<eve@evil.example>", "long enough password", "account.error.email"),
        ("ann@example.com,", "long enough password", "account.error.email"),
        ('"ann"@example.com', "long enough password", "account.error.email"),
        ("ann@example.com (Ann)", "long enough password", "account.error.email"),
        ("ann;eve@example.com", "long enough password", "account.error.email"),
        ("ann\x00@example.com", "long enough password", "account.error.email"),
        ("ann@example..com", "long enough password", "account.error.email"),
        ("ann@example.com", "short", "account.error.password_short"),
        ("ann@example.com", "x" * 300, "account.error.password_long"),
        # Long enough, yet among the first a guesser tries.
        ("ann@example.com", "aaaaaaaaaa", "account.error.password_guessable"),
        ("ann@example.com", "1234567890", "account.error.password_guessable"),
        ("ann@example.com", "azertyuiop", "account.error.password_guessable"),
        ("ann@example.com", "Password123!", "account.error.password_guessable"),
        ("ann@example.com", "2024motdepasse", "account.error.password_guessable"),
        ("ann@example.com", "abcabcabcabc", "account.error.password_guessable"),
        ("ann.lee@example.com", "annlee2024!", "account.error.password_guessable"),
        ("Lea@Example.com", "lea@example.com", "account.error.password_guessable"),
        ("lea@example.com", "LEA@EXAMPLE.COM!", "account.error.password_guessable"),
        ("marie.curie@example.com", "mariecurie@example.com", "account.error.password_guessable"),
    ],
)
def test_bad_sign_up_is_refused_with_a_reason_and_creates_nothing(
    accounts: Accounts, store: MemoryAccounts, email: str, password: str, code: str
) -> None:
    with pytest.raises(AccountError) as refused:
        accounts.sign_up(email, password, "Ann", NOW)
    assert refused.value.code == code
    assert store.accounts == {}


def test_unknown_email_and_wrong_password_get_the_same_answer(accounts: Accounts) -> None:
    accounts.sign_up("ann@example.com", "long enough password", "", NOW)
    for email, password in [("ann@example.com", "nope nope nope"), ("zed@example.com", "x")]:
        with pytest.raises(AccountError) as refused:
            accounts.sign_in(email, password, NOW)
        assert refused.value.code == "account.error.credentials"


def test_a_success_resets_the_failure_count(accounts: Accounts) -> None:
    accounts.sign_up("ann@example.com", "long enough password", "", NOW)
    for _ in range(4):
        with pytest.raises(AccountError):
            accounts.sign_in("ann@example.com", "wrong wrong", NOW)
    accounts.sign_in("ann@example.com", "long enough password", NOW + timedelta(seconds=1))
    for _ in range(4):
        with pytest.raises(AccountError, match="credentials"):
            accounts.sign_in("ann@example.com", "wrong wrong", NOW + timedelta(seconds=2))


def _fail(accounts: Accounts, times: int, device: str = "", at: datetime = NOW) -> None:
    for _ in range(times):
        with pytest.raises(AccountError, match="credentials"):
            accounts.sign_in("ann@example.com", "a guess at it", at, device)


def test_a_trusted_browser_is_not_locked_out_by_failures_elsewhere(accounts: Accounts) -> None:
    signed = accounts.sign_up("ann@example.com", "long enough password", "", NOW)
    device = accounts.trust_device(signed.session_token, NOW)
    assert device
    _fail(accounts, MAX_FAILURES - 1)  # someone else, without the cookie
    _fail(accounts, 1, "a device token they made up")  # counted with the others
    with pytest.raises(AccountError, match="locked"):
        accounts.sign_in("ann@example.com", "long enough password", NOW)
    assert accounts.sign_in("ann@example.com", "long enough password", NOW, device)


def test_a_trusted_browser_has_its_own_limit(accounts: Accounts) -> None:
    signed = accounts.sign_up("ann@example.com", "long enough password", "", NOW)
    device = accounts.trust_device(signed.session_token, NOW)
    assert device
    _fail(accounts, MAX_FAILURES, device)
    with pytest.raises(AccountError, match="locked"):
        accounts.sign_in("ann@example.com", "long enough password", NOW, device)
    # ... which does not lock out the others either.
    assert accounts.sign_in("ann@example.com", "long enough password", NOW)


def test_trust_is_for_one_account_and_ends(accounts: Accounts) -> None:
    ann = accounts.sign_up("ann@example.com", "long enough password", "", NOW)
    bob = accounts.sign_up("bob@example.com", "long enough password", "", NOW)
    bobs_device = accounts.trust_device(bob.session_token, NOW)
    assert accounts.trust_device("no such session", NOW) is None
    _fail(accounts, MAX_FAILURES)
    with pytest.raises(AccountError, match="locked"):  # Bob's browser is nothing to Ann's
        accounts.sign_in("ann@example.com", "long enough password", NOW, bobs_device or "")
    device = accounts.trust_device(ann.session_token, NOW)
    assert device
    assert device != bobs_device  # a new token each time
    assert accounts.sign_in("ann@example.com", "long enough password", NOW, device)
    expired = NOW + timedelta(days=DEVICE_DAYS, seconds=1)
    _fail(accounts, MAX_FAILURES, at=expired)
    with pytest.raises(AccountError, match="locked"):  # the browser's trust has ended
        accounts.sign_in("ann@example.com", "long enough password", expired, device)


def test_a_password_reset_ends_the_trust_of_every_browser(
    accounts: Accounts, resets: Resets
) -> None:
    signed = accounts.sign_up("ann@example.com", "long enough password", "", NOW)
    device = accounts.trust_device(signed.session_token, NOW)
    assert device
    resets.request_reset("ann@example.com", "/reset", NOW)
    token = accounts._mailer[0][2].split("token=")[1].split()[0]  # type: ignore[attr-defined]
    resets.reset_password(token, "a new long password", NOW)
    _fail(accounts, MAX_FAILURES)
    with pytest.raises(AccountError, match="locked"):
        accounts.sign_in("ann@example.com", "a new long password", NOW, device)


def test_old_hashes_are_upgraded_at_sign_in(accounts: Accounts, store: MemoryAccounts) -> None:
    account_id = store.create("old@example.com", "", "v1$long enough password", "en")
    assert account_id is not None
    store.set_password_hash(account_id, "v1$long enough password")
    accounts.sign_in("old@example.com", "long enough password", NOW)
    assert store.accounts[account_id].password_hash == "v2$long enough password"


def test_a_reset_with_a_bad_new_password_keeps_the_token(
    accounts: Accounts, store: MemoryAccounts, resets: Resets
) -> None:
    accounts.sign_up("ann@example.com", "long enough password", "", NOW)
    resets.request_reset("ann@example.com", "/reset", NOW)
    token = accounts._mailer[0][2].split("token=")[1].split()[0]  # type: ignore[attr-defined]
    with pytest.raises(AccountError, match="password_short"):
        resets.reset_password(token, "short", NOW)
    with pytest.raises(AccountError, match="password_guessable"):
        resets.reset_password(token, "ann-2024!!", NOW)  # the name in the account's email
    assert resets.reset_password(token, "a new long password", NOW).account_id == 1


def test_a_reset_with_a_token_that_cannot_be_used_hashes_nothing(
    accounts: Accounts, store: MemoryAccounts, resets: Resets
) -> None:
    """Made-up tokens must not keep the hashing threads (and the sign-ins waiting for them)
    busy."""
    accounts.sign_up("ann@example.com", "long enough password", "", NOW)
    hasher = accounts._hasher  # type: ignore[attr-defined]
    hashed = hasher.hashed
    for token in ("made-up", ""):
        with pytest.raises(AccountError, match="reset_invalid"):
            resets.reset_password(token, "a new long password", NOW)
    resets.request_reset("ann@example.com", "/reset", NOW)
    token = accounts._mailer[0][2].split("token=")[1].split()[0]  # type: ignore[attr-defined]
    with pytest.raises(AccountError, match="reset_invalid"):
        resets.reset_password(token, "a new long password", NOW + timedelta(days=1))
    assert hasher.hashed == hashed
    assert resets.reset_password(token, "a new long password", NOW).account_id == 1
    assert hasher.hashed == hashed + 1


def test_rename_trims_and_refuses_a_long_name() -> None:
    store = MemoryAccounts()
    accounts = Accounts(store, PlainHasher(), Mails(), throttle=InProcessThrottle())
    signed = accounts.sign_up("ann@example.com", "long enough password", "Ann", NOW)
    accounts.rename(signed.account_id, "  Ann   Lee ")
    assert store.accounts[signed.account_id].name == "Ann Lee"
    with pytest.raises(AccountError) as refused:
        accounts.rename(signed.account_id, "x" * 121)
    assert refused.value.fields == {"name": "account.error.name_long"}
    assert store.accounts[signed.account_id].name == "Ann Lee"


def test_a_handover_grant_gives_its_session_once_and_the_database_never_holds_it(
    accounts: Accounts, store: MemoryAccounts
) -> None:
    session = accounts.sign_up("ann@example.com", "long enough password", "", NOW).session_token
    grant = accounts.hand_over(session, NOW)
    ((grant_hash, (sealed, expires)),) = store.handovers.items()
    assert session not in grant
    assert session not in sealed
    assert grant.split(".")[0] not in grant_hash
    assert grant.split(".")[1] not in sealed
    assert expires == NOW + timedelta(seconds=HANDOVER_SECONDS)
    assert accounts.take_over(grant, NOW + timedelta(seconds=119)) == session
    assert accounts.take_over(grant, NOW) is None  # used


def test_an_expired_forged_or_malformed_grant_hands_over_nothing(accounts: Accounts) -> None:
    session = accounts.sign_up("ann@example.com", "long enough password", "", NOW).session_token
    late = accounts.hand_over(session, NOW)
    assert accounts.take_over(late, NOW + timedelta(seconds=HANDOVER_SECONDS)) is None
    grant_id, key = accounts.hand_over(session, NOW).split(".")
    other_key = accounts.hand_over(session, NOW).split(".")[1]
    # Another grant's key opens nothing it should not (and the row is spent by the try).
    assert accounts.take_over(f"{grant_id}.{other_key}", NOW) is None
    assert accounts.take_over(f"{grant_id}.{key}", NOW) is None
    for bad in ("", ".", "x.", ".eA", "no-dot", "a.!!!", "a" * 500):
        assert accounts.take_over(bad, NOW) is None


class BrokenMailer:
    def send(self, recipient: str, subject: str, body: str) -> None:
        raise OSError("the mail server is down")


def test_an_account_is_closed_even_when_its_receipt_cannot_be_mailed(store: MemoryAccounts) -> None:
    accounts = Accounts(store, PlainHasher(), BrokenMailer(), throttle=InProcessThrottle())
    signed = accounts.sign_up("ann@example.com", "long enough password", "Ann", NOW)
    assert accounts.close(signed.account_id, "long enough password", NOW) == "ann@example.com"
    assert accounts.account(signed.account_id) is None
    assert accounts.session(signed.session_token, NOW) is None


def test_wrong_passwords_to_close_an_account_count_as_failed_sign_ins(
    accounts: Accounts,
) -> None:
    """A session left open on a shared computer must not be a way to guess the password."""
    signed = accounts.sign_up("ann@example.com", "long enough password", "Ann", NOW)
    codes = []
    for _ in range(31):
        try:
            accounts.close(signed.account_id, "a wrong guess", NOW, client="203.0.113.7")
        except AccountError as refusal:
            codes.append(refusal.code)
    assert codes[0] == "account.error.close_password"
    assert codes[-1] == "account.error.too_many"
    assert accounts.account(signed.account_id) is not None


def test_a_password_is_changed_with_the_current_one_and_other_sessions_end(
    accounts: Accounts, store: MemoryAccounts
) -> None:
    here = accounts.sign_up("ann@example.com", "first password!", "Ann", NOW)
    elsewhere = accounts.sign_in("ann@example.com", "first password!", NOW)
    mails = accounts._mailer  # type: ignore[attr-defined]
    for current, new, code, field in [
        ("wrong password", "second password", "account.error.current_password", "current_password"),
        ("first password!", "short", "account.error.password_short", "password"),
        ("first password!", "qwertyuiop", "account.error.password_guessable", "password"),
        ("first password!", "first password!", "account.error.password_same", "password"),
        ("wrong password", "wrong password", "account.error.current_password", "current_password"),
    ]:
        with pytest.raises(AccountError) as refused:
            accounts.change_password(here.account_id, current, new, NOW, here.session_token)
        assert (refused.value.code, list(refused.value.fields)) == (code, [field])
        assert accounts.session(elsewhere.session_token, NOW) == here.account_id  # unchanged
    accounts.change_password(
        here.account_id, "first password!", "second password", NOW, here.session_token
    )
    assert accounts.session(here.session_token, NOW) == here.account_id  # this tab stays in
    assert accounts.session(elsewhere.session_token, NOW) is None
    with pytest.raises(AccountError):
        accounts.sign_in("ann@example.com", "first password!", NOW)
    assert accounts.sign_in("ann@example.com", "second password", NOW).account_id
    assert mails[-1][:2] == ("ann@example.com", "Your Boutique password was changed")


def test_wrong_current_passwords_count_towards_the_lockout(accounts: Accounts) -> None:
    signed = accounts.sign_up("ann@example.com", "first password!", "Ann", NOW)
    for _ in range(MAX_FAILURES):
        with pytest.raises(AccountError):
            accounts.change_password(signed.account_id, "guess", "new password!", NOW, "x")
    with pytest.raises(AccountError) as refused:
        accounts.change_password(
            signed.account_id, "first password!", "new password!", NOW, signed.session_token
        )
    assert refused.value.code == "account.error.locked"


def test_a_browser_another_account_signed_in_from_browses_as_a_new_visitor(
    accounts: Accounts, store: MemoryAccounts
) -> None:
    """A shared computer whose last user's session ended without a sign-out (or a copied
    visitor cookie): the next account to sign in there gets a fresh visitor id, so neither
    account's download or closing reaches the other's browsing."""
    ann = accounts.sign_up("ann@example.com", "long enough password", "Ann", NOW, visitor_id="v1")
    assert ann.visitor_id == "v1"
    again = accounts.sign_in("ann@example.com", "long enough password", NOW, visitor_id="v1")
    assert again.visitor_id == "v1"  # her own browser keeps its id (and its profile)
    bob = accounts.sign_up("bob@example.com", "long enough password", "Bob", NOW, visitor_id="v1")
    assert bob.visitor_id not in ("", "v1")
    until = NOW + timedelta(days=SESSION_DAYS)
    assert accounts.browsers(ann.account_id) == [SignedInBrowser("v1", NOW, until)]
    assert accounts.browsers(bob.account_id) == [SignedInBrowser(bob.visitor_id, NOW, until)]


def test_a_browser_signs_in_as_a_new_visitor_once_its_session_there_has_ended(
    accounts: Accounts,
) -> None:
    """Expired, or ended by a password change elsewhere, without the browser signing out:
    what it browsed since may be someone else's, so its next sign-in starts a new visitor
    and its link ends where its session did."""
    ann = accounts.sign_up("ann@example.com", "long enough password", "Ann", NOW, visitor_id="v1")
    home = accounts.sign_in("ann@example.com", "long enough password", NOW, visitor_id="v2")
    later = NOW + timedelta(days=1)
    accounts.change_password(
        ann.account_id, "long enough password", "another password!", later, home.session_token
    )
    back = accounts.sign_in("ann@example.com", "another password!", later, visitor_id="v1")
    assert back.visitor_id not in ("", "v1")
    expired = NOW + timedelta(days=SESSION_DAYS)
    again = accounts.sign_in("ann@example.com", "another password!", expired, visitor_id="v2")
    assert again.visitor_id not in ("", "v2", back.visitor_id)
    assert accounts.browsers(ann.account_id) == [
        SignedInBrowser("v1", NOW, later),
        SignedInBrowser("v2", NOW, expired),
        SignedInBrowser(back.visitor_id, later, later + timedelta(days=SESSION_DAYS)),
        SignedInBrowser(again.visitor_id, expired, expired + timedelta(days=SESSION_DAYS)),
    ]


def test_a_merchant_closes_an_account_on_request_as_the_shopper_would(
    store: MemoryAccounts,
) -> None:
    """No password, but the same steps: the closing hooks, the store's closing with the
    merchant's audit entry, the receipt mailed; staff accounts are refused."""
    mailer = Mails()
    accounts = Accounts(store, PlainHasher(), mailer, throttle=InProcessThrottle())
    hooked: list[int] = []
    accounts.closing_hooks.append(lambda account_id: lambda: hooked.append(account_id))
    signed = accounts.sign_up("ann@example.com", "long enough password", "Ann", NOW)
    entry = AuditRecord(
        9, "boss@example.com", "customer.close", f"account:{signed.account_id}", "", ""
    )
    assert accounts.close_on_request(signed.account_id, entry) == "ann@example.com"
    assert accounts.account(signed.account_id) is None
    assert accounts.session(signed.session_token, NOW) is None
    assert hooked == [signed.account_id]
    assert [to for to, *_ in mailer] == ["ann@example.com"]
    staff = accounts.sign_up("bob@example.com", "long enough password", "Bob", NOW)
    store.accounts[staff.account_id] = replace(store.accounts[staff.account_id], role="staff")
    with pytest.raises(AccountError) as refused:
        accounts.close_on_request(staff.account_id, entry)
    assert refused.value.code == "admin.customer.error.staff"  # said to the merchant
    assert accounts.account(staff.account_id) is not None
    with pytest.raises(AccountError) as refused:
        accounts.close_on_request(404, entry)  # closed (or never was)
    assert refused.value.code == "admin.customer.error.closed"


@pytest.mark.parametrize(
    ("meanwhile", "code"),
    [("closed", "admin.customer.error.closed"), ("staff", "admin.customer.error.staff")],
)
def test_a_merchants_closing_raced_by_another_change_says_which(
    store: MemoryAccounts, meanwhile: str, code: str
) -> None:
    """The account is closed, or given a role, after it was read and before the closing's
    transaction: the store then closes nothing, and the merchant is told why."""
    mailer = Mails()
    accounts = Accounts(store, PlainHasher(), mailer, throttle=InProcessThrottle())
    signed = accounts.sign_up("ann@example.com", "long enough password", "Ann", NOW)
    closing = store.close

    def changed_first(account_id: int, *args: Any, **kwargs: Any) -> bool:
        if meanwhile == "closed":
            del store.accounts[account_id]
        else:
            store.accounts[account_id] = replace(store.accounts[account_id], role="staff")
        return closing(account_id, *args, **kwargs)

    store.close = changed_first  # type: ignore[method-assign]
    entry = AuditRecord(9, "boss@example.com", "customer.close", "account:1", "", "")
    with pytest.raises(AccountError) as refused:
        accounts.close_on_request(signed.account_id, entry)
    assert refused.value.code == code
    assert mailer == []  # no receipt: nothing was closed


@pytest.mark.parametrize(
    "password",
    ["correct horse battery", "Tr0ub4dor&3x", "8402913756", "mon chat s’appelle Félix"],
)
def test_a_password_of_ones_own_is_taken(accounts: Accounts, password: str) -> None:
    assert accounts.sign_up("ann@example.com", password, "Ann", NOW).account_id


@pytest.mark.parametrize(
    ("email", "shown"),
    [
        ("ann.lee@example.com", "a•••@e•••.com"),
        ("bo@mail.example.co.uk", "b•••@m•••.uk"),
        ("x@localhost", "x•••@l•••"),
    ],
)
def test_an_order_link_shows_only_the_first_letters_of_its_email(email: str, shown: str) -> None:
    assert masked_email(email) == shown
