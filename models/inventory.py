"""Stock held for a checkout while the shopper pays.

Taking stock is one conditional update (`stock = stock - n WHERE stock >= n`), so however many
checkouts race for the last items, stock never goes below zero (and a CHECK constraint on the
column backs that up). A reservation expires unless the payment commits it; expiry gives the
stock back exactly once.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Index, String, UniqueConstraint
from sqlmodel import Field, SQLModel

from models.types import UtcDateTime, utc_now


class ReservationStatus(StrEnum):
    HELD = "held"
    COMMITTED = "committed"
    RELEASED = "released"


class StockReservation(SQLModel, table=True):
    __tablename__ = "stock_reservation"
    __table_args__ = (
        CheckConstraint("quantity > 0", name="ck_reservation_quantity"),
        UniqueConstraint("holder", "sku", name="uq_reservation_holder_sku"),
        Index("ix_reservation_status_expires", "status", "expires_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    # What the stock is held for, e.g. a checkout or order reference.
    holder: str = Field(max_length=64, index=True)
    sku: str = Field(max_length=120)
    quantity: int
    status: ReservationStatus = Field(default=ReservationStatus.HELD, sa_type=String(16))
    expires_at: datetime = Field(sa_type=UtcDateTime())
    created_at: datetime = Field(default_factory=utc_now, sa_type=UtcDateTime())
