"""An in-memory GuestOrderStore on the accounts' in-memory store, for unit tests of
services/accounts/guest_orders.py; its real twin, adapters/sql_guest_orders.py, is tested in
tests/integration/test_guest_orders.py against SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from storefront.services.accounts.ports import AccountGone, GuestOrderLinkRecord
from storefront.services.admin.audit import AuditRecord
from tests.unit.services.test_accounts import MemoryAccounts


@dataclass
class StoredOrder:
    reference: str
    email: str
    account_id: int | None = None
    paid_at: datetime | None = None


@dataclass
class StoredLink:
    account_id: int
    email: str
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None = None


@dataclass
class MemoryGuestOrders:
    accounts: MemoryAccounts
    orders: list[StoredOrder] = field(default_factory=list)
    links: dict[str, StoredLink] = field(default_factory=dict)
    audit: list[AuditRecord] = field(default_factory=list)

    def add_link(
        self,
        token_hash: str,
        account_id: int,
        email: str,
        now: datetime,
        expires_at: datetime,
        *,
        limit: int,
    ) -> bool:
        if self.accounts.by_id(account_id) is None:
            raise AccountGone(account_id)
        since = now - (expires_at - now)
        unused = [
            link
            for link in self.links.values()
            if link.account_id == account_id and link.created_at > since and link.used_at is None
        ]
        if len(unused) >= limit:
            return False
        self.links[token_hash] = StoredLink(account_id, email, now, expires_at)
        return True

    def link(self, token_hash: str) -> GuestOrderLinkRecord | None:
        link = self.links.get(token_hash)
        account = self.accounts.by_id(link.account_id) if link else None
        if link is None or account is None:
            return None
        return GuestOrderLinkRecord(
            link.account_id, link.email, account.email, link.expires_at, link.used_at
        )

    def join(
        self,
        token_hash: str,
        account_id: int,
        now: datetime,
        audit: Callable[[str, Sequence[str]], list[AuditRecord]],
    ) -> list[str] | None:
        found = self.link(token_hash)
        if found is None or found.used_at is not None or found.expires_at <= now:
            return None
        if found.account_id != account_id or found.email != found.account_email:
            return None
        self.links[token_hash].used_at = now
        self.accounts.confirm_email(account_id, now)
        joined = []
        for order in self.orders:
            guest = order.account_id is None and order.paid_at is not None
            if guest and order.email.lower() == found.email:
                order.account_id = account_id
                joined.append(order.reference)
        self.audit += audit(found.email, joined)
        return joined
