"""Account use cases: signing up, in and out, sessions and their hand-over to the browser's
cookie, password changes, and closing an account. Every refusal is an AccountError (errors.py);
the rules on emails and passwords are in credentials.py, the limits on typing a password in
lockout.py, the mails sent in mail.py, a new session in sessions.py, resetting a forgotten
password in resets.py, what closing an account does in closing.py, confirming its email in
email_confirmation.py."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from models.events import AccountCreated, Event
from storefront.i18n import DEFAULT_LOCALE
from storefront.services.accounts import handover
from storefront.services.accounts.closing import ClosingHook, close_account, close_on_request
from storefront.services.accounts.credentials import (
    MAX_EMAIL,
    MAX_PASSWORD,
    canonical_email,
    check_password,
    normalize_email,
    token_hash,
)
from storefront.services.accounts.errors import AccountError
from storefront.services.accounts.lockout import Lockout
from storefront.services.accounts.password_notice import PasswordNotice
from storefront.services.accounts.ports import (
    AccountGone,
    AccountRecord,
    AccountStore,
    Mailer,
    PasswordHasher,
    SignedInBrowser,
)
from storefront.services.accounts.sessions import WRONG_CREDENTIALS, SignedIn, new_session
from storefront.services.admin.audit import AuditRecord
from storefront.services.throttle import SIGN_UPS, Throttle

# The cookie holding a signed-in session's token (read by the admin's download routes too).
SESSION_COOKIE = "boutique_session"
# The cookie of a browser that has signed in: its failed sign-ins are counted apart, so
# someone guessing an account's password elsewhere cannot lock its owner out of it.
DEVICE_COOKIE = "boutique_device"
DEVICE_DAYS = 180
MAX_NAME = 120
# Sign-in attempts, far beyond the lockout's LOCKOUT_MINUTES: for an operator looking into
# a run of failed sign-ins.
KEEP_ATTEMPTS = timedelta(days=30)
# A "new" password that is the current one: nothing would change, other sessions would end.
SAME_PASSWORD = "account.error.password_same"


class Accounts:
    """`client` (the client's key, see services/clients.py) holds a shopper's sign-ups and
    sign-ins to the limits of services/throttle.py; None, for the shop's own calls (the
    command line), is not limited. `notice` tells the owner of a changed password (by default
    on UTC's clock, naming no reset page nor contact address)."""

    def __init__(
        self,
        store: AccountStore,
        hasher: PasswordHasher,
        mailer: Mailer,
        *,
        throttle: Throttle,
        notice: PasswordNotice | None = None,
    ) -> None:
        self._store = store
        self._hasher = hasher
        self._mailer = mailer
        self._throttle = throttle
        self._notice = notice or PasswordNotice(mailer)
        self._lockout = Lockout(store, throttle)
        self._dummy: str | None = None
        # Told of an account about to close: the reviews drop their cached pages of the
        # products it had reviewed once it is closed.
        self.closing_hooks: list[ClosingHook] = []
        # Hands a new account's AccountCreated, written to the outbox with it, to this
        # process's bus after the commit (it wakes the relay: the welcome goes at once).
        self.publish: Callable[[Iterable[Event]], object] = _nobody

    def _dummy_hash(self) -> str:
        if self._dummy is None:
            self._dummy = self._hasher.hash(secrets.token_urlsafe(16))
        return self._dummy

    def sign_up(
        self,
        email: str,
        password: str,
        name: str,
        now: datetime,
        *,
        client: str | None = None,
        visitor_id: str = "",
        lang: str = DEFAULT_LOCALE,
    ) -> SignedIn:
        """Create an account and sign it in; its welcome, with the link confirming its
        address, is mailed in `lang` by the bus, after it (AccountCreated, handled by
        EmailConfirmations.welcome): a mail server slow or down slows or fails no sign-up."""
        address = normalize_email(email)
        check_password(password, address)
        # Counted before the hashing too: over the limit costs the server nothing.
        if client is not None and not SIGN_UPS.take(self._throttle, client, now):
            raise AccountError("account.error.too_many")
        hashed = self._hasher.hash(password)
        account_id = self._store.create(address, _profile_name(name), hashed, lang)
        if account_id is None:
            raise AccountError("account.error.taken", {"email": "account.error.taken"})
        self.publish([AccountCreated(account_id, lang)])
        return new_session(self._store, account_id, now, visitor_id)

    def sign_in(
        self,
        email: str,
        password: str,
        now: datetime,
        device_token: str = "",
        *,
        client: str | None = None,
        visitor_id: str = "",
    ) -> SignedIn:
        """Check the password; after MAX_FAILURES wrong ones, refuse for LOCKOUT_MINUTES
        (lockout.py). A browser trusted for the account (`device_token`, see `trust_device`)
        has its own count: failures from anywhere else do not lock it out, nor its failures
        others. The client's failures, whatever the email, are held to FAILED_SIGN_INS; over
        it nothing is checked or recorded."""
        address = canonical_email(email)
        if len(address) > MAX_EMAIL:  # no account has it (and the attempts' column is this wide)
            raise AccountError("account.error.credentials", WRONG_CREDENTIALS)
        account = self._store.by_email(address)
        # A browser trusted for the account is not held to the client's limit: someone
        # guessing from the same office or carrier address does not keep its owner out.
        with self._lockout.attempt(
            address,
            account.id if account else 0,
            now,
            device_token=device_token,
            client=client,
            hold_trusted=False,
        ):
            # Verify even for unknown emails, so timing does not tell which emails have
            # accounts.
            stored = account.password_hash if account is not None else self._dummy_hash()
            valid = self._hasher.verify(stored, password) and account is not None
            if account is None or not valid:
                raise AccountError("account.error.credentials", WRONG_CREDENTIALS)
        if self._hasher.needs_rehash(account.password_hash):
            self._store.set_password_hash(account.id, self._hasher.hash(password))
        return new_session(self._store, account.id, now, visitor_id)

    def trust_device(self, session_token: str, now: datetime) -> str | None:
        """At the start of a session: a new device token for the browser that signed in,
        trusted for the session's account for DEVICE_DAYS; None when the session is not
        valid. Always new: a token planted in the browser beforehand (by someone who would
        then fail sign-ins with it) never becomes trusted."""
        account_id = self.session(session_token, now)
        if account_id is None:
            return None
        token = secrets.token_urlsafe(32)
        expires = now + timedelta(days=DEVICE_DAYS)
        try:
            self._store.trust_device(token_hash(token), account_id, expires, now)
        except AccountGone:  # closed since: the session went with it
            return None
        return token

    def account(self, account_id: int) -> AccountRecord | None:
        return self._store.by_id(account_id)

    def browsers(self, account_id: int) -> list[SignedInBrowser]:
        """The browsers (visitor ids) that signed in to the account, and while: what a
        browser did before or after (someone else, on a shared computer) is not the
        account's."""
        return self._store.signed_in_browsers(account_id)

    def account_by_email(self, email: str) -> AccountRecord | None:
        return self._store.by_email(canonical_email(email))

    def rename(self, account_id: int, name: str) -> None:
        """The name on the profile (it may be empty)."""
        self._store.set_name(account_id, _profile_name(name))

    def close(
        self,
        account_id: int,
        password: str,
        now: datetime,
        device_token: str = "",
        *,
        client: str | None = None,
        visitor_id: str = "",
        lang: str = DEFAULT_LOCALE,
    ) -> str:
        """Close a shopper's account for good, its password given again (a session left open
        on a shared computer is not enough); return the email it had, and mail its receipt
        in `lang`. Its orders stay, as the shop's records, no longer linked to it. Staff are
        refused: an admin takes their role away first. Wrong passwords count as failed
        sign-ins (`confirm_password`). What was browsed goes too: by `visitor_id` (the closing
        browser), the browsers that signed in to it, and those its orders came from."""
        account = self._store.by_id(account_id)
        if account is None:
            raise AccountError("account.error.signed_out")
        if account.role != "shopper":
            raise AccountError("account.error.close_staff")
        wrong = ("account.error.close_password", "password")
        self.confirm_password(
            account, password, wrong, now, device_token=device_token, client=client
        )
        store, mailer, hooks = self._store, self._mailer, self.closing_hooks
        return close_account(
            store, mailer, hooks, account=account, visitor_id=visitor_id, audit=None, lang=lang
        )

    def close_on_request(
        self, account_id: int, audit: AuditRecord, lang: str = DEFAULT_LOCALE
    ) -> str:
        """Close a shopper's account as `close` does, for a merchant acting on the shopper's
        request (no password: the merchant confirmed it); `audit` is written with it.
        Returns the email it had (services/accounts/closing.py)."""
        hooks = self.closing_hooks
        return close_on_request(
            self._store, self._mailer, hooks, account_id=account_id, audit=audit, lang=lang
        )

    def change_password(
        self,
        account_id: int,
        current: str,
        new: str,
        now: datetime,
        session_token: str,
        *,
        device_token: str = "",
        client: str | None = None,
        lang: str = DEFAULT_LOCALE,
    ) -> None:
        """A new password, the current one given again (wrong ones count as failed sign-ins,
        `confirm_password`): every other session of the account ends (someone else may know the old
        one), this one stays, links mailed to reset it or change its email die, and the owner
        is told by mail (in `lang`, password_notice.py)."""
        account = self._store.by_id(account_id)
        if account is None:
            raise AccountError("account.error.signed_out")
        password = check_password(new, account.email)
        wrong = ("account.error.current_password", "current_password")
        self.confirm_password(
            account, current, wrong, now, device_token=device_token, client=client
        )
        if password == current:  # told only once the current one is known to be right
            raise AccountError(SAME_PASSWORD, {"password": SAME_PASSWORD})
        hashed = self._hasher.hash(password)
        self._store.change_password(account.id, hashed, token_hash(session_token), now)
        self._notice.send(account.email, now, lang)

    def confirm_password(
        self,
        account: AccountRecord,
        password: str,
        wrong: tuple[str, str],
        now: datetime,
        *,
        device_token: str,
        client: str | None,
    ) -> None:
        """The account's password given again before closing it, changing it or changing
        its email (a wrong one is refused with `wrong`: the message's key, the form's field):
        a session left open on a shared computer is not enough. Wrong ones count as failed
        sign-ins, of the account (its lockout, which a browser trusted for it counts apart,
        as `sign_in` does) and of the client, even from a browser trusted for the account."""
        with self._lockout.attempt(
            account.email,
            account.id,
            now,
            device_token=device_token,
            client=client,
            hold_trusted=True,
        ):
            if len(password) > MAX_PASSWORD or not self._hasher.verify(
                account.password_hash, password
            ):
                key, field = wrong
                raise AccountError(key, {field: key})

    def forget_expired(self, now: datetime) -> int:
        """Delete expired sessions, and sign-in attempts and reset links past KEEP_ATTEMPTS
        (the worker, hourly): to a check they read as if never made (a reset used lifts the
        lockout of the failures before it, as long as those are kept)."""
        return self._store.prune_expired(now, now - KEEP_ATTEMPTS)

    def session(self, token: str, now: datetime) -> int | None:
        """The signed-in account of a session cookie, or None."""
        return self._store.session_account(token_hash(token), now) if token else None

    def sign_out(self, token: str, now: datetime) -> None:
        if token:
            self._store.end_session(token_hash(token), now)

    def hand_over(self, session_token: str, now: datetime) -> str:
        """A single-use grant that /api/session exchanges for the session's HttpOnly cookie
        within HANDOVER_SECONDS (see handover.py)."""
        sealed = handover.seal(session_token)
        expires = now + timedelta(seconds=handover.HANDOVER_SECONDS)
        self._store.add_handover(token_hash(sealed.grant_id), sealed.sealed, expires, now)
        return sealed.grant

    def take_over(self, grant: str, now: datetime) -> str | None:
        """The session token a grant hands over, once; None when malformed, unknown, used or
        expired (nothing is then set)."""
        parts = handover.grant_parts(grant)
        if parts is None:
            return None
        grant_id, key = parts
        sealed = self._store.take_handover(token_hash(grant_id), now)
        return None if sealed is None else handover.unseal(sealed, key)


def _nobody(_events: Iterable[Event]) -> None:
    """No bus in this process (unit tests): the outbox carries the events alone."""


def _profile_name(name: str) -> str:
    """The name as kept (its spaces tidied), or refused when too long: never cut unsaid."""
    value = " ".join(name.split())
    if len(value) > MAX_NAME:
        raise AccountError("account.error.name_long", {"name": "account.error.name_long"})
    return value
