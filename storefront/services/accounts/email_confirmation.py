"""Confirming an account's email: proof that its owner receives mail at its address, before
the shop mails it anything it did not directly cause (back-in-stock alerts: services/
restock.py treats an unconfirmed account's ask as a guest's, waiting for a link each).

Sign-up signs in at once; its AccountCreated event, through the bus, mails a welcome (once)
carrying a single-use link, valid CONFIRM_DAYS; its page (CONFIRM_PATH) confirms with a
button, so a mail scanner opening the link confirms nothing. The account page sends a new
link on request (the shopper waits for it: sent in the request, its failure said), within
RESENDS_PER_ACCOUNT and RESENDS_PER_CLIENT. A link confirms only the address it went to:
one sent before the account's email changed no longer works. Using a password reset link or
an email change link proves the address too (the stores confirm it with them: adapters/
sql_email_confirmations.py), and confirming moves the account's alerts waiting for their
link to that address to waiting for good."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from storefront.services.accounts.credentials import token_hash
from storefront.services.accounts.errors import AccountError
from storefront.services.accounts.mail import confirm_mail, welcome_mail
from storefront.services.accounts.ports import (
    AccountGone,
    AccountStore,
    ConfirmationLink,
    EmailConfirmationStore,
    Mailer,
    RecipientRefused,
)
from storefront.services.throttle import Limit, Throttle

log = logging.getLogger(__name__)

CONFIRM_PATH = "/account/confirm"  # the page a link opens (its token in the query)
CONFIRM_DAYS = 7
MAX_TOKEN = 200  # longer is no token of ours: refused before any hashing or read
# New links asked from the account page: a shopper asks once or twice; the account's inbox
# gets no more than 3 an hour whoever asks, and one client no more than 10 an hour whatever
# the accounts (a script signed in to many).
RESENDS_PER_ACCOUNT = Limit("confirm-link", 3, 60 * 60)
RESENDS_PER_CLIENT = Limit("confirm-link-client", 10, 60 * 60)
# Why a link does not confirm (the message keys its page shows, each saying what to do).
LINK_UNKNOWN = "account.confirm.error.unknown"
LINK_USED = "account.confirm.error.used"
LINK_EXPIRED = "account.confirm.error.expired"
LINK_REPLACED = "account.confirm.error.replaced"
TOO_MANY = "account.confirm.error.too_many"
ALREADY = "account.confirm.error.already"
NOT_MAILED = "account.confirm.error.not_mailed"


@dataclass(frozen=True, slots=True)
class LinkCheck:
    """What a link's page shows: the address it confirms (`problem` empty), confirmed
    already or not; or why it does not work (`problem`, a message key)."""

    email: str = ""
    confirmed: bool = False
    problem: str = ""


class EmailConfirmations:
    """`client` (the client's key, see services/clients.py) holds a shopper's requests for a
    new link to RESENDS_PER_CLIENT; None, for the shop's own calls, is not limited."""

    def __init__(
        self,
        store: AccountStore,
        links: EmailConfirmationStore,
        mailer: Mailer,
        throttle: Throttle,
        public_url: str,
    ) -> None:
        self._store = store
        self._links = links
        self._mailer = mailer
        self._throttle = throttle
        self._public_url = public_url.rstrip("/")

    def is_confirmed(self, account_id: int, email: str) -> bool:
        """Whether the account's address is `email` and its owner proved it theirs."""
        account = self._store.by_id(account_id)
        return (
            account is not None
            and account.email == email
            and account.email_confirmed_at is not None
        )

    def welcome(self, account_id: int, now: datetime, lang: str) -> bool:
        """Mail a new account its welcome with a link confirming its address, in `lang`, once
        however often its AccountCreated comes (the bus delivers more than once): whether it
        went now. Nothing goes to an account closed, confirmed, or mailed a link already (its
        welcome, or one it asked for from its page meanwhile). A mail that fails raises, its
        link forgotten, so that the bus tries it again (not one whose recipient the server
        refuses for good: logged, its page says the address is unconfirmed); a sender dying
        between keeping the link and sending it loses the mail, never doubles it: its page
        offers a new link."""
        token = secrets.token_urlsafe(32)
        hashed = token_hash(token)
        expires = now + timedelta(days=CONFIRM_DAYS)
        email = self._links.claim_welcome(hashed, account_id, now, expires)
        if email is None:
            return False
        link = f"{self._public_url}{CONFIRM_PATH}?token={token}"
        try:
            self._mailer.send(email, *welcome_mail(lang, link, CONFIRM_DAYS))
        except RecipientRefused as exc:  # for good: retrying would only fail again
            self._links.drop_confirmation(hashed)
            log.warning("the welcome of account %d was refused: %s", account_id, exc)
            return False
        except Exception:
            self._links.drop_confirmation(hashed)
            raise
        return True

    def resend(
        self, account_id: int, now: datetime, *, client: str | None = None, lang: str
    ) -> str:
        """Mail the account a new link confirming its address, in `lang`; the address it
        went to. Refused: signed out, confirmed already, over RESENDS_PER_CLIENT or
        RESENDS_PER_ACCOUNT (nothing mailed), or the mail server failing."""
        account = self._store.by_id(account_id)
        if account is None:
            raise AccountError("account.error.signed_out")
        if account.email_confirmed_at is not None:
            raise AccountError(ALREADY)
        if client is not None and not RESENDS_PER_CLIENT.take(self._throttle, client, now):
            raise AccountError(TOO_MANY)
        if not RESENDS_PER_ACCOUNT.take(self._throttle, str(account_id), now):
            raise AccountError(TOO_MANY)
        try:
            return self._mail_link(account_id, now, lang, confirm_mail)
        except AccountGone:
            raise AccountError("account.error.signed_out") from None
        except Exception:
            log.exception("mailing account %d a link confirming its address", account_id)
            raise AccountError(NOT_MAILED) from None

    def _mail_link(
        self,
        account_id: int,
        now: datetime,
        lang: str,
        mail: Callable[[str, str, int], tuple[str, str]],
    ) -> str:
        account = self._store.by_id(account_id)
        if account is None:
            raise AccountGone(account_id)
        token = secrets.token_urlsafe(32)
        expires = now + timedelta(days=CONFIRM_DAYS)
        self._links.add_confirmation(token_hash(token), account.id, account.email, now, expires)
        link = f"{self._public_url}{CONFIRM_PATH}?token={token}"
        self._mailer.send(account.email, *mail(lang, link, CONFIRM_DAYS))
        return account.email

    def check(self, token: str, now: datetime) -> LinkCheck:
        """What the link can do `now` (a read: opening it confirms nothing)."""
        if not 0 < len(token) <= MAX_TOKEN:
            return LinkCheck(problem=LINK_UNKNOWN)
        return _checked(self._links.confirmation(token_hash(token)), now)

    def confirm(self, token: str, now: datetime) -> str:
        """Use the link once: its address is confirmed (confirmed already is no error); the
        address. Refused, with the reason its page says: unknown, used, expired, or sent to
        an address the account no longer has."""
        found = self.check(token, now)
        if found.problem:
            raise AccountError(found.problem)
        if found.confirmed:
            return found.email
        if not self._links.use_confirmation(token_hash(token), now):
            # Used, expired or closed meanwhile: said as it now stands.
            raise AccountError(self.check(token, now).problem or LINK_USED)
        return found.email


def _checked(link: ConfirmationLink | None, now: datetime) -> LinkCheck:
    if link is None:
        return LinkCheck(problem=LINK_UNKNOWN)
    if link.email != link.account_email:
        return LinkCheck(problem=LINK_REPLACED)
    if link.used_at is not None:
        return LinkCheck(problem=LINK_USED)
    if link.expires_at <= now:
        return LinkCheck(problem=LINK_EXPIRED)
    return LinkCheck(link.email, confirmed=link.account_confirmed)
