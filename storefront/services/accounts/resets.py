"""Resetting a forgotten password: a single-use link mailed to the account's email, valid
RESET_MINUTES, whose use sets a new password, ends every session of the account and signs in
anew (sessions.py: new_session). The same ends for a password set from outside the account: a
team member's first (`unknown_password`, then `mail_team_link`) and the operator's
(`set_password`). A password set by a link or by the operator is told to the account's address
(password_notice.py)."""

from __future__ import annotations

import logging
import secrets
from datetime import datetime, timedelta

from models.types import utc_now
from storefront.i18n import DEFAULT_LOCALE
from storefront.services.accounts.credentials import check_password, normalize_email, token_hash
from storefront.services.accounts.errors import AccountError
from storefront.services.accounts.mail import reset_mail, team_mail
from storefront.services.accounts.password_notice import PasswordNotice
from storefront.services.accounts.ports import AccountGone, AccountStore, Mailer, PasswordHasher
from storefront.services.accounts.sessions import SignedIn, new_session
from storefront.services.throttle import RESET_REQUESTS, Throttle

log = logging.getLogger(__name__)

RESET_PATH = "/account/reset"  # the page a link opens (its token in the query)
RESET_MINUTES = 60
MAX_OPEN_RESETS = 3  # unused links mailed within RESET_MINUTES


class Resets:
    """`client` (the client's key, see services/clients.py) holds a shopper's requests for a
    link to RESET_REQUESTS (services/throttle.py); None, for the shop's own calls, is not
    limited. `notice` tells the owner of a password set by a link or by the operator, as
    Accounts.change_password's own."""

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

    def request_reset(
        self,
        email: str,
        reset_url: str,
        now: datetime,
        *,
        client: str | None = None,
        lang: str = DEFAULT_LOCALE,
    ) -> None:
        """Mail a single-use link valid RESET_MINUTES, in `lang`. Says nothing about unknown
        emails; a client over RESET_REQUESTS is refused, whatever the email."""
        if client is not None and not RESET_REQUESTS.take(self._throttle, client, now):
            raise AccountError("account.error.too_many")
        try:
            address = normalize_email(email)
        except AccountError:
            return
        account = self._store.by_email(address)
        if account is None:
            return
        token = secrets.token_urlsafe(32)
        expires = now + timedelta(minutes=RESET_MINUTES)
        try:
            if not self._store.add_reset(
                token_hash(token), account.id, now, expires, MAX_OPEN_RESETS
            ):
                return  # links mailed lately are still unused: no more mail to that inbox
        except AccountGone:  # closed since it was looked up
            return
        link = f"{reset_url}?token={token}"
        self._mailer.send(address, *reset_mail(lang, link, RESET_MINUTES))

    def unknown_password(self) -> str:
        """The hash of a password nobody knows: an account given it signs in only once its
        owner chose another through a mailed link."""
        return self._hasher.hash(secrets.token_urlsafe(32))

    def mail_team_link(
        self, account_id: int, reset_url: str, now: datetime, lang: str = DEFAULT_LOCALE
    ) -> bool:
        """Mail an account just given a role on the team (its password cleared with the role:
        Team.set_role) a link valid RESET_MINUTES to choose one; False when it could not be
        (a mail server refusing, logged: "Forgot your password?" mails another)."""
        account = self._store.by_id(account_id)
        token = secrets.token_urlsafe(32)
        expires = now + timedelta(minutes=RESET_MINUTES)
        try:
            if account is None or not self._store.add_reset(
                token_hash(token), account_id, now, expires, MAX_OPEN_RESETS
            ):
                return False
            link = f"{reset_url}?token={token}"
            self._mailer.send(account.email, *team_mail(lang, link, RESET_MINUTES))
        except AccountGone:
            return False
        except Exception:
            log.exception("mailing the team's new member %s a password link", account_id)
            return False
        return True

    def set_password(
        self, account_id: int, new: str, now: datetime, lang: str = DEFAULT_LOCALE
    ) -> None:
        """A password the shop's operator gives the account (create-admin promoting it):
        every session of it ends and its mailed links die, as a reset's would; its owner is
        told (in `lang`)."""
        account = self._store.by_id(account_id)
        if account is None:
            raise AccountError("account.error.signed_out")
        password = check_password(new, account.email)
        self._store.change_password(account.id, self._hasher.hash(password), "", now)
        self._notice.send(account.email, now, lang)

    def link_usable(self, token: str, now: datetime) -> bool:
        """Whether a reset link's token can still be used (it is not used up by asking): the
        page says at once that a used or expired link is, instead of after a new password."""
        usable = 0 < len(token) <= 200
        return usable and self._store.reset_owner(token_hash(token), now) is not None

    def reset_password(
        self,
        token: str,
        new_password: str,
        now: datetime,
        *,
        visitor_id: str = "",
        lang: str = DEFAULT_LOCALE,
    ) -> SignedIn:
        """Use a reset token once: new password, every old session ended, signed in anew, and
        the account's address told (in `lang`: a link mailed to someone else's inbox, or used
        from it, is heard of). A token that cannot be used is refused before the password is
        hashed: made-up tokens cost a read, never the hashing threads sign-ins wait for."""
        password = check_password(new_password)
        owner = self._store.reset_owner(token_hash(token), now)
        account = self._store.by_id(owner) if owner is not None else None
        if account is None:
            raise AccountError("account.error.reset_invalid")
        check_password(password, account.email)  # not the name in its own email either
        hashed = self._hasher.hash(password)
        account_id = self._store.use_reset(token_hash(token), hashed, now)
        if account_id is None:
            raise AccountError("account.error.reset_invalid")
        try:
            signed = new_session(self._store, account_id, now, visitor_id)
        except AccountError:  # closed meanwhile: the link went with it
            raise AccountError("account.error.reset_invalid") from None
        self._notice.send(account.email, now, lang)
        return signed


class TeamLinks:
    """The accounts' part in a shopper's account joining the team (Team.set_role's
    NewMember): a password nobody knows, then the link to choose one, in the shop's
    language and under its address."""

    def __init__(self, resets: Resets, reset_url: str, lang: str) -> None:
        self._resets = resets
        self._reset_url = reset_url
        self._lang = lang

    def unknown_password(self) -> str:
        return self._resets.unknown_password()

    def mail_link(self, account_id: int) -> bool:
        return self._resets.mail_team_link(account_id, self._reset_url, utc_now(), self._lang)
