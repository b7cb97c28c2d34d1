"""Changing an account's email: asked from the account page with the password given again,
confirmed by a single-use link mailed to the new address (proving it is the shopper's),
valid LINK_MINUTES; once used, the account signs in with the new address, and the old one
is told by mail."""

from __future__ import annotations

import logging
import secrets
from datetime import datetime, timedelta

from storefront.i18n import DEFAULT_LOCALE
from storefront.services.accounts.credentials import normalize_email, token_hash
from storefront.services.accounts.errors import AccountError
from storefront.services.accounts.mail import email_changed_mail, email_link_mail
from storefront.services.accounts.ports import (
    AccountGone,
    AccountStore,
    EmailChangeStore,
    EmailTaken,
    Mailer,
)
from storefront.services.accounts.service import Accounts

log = logging.getLogger(__name__)
LINK_MINUTES = 60
MAX_OPEN_LINKS = 3  # unused links mailed within LINK_MINUTES, to any addresses
TAKEN = "account.error.email_taken"
LINK_INVALID = "account.error.email_link"


class EmailChanges:
    def __init__(
        self, accounts: Accounts, store: AccountStore, changes: EmailChangeStore, mailer: Mailer
    ) -> None:
        self._accounts = accounts
        self._store = store
        self._changes = changes
        self._mailer = mailer

    def request_change(
        self,
        account_id: int,
        new_email: str,
        password: str,
        confirm_url: str,
        now: datetime,
        *,
        device_token: str = "",
        client: str | None = None,
        lang: str = DEFAULT_LOCALE,
    ) -> str:
        """Mail a link to `new_email`, in `lang`, that makes it the account's; returns the
        address as the shop writes it. The password is given again (wrong ones count as
        failed sign-ins); an address that is the account's already, or another account's,
        is refused; so are more than MAX_OPEN_LINKS unused links (someone's inbox flooded)."""
        account = self._store.by_id(account_id)
        if account is None:
            raise AccountError("account.error.signed_out")
        address = normalize_email(new_email)
        wrong = ("account.error.current_password", "email_password")
        self._accounts.confirm_password(
            account, password, wrong, now, device_token=device_token, client=client
        )
        # Told only once the password is known to be right: no one else learns who has one.
        if address == account.email:
            raise AccountError("account.error.email_same", {"email": "account.error.email_same"})
        if self._store.by_email(address) is not None:
            raise AccountError(TAKEN, {"email": TAKEN})
        token = secrets.token_urlsafe(32)
        expires = now + timedelta(minutes=LINK_MINUTES)
        try:
            stored = self._changes.add_change(
                token_hash(token), account.id, address, now, expires, limit=MAX_OPEN_LINKS
            )
        except AccountGone:
            raise AccountError("account.error.signed_out") from None
        if not stored:
            raise AccountError("account.error.email_links")
        link = f"{confirm_url}?token={token}"
        self._mailer.send(address, *email_link_mail(lang, link, LINK_MINUTES, account.email))
        return address

    def link_usable(self, token: str, now: datetime) -> str | None:
        """The new address a link would give its account, if it can still be used."""
        if not 0 < len(token) <= 200:
            return None
        return self._changes.pending_change(token_hash(token), now)

    def confirm_change(self, token: str, now: datetime, *, lang: str = DEFAULT_LOCALE) -> str:
        """Use a link once: its account's email becomes the new address (returned), and the
        old address is told (in `lang`), so an owner who did not ask hears of it."""
        if not 0 < len(token) <= 200:
            raise AccountError(LINK_INVALID)
        try:
            changed = self._changes.use_change(token_hash(token), now)
        except EmailTaken:
            raise AccountError(TAKEN) from None
        if changed is None:
            raise AccountError(LINK_INVALID)
        try:
            self._mailer.send(changed.old_email, *email_changed_mail(lang, changed.new_email))
        except Exception:  # the email is changed whatever its notice does
            log.exception("mailing the notice of a changed email")
        return changed.new_email
