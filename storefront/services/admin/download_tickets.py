"""Audited admin downloads handed over by a ticket, not fetched by a link.

A link (a GET) can be followed from another site or prefetched, and must change nothing:
an audited download cannot be one. So the admin's action (a websocket event, from the shop's
own page) checks the permission, writes the audit entry and keeps a ticket in the same
transaction; the page posts the ticket at once to the download's route (a POST, refused from
another site), which takes it once, within TICKET_SECONDS, for the same staff member signed
in, and answers the file. Only the ticket's hash is kept."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

from storefront.services.accounts.credentials import token_hash
from storefront.services.admin.access import Staff
from storefront.services.admin.audit import AuditRecord

TICKET_SECONDS = 60
MAX_TICKET = 100


@dataclass(frozen=True, slots=True)
class Ticket:
    """What a ticket taken was issued for: its subject, and the download's parameters."""

    subject: str
    payload: Mapping[str, str] = field(default_factory=dict)


class TicketStore(Protocol):
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
        """Keep the ticket and write `audit`, in one transaction (expired tickets go)."""
        ...

    def take(self, ticket_hash: str, staff_id: int, now: datetime) -> Ticket | None:
        """The ticket's subject and payload, once: the ticket is deleted as it is taken.
        None when it is unknown, taken already, expired or another staff member's."""
        ...


def issue_ticket(
    store: TicketStore,
    actor: Staff,
    audit: AuditRecord,
    now: datetime,
    *,
    subject: str = "",
    payload: Mapping[str, str] | None = None,
) -> str:
    """A new ticket for `actor` to download `subject` (by default `audit.subject`) with the
    parameters `payload`, the audit entry written with it."""
    ticket = secrets.token_urlsafe(32)
    expires = now + timedelta(seconds=TICKET_SECONDS)
    store.issue(
        token_hash(ticket),
        actor.account_id,
        subject or audit.subject,
        expires,
        now=now,
        audit=audit,
        payload=dict(payload or {}),
    )
    return ticket


def take_ticket(store: TicketStore, actor: Staff, ticket: str, now: datetime) -> Ticket | None:
    """What a ticket of `actor`'s was issued for, once; None otherwise."""
    ticket = ticket.strip()
    if not ticket or len(ticket) > MAX_TICKET:
        return None
    return store.take(token_hash(ticket), actor.account_id, now)
