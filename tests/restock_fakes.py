"""An in-memory RestockStore and catalog of variants, for unit tests of services/restock.py;
its real twin, storefront/adapters/sql_restock.py, is tested in
tests/integration/test_restock.py against SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from storefront.services.accounts.ports import RecipientRefused
from storefront.services.restock_links import LinkedAlert
from storefront.services.restock_ports import DueAlert, Waiting


@dataclass
class FakeVariant:
    product_id: int
    stock: int
    status: str = "active"
    title: str = "Navy"
    sku: str = "CHAIR-NAVY"


@dataclass
class FakeAlert:
    id: int
    product_id: int
    variant_id: int
    email: str
    account_id: int | None
    locale: str
    created_at: datetime
    claimed_at: datetime | None = None
    notified_at: datetime | None = None
    refused_at: datetime | None = None
    confirmed_at: datetime | None = None
    confirm_hash: str | None = None

    @property
    def waits(self) -> bool:
        return self.notified_at is None and self.confirmed_at is not None


@dataclass
class FakeRestockStore:
    """Both ports: the alerts' (RestockStore) and their links' (RestockLinkStore)."""

    variants: dict[int, FakeVariant] = field(default_factory=dict)
    alerts: dict[int, FakeAlert] = field(default_factory=dict)
    next_id: int = 1
    asked: list[list[int]] = field(default_factory=list)  # with_waiting's calls

    def sold_out_variant(self, variant_id: int) -> int | None:
        v = self.variants.get(variant_id)
        return v.product_id if v and v.stock <= 0 and v.status == "active" else None

    def add(
        self,
        product_id: int,
        variant_id: int,
        email: str,
        *,
        account_id: int | None,
        locale: str,
        now: datetime,
        confirm_hash: str | None = None,
        relink_before: datetime | None = None,
    ) -> bool:
        confirmed = now if confirm_hash is None else None
        for a in self.alerts.values():
            if a.variant_id != variant_id or a.email != email:
                continue
            mine = a.account_id is None or a.account_id == account_id
            if a.notified_at is not None and (confirm_hash is None or mine):
                self.alerts[a.id] = replace(
                    a, notified_at=None, refused_at=None, claimed_at=None, locale=locale,
                    created_at=now, confirmed_at=confirmed, confirm_hash=confirm_hash,
                    account_id=account_id if account_id is not None else a.account_id,
                )  # fmt: skip
                return True
            if a.confirmed_at is None and confirm_hash is None:
                a.confirmed_at, a.confirm_hash, a.account_id, a.locale = (
                    now,
                    None,
                    account_id,
                    locale,
                )
                return True
            if a.confirmed_at is None and relink_before and a.created_at < relink_before:
                a.confirm_hash, a.created_at, a.locale = confirm_hash, now, locale
                a.account_id = account_id if account_id is not None else a.account_id
                return True
            if a.account_id is None and account_id is not None and confirm_hash is None:
                self.alerts[a.id] = replace(a, account_id=account_id)
            return False
        self.alerts[self.next_id] = FakeAlert(
            self.next_id, product_id, variant_id, email, account_id, locale, now,
            confirmed_at=confirmed, confirm_hash=confirm_hash,
        )  # fmt: skip
        self.next_id += 1
        return True

    def is_waiting(self, variant_id: int, email: str) -> bool:
        return any(
            a.variant_id == variant_id and a.email == email and a.waits
            for a in self.alerts.values()
        )

    def _waiting(self, a: FakeAlert) -> Waiting:
        title = self.variants[a.variant_id].title if a.variant_id in self.variants else ""
        mailed = a.notified_at if a.refused_at is None else None
        sku = self.variants[a.variant_id].sku if a.variant_id in self.variants else ""
        return Waiting(a.id, f"Product {a.product_id}", f"product-{a.product_id}", title,
                       a.created_at, mailed, a.email, a.refused_at, sku,
                       a.confirmed_at is not None)  # fmt: skip

    def waiting_for(self, account_id: int, mailed_since: datetime) -> list[Waiting]:
        mine = [a for a in self.alerts.values() if a.account_id == account_id]
        shown = [
            a
            for a in mine
            if a.notified_at is None or a.refused_at is not None or a.notified_at >= mailed_since
        ]
        return [self._waiting(a) for a in reversed(shown)]

    def alerts_of(self, account_id: int) -> list[Waiting]:
        mine = [a for a in self.alerts.values() if a.account_id == account_id]
        return [self._waiting(a) for a in reversed(mine)]

    def remove(self, alert_id: int, account_id: int) -> bool:
        a = self.alerts.get(alert_id)
        if a is None or a.account_id != account_id:
            return False
        del self.alerts[alert_id]
        return True

    def drop_unfulfillable(self, product_id: int) -> int:
        gone = [
            a.id
            for a in self.alerts.values()
            if a.product_id == product_id
            and a.notified_at is None
            and (
                a.variant_id not in self.variants
                or self.variants[a.variant_id].status == "archived"
            )
        ]
        for alert_id in gone:
            del self.alerts[alert_id]
        return len(gone)

    def with_waiting(self, product_ids: Sequence[int]) -> list[int]:
        self.asked.append(list(product_ids))
        waiting = {a.product_id for a in self.alerts.values() if a.waits}
        return sorted(waiting & set(product_ids))

    def due(
        self, product_id: int, stale_before: datetime, limit: int, after: int = 0
    ) -> list[DueAlert]:
        found = []
        for a in sorted(self.alerts.values(), key=lambda a: a.id):
            if a.id <= after:
                continue
            v = self.variants.get(a.variant_id)
            free = a.claimed_at is None or a.claimed_at < stale_before
            if (
                a.product_id == product_id and a.waits and free
                and v is not None and v.stock > 0 and v.status == "active"
            ):  # fmt: skip
                found.append(DueAlert(a.id, a.email, a.locale, f"Product {product_id}",
                                      f"product-{product_id}", v.title, v.sku))  # fmt: skip
        return found[:limit]

    def products_due(self, stale_before: datetime, limit: int) -> list[int]:
        pids = sorted({a.product_id for a in self.alerts.values()})
        return [pid for pid in pids if self.due(pid, stale_before, 1)][:limit]

    def claim(self, alert_id: int, claimed_at: datetime, stale_before: datetime) -> bool:
        a = self.alerts.get(alert_id)
        if a is None or a.notified_at is not None:
            return False
        if a.claimed_at is not None and a.claimed_at >= stale_before:
            return False
        a.claimed_at = claimed_at
        return True

    def sent(self, alert_id: int, claimed_at: datetime) -> None:
        a = self.alerts.get(alert_id)
        if a is not None and a.claimed_at == claimed_at:
            a.notified_at, a.claimed_at = claimed_at, None

    def refused(self, alert_id: int, claimed_at: datetime) -> None:
        a = self.alerts.get(alert_id)
        if a is not None and a.claimed_at == claimed_at:
            a.notified_at = a.refused_at = claimed_at
            a.claimed_at = None

    def release(self, alert_id: int, claimed_at: datetime) -> None:
        a = self.alerts.get(alert_id)
        if a is not None and a.claimed_at == claimed_at:
            a.claimed_at = None

    # RestockLinkStore

    def _of_link(self, confirm_hash: str) -> FakeAlert | None:
        found = [a for a in self.alerts.values() if a.confirm_hash == confirm_hash]
        return found[0] if found and found[0].notified_at is None else None

    def linked(self, confirm_hash: str, asked_since: datetime) -> LinkedAlert | None:
        a = self._of_link(confirm_hash)
        if a is None or a.variant_id not in self.variants:
            return None
        if a.confirmed_at is None and a.created_at < asked_since:
            return None
        v = self.variants[a.variant_id]
        return LinkedAlert(a.email, f"Product {a.product_id}", f"product-{a.product_id}",
                           v.title, v.sku, confirmed=a.confirmed_at is not None,
                           in_stock=v.stock > 0 and v.status == "active")  # fmt: skip

    def confirm(self, confirm_hash: str, now: datetime, asked_since: datetime) -> bool:
        a = self._of_link(confirm_hash)
        if a is None or a.confirmed_at is not None or a.created_at < asked_since:
            return False
        a.confirmed_at = now
        return True

    def drop(self, confirm_hash: str) -> bool:
        a = self._of_link(confirm_hash)
        if a is None:
            return False
        del self.alerts[a.id]
        return True

    def drop_unconfirmed(self, asked_before: datetime) -> int:
        doomed = [
            a.id
            for a in self.alerts.values()
            if a.confirmed_at is None and a.created_at < asked_before
        ]
        for alert_id in doomed:
            del self.alerts[alert_id]
        return len(doomed)

    def drop_guests_done(self, done_before: datetime) -> int:
        doomed = [
            a.id
            for a in self.alerts.values()
            if a.account_id is None and a.notified_at is not None and a.notified_at < done_before
        ]
        for alert_id in doomed:
            del self.alerts[alert_id]
        return len(doomed)


@dataclass
class MailBox:
    sent: list[tuple[str, str, str]] = field(default_factory=list)
    broken: bool = False
    refused: set[str] = field(default_factory=set)  # recipients the server refuses for good
    failing: set[str] = field(default_factory=set)  # recipients whose mail fails for now
    tried: int = 0

    def send(self, recipient: str, subject: str, body: str) -> None:
        self.tried += 1
        if self.broken:
            raise OSError("mail server down")
        if recipient in self.refused:
            raise RecipientRefused(f"550 no such mailbox: {recipient}")
        if recipient in self.failing:
            raise OSError(f"452 mailbox full: {recipient}")
        self.sent.append((recipient, subject, body))


@dataclass
class Clock:
    """The time the service reads, moved by the test (each read may step it on)."""

    now: datetime
    step: timedelta = timedelta(0)

    def __call__(self) -> datetime:
        now = self.now
        self.now += self.step
        return now
