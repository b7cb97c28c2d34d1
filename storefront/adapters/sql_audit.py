"""The admin audit log and the team's roles in SQL (a role change, its audit entry and, for a
shopper's account joining the team, its password cleared and its sessions ended, commit
together)."""

from __future__ import annotations

import re

from sqlalchemy import Engine, case, func, select, true, update

from models.admin import Role
from storefront.adapters.sql_accounts import ACCOUNT, SqlAccountStore, replace_password
from storefront.adapters.sql_audit_write import AUDIT, write_audit
from storefront.adapters.sql_locks import hold_rows
from storefront.services.accounts.ports import AccountRecord
from storefront.services.admin.access import ClearedPassword, Member
from storefront.services.admin.audit import AuditRecord, AuditView

# One subject by its number (product:12, account:3): that one, not every id it begins.
_ONE_SUBJECT = re.compile(r"[a-z_]+:\d+")

_A, _L = ACCOUNT.c, AUDIT.c


class SqlAuditLog:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def record(self, entries: list[AuditRecord]) -> None:
        with self._engine.begin() as connection:
            write_audit(connection, entries)

    def page(self, subject_prefix: str, offset: int, limit: int) -> tuple[list[AuditView], int]:
        if _ONE_SUBJECT.fullmatch(subject_prefix):  # product:12 is not product:120's too
            where = _L.subject == subject_prefix
        elif subject_prefix:
            where = _L.subject.startswith(subject_prefix, autoescape=True)
        else:
            where = true()
        with self._engine.connect() as connection:
            total = connection.execute(
                select(func.count()).select_from(AUDIT).where(where)
            ).scalar_one()
            rows = connection.execute(
                select(_L.id, _L.actor_email, _L.action, _L.subject, _L.before, _L.after, _L.at)
                .where(where)
                .order_by(_L.id.desc())
                .offset(offset)
                .limit(limit)
            ).all()
        return [AuditView(*row) for row in rows], int(total)


class SqlTeamStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._accounts = SqlAccountStore(engine)

    def by_id(self, account_id: int) -> AccountRecord | None:
        return self._accounts.by_id(account_id)

    def by_email(self, email: str) -> AccountRecord | None:
        return self._accounts.by_email(email)

    def members(self) -> list[Member]:
        admins_first = case((_A.role == Role.ADMIN.value, 0), else_=1)
        with self._engine.connect() as connection:
            rows = connection.execute(
                select(_A.id, _A.email, _A.name, _A.role)
                .where(_A.role != Role.SHOPPER.value)
                .order_by(admins_first, _A.email)
            ).all()
        return [Member(row.id, row.email, row.name, Role(row.role)) for row in rows]

    def set_role(
        self,
        account_id: int,
        role: Role,
        audit: AuditRecord | None,
        cleared: ClearedPassword | None = None,
    ) -> bool:
        with self._engine.begin() as connection:
            # The admins are held so two admins demoting each other at once cannot leave
            # the shop with none.
            hold_rows(connection, ACCOUNT, _A.role == Role.ADMIN.value, _A.id)
            admins = set(
                connection.execute(select(_A.id).where(_A.role == Role.ADMIN.value)).scalars()
            )
            if role is not Role.ADMIN and admins == {account_id}:
                return False
            hold_rows(connection, ACCOUNT, _A.id == account_id, _A.id)
            current = connection.execute(select(_A.role).where(_A.id == account_id)).scalar()
            if current == role.value:
                return True  # nothing changed: nothing for the audit log to hold
            connection.execute(update(ACCOUNT).where(_A.id == account_id).values(role=role.value))
            if cleared is not None:  # signed out everywhere, with the role, or neither
                replace_password(connection, account_id, cleared.password_hash, "", cleared.at)
            write_audit(connection, [audit] if audit else [])
        return True
