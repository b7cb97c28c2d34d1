"""The outbox and the processed-message log in SQL.

`write_events` is called by every adapter that commits a change with events, inside that
change's transaction: the event exists if and only if the change does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, insert, select, update
from sqlmodel import SQLModel

from models.events import Event
from models.messaging import OutboxMessage, ProcessedMessage
from models.types import utc_now
from storefront.adapters.sql_tables import upsert_into
from storefront.services.bus.codec import encode
from storefront.services.bus.ports import OutboxEntry

OUTBOX = SQLModel.metadata.tables[str(OutboxMessage.__tablename__)]
PROCESSED = SQLModel.metadata.tables[str(ProcessedMessage.__tablename__)]
_X, _P = OUTBOX.c, PROCESSED.c


def write_events(connection: Connection, events: Iterable[Event]) -> None:
    """Add the events to the outbox in the caller's transaction."""
    now = utc_now()
    rows = [
        {"event_type": event_type, "payload": payload, "created_at": now}
        for event_type, payload in map(encode, events)
    ]
    if rows:
        connection.execute(insert(OUTBOX), rows)


class SqlOutbox:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def relay_batch(self, limit: int, send: Callable[[Sequence[OutboxEntry]], None]) -> int:
        if self._engine.dialect.name == "postgresql":
            return self._relay_locked(limit, send)
        return self._relay_then_mark(limit, send)

    def _relay_locked(self, limit: int, send: Callable[[Sequence[OutboxEntry]], None]) -> int:
        # Marking first takes the rows: SKIP LOCKED lets relays in other processes take the
        # next rows meanwhile (so batches may interleave: order is kept within a batch). If
        # `send` fails, the rollback hands the rows back.
        oldest = (
            select(_X.id)
            .where(_X.relayed_at.is_(None))
            .order_by(_X.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        with self._engine.begin() as connection:
            rows = connection.execute(
                update(OUTBOX)
                .where(_X.id.in_(oldest.scalar_subquery()))
                .values(relayed_at=utc_now())
                .returning(_X.id, _X.event_type, _X.payload, _X.created_at)
            ).all()
            if rows:
                send(_entries(rows))
            return len(rows)

    def _relay_then_mark(self, limit: int, send: Callable[[Sequence[OutboxEntry]], None]) -> int:
        # SQLite has one writer: its lock is never held across the call to the stream (a
        # slow Redis would stall checkouts). Two relays may send the same rows: consumers
        # dedupe on the outbox id.
        with self._engine.connect() as connection:
            rows = connection.execute(
                select(_X.id, _X.event_type, _X.payload, _X.created_at)
                .where(_X.relayed_at.is_(None))
                .order_by(_X.id)
                .limit(limit)
            ).all()
        if not rows:
            return 0
        send(_entries(rows))
        with self._engine.begin() as connection:
            connection.execute(
                update(OUTBOX)
                .where(_X.id.in_([row[0] for row in rows]), _X.relayed_at.is_(None))
                .values(relayed_at=utc_now())
            )
        return len(rows)

    def relay_again(self, since: datetime) -> int:
        with self._engine.begin() as connection:
            return int(
                connection.execute(
                    update(OUTBOX).where(_X.relayed_at >= since).values(relayed_at=None)
                ).rowcount
            )

    def prune(self, relayed_before: datetime) -> int:
        with self._engine.begin() as connection:
            return int(
                connection.execute(delete(OUTBOX).where(_X.relayed_at < relayed_before)).rowcount
            )

    def backlog(self) -> int:
        with self._engine.connect() as connection:
            return int(
                connection.execute(
                    select(func.count()).select_from(OUTBOX).where(_X.relayed_at.is_(None))
                ).scalar_one()
            )


class SqlProcessedLog:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def seen(self, consumer: str, message_ids: Sequence[str]) -> set[str]:
        with self._engine.connect() as connection:
            return set(
                connection.execute(
                    select(_P.message_id).where(
                        _P.consumer == consumer, _P.message_id.in_(list(message_ids))
                    )
                ).scalars()
            )

    def prune(self, before: datetime, keep: Sequence[str] = ()) -> int:
        condition = _P.processed_at < before
        if keep:
            condition &= _P.consumer.not_in(keep)
        with self._engine.begin() as connection:
            return int(connection.execute(delete(PROCESSED).where(condition)).rowcount)

    def record(self, consumer: str, message_ids: Sequence[str]) -> None:
        with self._engine.begin() as connection:
            record_processed(connection, consumer, message_ids)


def record_processed(
    connection: Connection, consumer: str, message_ids: Sequence[str]
) -> list[str]:
    """Insert the records not there yet, in the caller's transaction; returns their ids."""
    if not message_ids:
        return []
    now = utc_now()
    # One statement for all rows (executemany: compiled once, sent in batches), RETURNING
    # the rows actually inserted: rowcount is -1 here on psycopg.
    inserted = connection.execute(
        upsert_into(connection.engine, PROCESSED)
        .on_conflict_do_nothing(index_elements=[_P.consumer, _P.message_id])
        .returning(_P.message_id),
        [
            {"consumer": consumer, "message_id": m, "processed_at": now}
            for m in dict.fromkeys(message_ids)
        ],
    )
    return [str(message_id) for message_id in inserted.scalars()]


def _entries(rows: Sequence[Any]) -> list[OutboxEntry]:
    return [
        OutboxEntry(int(i), event_type, payload, at.timestamp())
        for i, event_type, payload, at in sorted(rows, key=lambda row: row[0])
    ]
