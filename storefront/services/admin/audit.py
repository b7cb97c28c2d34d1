"""The audit log: who did what to which subject, with the subject before and after."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from storefront.services.admin.access import Staff


# Actors that are no staff member (their entries have no actor id): the command line, and
# the reconciliation pass that settles on its own what a provider timeout left pending.
CLI_ACTOR = "cli"
RECONCILIATION_ACTOR = "reconciliation"


def to_json(values: Any) -> str:
    """A stable JSON text of a snapshot (sorted keys; dates and enums as text)."""
    if values is None or values == "":
        return ""
    return json.dumps(values, sort_keys=True, default=str, ensure_ascii=False)


@dataclass(frozen=True, slots=True)
class AuditRecord:
    actor_id: int | None
    actor_email: str
    action: str
    subject: str
    before: str
    after: str

    @classmethod
    def of(cls, actor: Staff, action: str, subject: str, before: Any, after: Any) -> AuditRecord:
        return cls(actor.account_id, actor.email, action, subject, to_json(before), to_json(after))


@dataclass(frozen=True, slots=True)
class AuditView:
    id: int
    actor_email: str
    action: str
    subject: str
    before: str
    after: str
    at: datetime


class AuditLog(Protocol):
    def record(self, entries: list[AuditRecord]) -> None: ...

    def page(self, subject_prefix: str, offset: int, limit: int) -> tuple[list[AuditView], int]:
        """Newest first, with the total count; an empty prefix means every subject."""
        ...


def audit_page(
    log: AuditLog, actor: Staff, subject_prefix: str, offset: int, limit: int
) -> tuple[list[AuditView], int]:
    """One page of the audit log, newest first, for staff."""
    from storefront.services.admin.access import Permission, require  # access imports us

    require(actor, Permission.VIEW)
    return log.page(subject_prefix, max(offset, 0), min(max(limit, 1), 200))
