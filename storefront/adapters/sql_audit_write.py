"""Writing audit entries inside the caller's transaction (apart from sql_audit.py, so that the
accounts' adapter, which sql_audit builds on, can write one as it closes an account)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, insert
from sqlmodel import SQLModel

from models.admin import AuditEntry
from models.types import utc_now
from storefront.services.admin.audit import AuditRecord

AUDIT = SQLModel.metadata.tables[str(AuditEntry.__tablename__)]


def write_audit(connection: Connection, entries: Sequence[AuditRecord]) -> None:
    """Insert audit entries inside the caller's transaction."""
    if entries:
        now = utc_now()
        connection.execute(
            insert(AUDIT),
            [
                {
                    "actor_id": e.actor_id,
                    "actor_email": e.actor_email,
                    "action": e.action,
                    "subject": e.subject,
                    "before": e.before,
                    "after": e.after,
                    "at": now,
                }
                for e in entries
            ],
        )
