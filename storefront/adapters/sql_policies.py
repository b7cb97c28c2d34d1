"""The merchant's policy texts in SQL: read all at once (ten small rows), saved and deleted
(reset to the default) by compare and set with the audit entry in the same transaction."""

from __future__ import annotations

from sqlalchemy import Engine, delete, select, update
from sqlmodel import SQLModel

from models.policies import StorePolicy
from models.types import utc_now
from storefront.adapters.sql_audit_write import write_audit
from storefront.adapters.sql_tables import upsert_into
from storefront.services.admin.audit import AuditRecord
from storefront.services.policies import StoredPolicy

POLICY = SQLModel.metadata.tables[str(StorePolicy.__tablename__)]
_P = POLICY.c


class SqlPolicyStore:
    """Implements services.admin.policies.PolicyAdminStore (and so PolicyReader)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def stored(self) -> dict[tuple[str, str], StoredPolicy]:
        with self._engine.connect() as connection:
            rows = connection.execute(select(_P.kind, _P.locale, _P.body, _P.updated_at)).all()
        return {(r.kind, r.locale): StoredPolicy(r.body, r.updated_at) for r in rows}

    def save(
        self, kind: str, locale: str, body: str, audit: AuditRecord, expected: str | None
    ) -> bool:
        now = utc_now()
        with self._engine.begin() as connection:
            if expected is None:  # the first text of this kind and language: unless one came
                statement = (
                    upsert_into(connection.engine, POLICY)
                    .values(kind=kind, locale=locale, body=body, updated_at=now)
                    .on_conflict_do_nothing(index_elements=[_P.kind, _P.locale])
                    .returning(_P.kind)
                )
                done = connection.execute(statement).first() is not None
            else:
                done = bool(
                    connection.execute(
                        update(POLICY)
                        .where(_P.kind == kind, _P.locale == locale, _P.body == expected)
                        .values(body=body, updated_at=now)
                    ).rowcount
                )
            if done:
                write_audit(connection, [audit])
        return done

    def delete(self, kind: str, locale: str, audit: AuditRecord, expected: str) -> bool:
        with self._engine.begin() as connection:
            done = bool(
                connection.execute(
                    delete(POLICY).where(_P.kind == kind, _P.locale == locale, _P.body == expected)
                ).rowcount
            )
            if done:
                write_audit(connection, [audit])
        return done
