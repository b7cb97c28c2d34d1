"""Back-in-stock alerts: a shopper waiting for a sold-out variant, told once by mail when it
is back (services/restock.py)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from models.types import UtcDateTime, utc_now


class RestockAlert(SQLModel, table=True):
    __tablename__ = "restock_alert"
    __table_args__ = (
        # One alert per shopper and variant: asking again is a no-op.
        UniqueConstraint("variant_id", "email", name="uq_restock_alert_variant_email"),
        # The bus handler's read: a product's alerts still waiting.
        Index("ix_restock_alert_product_waiting", "product_id", "notified_at"),
        # The link a guest is mailed to confirm the address is theirs finds its alert.
        Index("ix_restock_alert_confirm_hash", "confirm_hash", unique=True),
    )

    id: int | None = Field(default=None, primary_key=True)
    # No foreign keys to the catalog: a variant may be deleted, its alerts then go with the
    # next change of its product (the handler drops alerts it cannot fulfil).
    product_id: int
    variant_id: int
    email: str = Field(max_length=254)
    # Set when a signed-in shopper asked: closing the account deletes the alert.
    account_id: int | None = Field(
        default=None, foreign_key="account.id", ondelete="CASCADE", index=True
    )
    locale: str = Field(default="en", max_length=8)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UtcDateTime())
    # A guest's alert waits only once the link mailed to its address was opened and
    # confirmed (someone typing a stranger's address has them mailed nothing more); a
    # signed-in shopper's is confirmed as it is asked. The link's token is kept as its
    # SHA-256 (migration 0046).
    confirmed_at: datetime | None = Field(default=None, sa_type=UtcDateTime())
    confirm_hash: str | None = Field(default=None, max_length=64)
    # Who is mailing it (a claim older than CLAIM_MINUTES is taken over), and when it was done
    # with: mailed, or refused by the mail server for good (never tried again either way).
    claimed_at: datetime | None = Field(default=None, sa_type=UtcDateTime())
    notified_at: datetime | None = Field(default=None, sa_type=UtcDateTime())
    # Set (with notified_at) when the mail server refused the address for good: the shopper
    # is told so on their account page, not that it was mailed (migration 0037).
    refused_at: datetime | None = Field(default=None, sa_type=UtcDateTime())
