"""The transactional outbox and the record of handled messages.

An event is a row of `outbox_message`, written in the same transaction as the change it
reports; a relay copies unrelayed rows to the bus. `processed_message` remembers which
consumer group handled which message, so a redelivery is acknowledged without a second effect.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Index, Integer, Text
from sqlmodel import Field, SQLModel

from models.types import UtcDateTime, utc_now


class OutboxMessage(SQLModel, table=True):
    __tablename__ = "outbox_message"
    # AUTOINCREMENT on SQLite: an id is never reused, even after old rows are pruned, since
    # consumers remember handled messages by it.
    __table_args__ = (
        Index("ix_outbox_message_unrelayed", "relayed_at", "id"),
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(
        default=None, primary_key=True, sa_type=BigInteger().with_variant(Integer(), "sqlite")
    )
    event_type: str = Field(max_length=64)
    payload: str = Field(sa_type=Text)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UtcDateTime())
    relayed_at: datetime | None = Field(default=None, sa_type=UtcDateTime())


class ProcessedMessage(SQLModel, table=True):
    __tablename__ = "processed_message"

    consumer: str = Field(max_length=64, primary_key=True)
    message_id: str = Field(max_length=64, primary_key=True)
    processed_at: datetime = Field(default_factory=utc_now, sa_type=UtcDateTime(), index=True)
