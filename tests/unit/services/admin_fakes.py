"""In-memory fakes of the admin's audit log and download tickets, shared by the desks' tests."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from storefront.services.admin.audit import AuditRecord, AuditView
from storefront.services.admin.download_tickets import Ticket


class FakeAudit:
    def __init__(self) -> None:
        self.entries: list[AuditRecord] = []

    def record(self, entries: list[AuditRecord]) -> None:
        self.entries.extend(entries)

    def page(self, subject_prefix: str, offset: int, limit: int) -> tuple[list[AuditView], int]:
        return [], 0


class FakeTickets:
    """Kept as the SQL store keeps them: by hash, taken once, by the staff member issued."""

    def __init__(self, audit: FakeAudit) -> None:
        self.audit = audit
        self.kept: dict[str, tuple[int, Ticket, datetime]] = {}

    def issue(
        self,
        ticket_hash: str,
        staff_id: int,
        subject: str,
        expires_at: datetime,
        *,
        now: datetime,
        audit: AuditRecord,
        payload: Mapping[str, str],
    ) -> None:
        self.kept[ticket_hash] = (staff_id, Ticket(subject, dict(payload)), expires_at)
        self.audit.record([audit])

    def take(self, ticket_hash: str, staff_id: int, now: datetime) -> Ticket | None:
        kept = self.kept.get(ticket_hash)
        if kept is None or kept[0] != staff_id or kept[2] <= now:
            return None
        del self.kept[ticket_hash]
        return kept[1]
