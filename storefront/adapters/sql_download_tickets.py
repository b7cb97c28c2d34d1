"""The admin's download tickets in SQL (services/admin/download_tickets.py): a ticket and
its audit entry commit together; DELETE ... RETURNING takes a ticket once. The payload is
kept as a JSON object of strings."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import Engine, delete, insert
from sqlmodel import SQLModel

from models.admin import DownloadTicket
from storefront.adapters.sql_audit_write import write_audit
from storefront.services.admin.audit import AuditRecord
from storefront.services.admin.download_tickets import Ticket

TICKET = SQLModel.metadata.tables[str(DownloadTicket.__tablename__)]
_T = TICKET.c


class SqlTicketStore:
    """Implements services.admin.download_tickets.TicketStore."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

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
        with self._engine.begin() as connection:
            connection.execute(delete(TICKET).where(_T.expires_at <= now))
            connection.execute(
                insert(TICKET).values(
                    ticket_hash=ticket_hash,
                    staff_id=staff_id,
                    subject=subject,
                    payload=json.dumps(dict(payload), sort_keys=True, ensure_ascii=False),
                    expires_at=expires_at,
                )
            )
            write_audit(connection, [audit])

    def take(self, ticket_hash: str, staff_id: int, now: datetime) -> Ticket | None:
        with self._engine.begin() as connection:
            # Of two requests posting the same ticket at once, only one deletes its row.
            # Another staff member's ticket is left alone (and expires).
            taken = connection.execute(
                delete(TICKET)
                .where(
                    _T.ticket_hash == ticket_hash,
                    _T.staff_id == staff_id,
                    _T.expires_at > now,
                )
                .returning(_T.subject, _T.payload)
            ).one_or_none()
        if taken is None:
            return None
        payload = json.loads(taken.payload or "{}")
        return Ticket(str(taken.subject), {str(k): str(v) for k, v in payload.items()})
