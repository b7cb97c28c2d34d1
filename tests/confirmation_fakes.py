"""An in-memory EmailConfirmationStore on the accounts' in-memory store, for unit tests of
services/accounts/email_confirmation.py; its real twin, adapters/sql_email_confirmations.py,
is tested in tests/integration/test_email_confirmation.py against SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from models.events import AccountCreated, Event
from models.types import utc_now
from storefront.services.accounts.email_confirmation import EmailConfirmations
from storefront.services.accounts.ports import ConfirmationLink
from tests.restock_fakes import FakeRestockStore
from tests.unit.services.test_accounts import MemoryAccounts


def bus_welcomes(
    confirmations: EmailConfirmations, now: datetime | None = None
) -> Callable[[Iterable[Event]], None]:
    """An `Accounts.publish` that delivers each AccountCreated to its welcome at once, as
    the account-mail group would (`now` for its link, else the clock's)."""

    def publish(events: Iterable[Event]) -> None:
        for event in events:
            if isinstance(event, AccountCreated):
                confirmations.welcome(event.account_id, now or utc_now(), event.lang)

    return publish


@dataclass
class StoredLink:
    account_id: int
    email: str
    expires_at: datetime
    used_at: datetime | None = None


@dataclass
class MemoryConfirmations:
    """Confirming also confirms the account's alerts waiting for their link to the address,
    in `alerts` when given (as the SQL store does in the same transaction)."""

    accounts: MemoryAccounts
    alerts: FakeRestockStore | None = None
    links: dict[str, StoredLink] = field(default_factory=dict)

    def add_confirmation(
        self, token_hash: str, account_id: int, email: str, now: datetime, expires_at: datetime
    ) -> None:
        self.links[token_hash] = StoredLink(account_id, email, expires_at)

    def claim_welcome(
        self, token_hash: str, account_id: int, now: datetime, expires_at: datetime
    ) -> str | None:
        account = self.accounts.by_id(account_id)
        if account is None or account.email_confirmed_at is not None:
            return None
        if any(link.account_id == account_id for link in self.links.values()):
            return None
        self.links[token_hash] = StoredLink(account_id, account.email, expires_at)
        return account.email

    def drop_confirmation(self, token_hash: str) -> None:
        self.links.pop(token_hash, None)

    def confirmation(self, token_hash: str) -> ConfirmationLink | None:
        link = self.links.get(token_hash)
        account = self.accounts.by_id(link.account_id) if link else None
        if link is None or account is None:
            return None
        return ConfirmationLink(
            link.account_id,
            link.email,
            account.email,
            account.email_confirmed_at is not None,
            link.expires_at,
            link.used_at,
        )

    def use_confirmation(self, token_hash: str, now: datetime) -> bool:
        found = self.confirmation(token_hash)
        if found is None or found.used_at is not None or found.expires_at <= now:
            return False
        if found.email != found.account_email:
            return False
        self.links[token_hash].used_at = now
        self.accounts.confirm_email(found.account_id, now)
        for alert in self.alerts.alerts.values() if self.alerts else []:
            mine = alert.account_id == found.account_id and alert.email == found.email
            if mine and alert.confirmed_at is None and alert.notified_at is None:
                alert.confirmed_at = now
        return True
