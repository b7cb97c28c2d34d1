"""A signed-in session: its token (only the hash is stored) and the browser it is opened in,
for a sign-up, a sign-in or a password reset (service.py, resets.py)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from storefront.services.accounts.credentials import token_hash
from storefront.services.accounts.errors import AccountError
from storefront.services.accounts.ports import AccountGone, AccountStore

SESSION_DAYS = 30
# Both are at fault: which of the two was wrong is not told (it would tell which emails have
# accounts).
WRONG_CREDENTIALS = {"email": "account.error.credentials", "password": "account.error.credentials"}


@dataclass(frozen=True, slots=True)
class SignedIn:
    account_id: int
    session_token: str  # goes into the shopper's cookie; only its hash is stored
    # The browser's visitor id from now on: a new one when the one it had is another
    # account's (see new_session); "" when none was given.
    visitor_id: str = ""


def new_session(
    store: AccountStore, account_id: int, now: datetime, visitor_id: str = ""
) -> SignedIn:
    """A session for the account (signed up, signed in, or its password reset: resets.py);
    `visitor_id`, the browser's (what it browses is kept by it), is remembered with the
    account while the session lasts: the download holds what it browsed then, and
    `Accounts.close` deletes what it browsed."""
    token = secrets.token_urlsafe(32)
    expires = now + timedelta(days=SESSION_DAYS)
    visitor_id = visitor_id[:64]
    try:
        if visitor_id and not store.link_visitor(account_id, visitor_id, now, expires):
            # Another account's browser, or one whose session here ended without a
            # sign-out (a shared computer, a copied cookie): it browses as a new visitor
            # from now on, so the account's data holds no one else's browsing.
            visitor_id = secrets.token_hex(16)
            store.link_visitor(account_id, visitor_id, now, expires)
        store.add_session(token_hash(token), account_id, expires, visitor_id)
    except AccountGone:  # closed (from another browser) since the password was checked
        raise AccountError("account.error.credentials", WRONG_CREDENTIALS) from None
    return SignedIn(account_id, token, visitor_id)
