"""The limits on typing an account's password, whether to sign in or, signed in, to close the
account or change its password: the client's failed sign-ins whatever the email
(FAILED_SIGN_INS), and the account's lockout after MAX_FAILURES wrong passwords in
LOCKOUT_MINUTES, which a browser trusted for the account (its device cookie, see
Accounts.trust_device) counts apart from everyone else's."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from storefront.services.accounts.credentials import token_hash
from storefront.services.accounts.errors import AccountError
from storefront.services.accounts.ports import AccountStore
from storefront.services.throttle import FAILED_SIGN_INS, Throttle

MAX_FAILURES = 5
LOCKOUT_MINUTES = 15


class Lockout:
    def __init__(self, store: AccountStore, throttle: Throttle) -> None:
        self._store = store
        self._throttle = throttle

    @contextmanager
    def attempt(
        self,
        email: str,
        account_id: int,
        now: datetime,
        *,
        device_token: str,
        client: str | None,
        hold_trusted: bool,
    ) -> Iterator[None]:
        """One check of the password of `email`'s account (`account_id`, 0 when it has none),
        made by the `with` block, which raises when the password is wrong. Refused before
        the block when the client is over FAILED_SIGN_INS or the account is locked out. A
        block that raises counts as a failure of both; one that returns gives the client's
        back and ends the account's count. A browser trusted for the account
        (`device_token`) has its own count, and is held to the client's limit only when
        `hold_trusted`."""
        device = token_hash(device_token) if device_token else None
        # Asked for unknown emails too (of account 0): the answer's timing tells nothing.
        if device and not self._store.device_trusted(device, account_id, now):
            device = None
        counted = client if device is None or hold_trusted else None
        if counted is not None and not FAILED_SIGN_INS.take(self._throttle, counted, now):
            raise AccountError("account.error.too_many")
        since = now - timedelta(minutes=LOCKOUT_MINUTES)
        attempt = self._store.open_attempt(email, since, now, MAX_FAILURES, device)
        if attempt is None:
            raise AccountError("account.error.locked")
        yield
        if counted is not None:
            FAILED_SIGN_INS.give_back(self._throttle, counted, now)
        self._store.attempt_succeeded(attempt)
