"""The shopper's withdrawal statements (the EU "withdrawal button", Directive 2011/83/EU
Art. 11a): what they withdrew from, when it was received, and the acknowledgement mailed to
them once (services/orders/withdrawal.py)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from models.types import UtcDateTime, utc_now


class WithdrawalStatement(SQLModel, table=True):
    __tablename__ = "withdrawal_statement"
    __table_args__ = (
        # One statement per confirmation: a double click, a second tab's replay or a retried
        # event carries the same key and records nothing more.
        UniqueConstraint("order_id", "request_key", name="uq_withdrawal_statement_request"),
        # The acknowledgement mails' catch-up: statements received lately and not told.
        Index("ix_withdrawal_statement_received", "received_at", "ack_sent_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    order_id: int = Field(foreign_key="sales_order.id", index=True)
    request_key: str = Field(max_length=64)
    name: str = Field(max_length=120)
    email: str = Field(max_length=254)
    # JSON: [{"line": position in the order, "sku", "title", "options", "quantity"}], the
    # goods withdrawn from as they were named when bought.
    items: str = Field(sa_type=Text())
    received_at: datetime = Field(default_factory=utc_now, sa_type=UtcDateTime())
    locale: str = Field(default="en", max_length=8)  # of the acknowledgement
    # What it owes the shopper for its goods, in the order's minor units, as the order's
    # lines and earlier statements made it when it was received
    # (services/orders/withdrawal_refunds.py); the admin's "to refund" filter sums it.
    value_minor: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    # Who mails the acknowledgement claims it first (a claim older than CLAIM_MINUTES is
    # taken over: its sender died), then marks it sent.
    ack_claimed_at: datetime | None = Field(default=None, sa_type=UtcDateTime())
    ack_sent_at: datetime | None = Field(default=None, sa_type=UtcDateTime())
