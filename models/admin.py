"""What the merchandiser admin records: who did what (the audit log) and why stock moved."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Index, Text
from sqlmodel import Field, SQLModel

from models.types import UtcDateTime, utc_now


class Role(StrEnum):
    SHOPPER = "shopper"
    STAFF = "staff"
    ADMIN = "admin"


class AuditEntry(SQLModel, table=True):
    """One admin action: who, what, on which subject, and the subject before and after (JSON)."""

    __tablename__ = "admin_audit"
    __table_args__ = (Index("ix_admin_audit_subject", "subject"),)

    id: int | None = Field(default=None, primary_key=True)
    actor_id: int | None = Field(default=None, foreign_key="account.id", ondelete="SET NULL")
    # Kept beside the id so the log still says who after an account is deleted.
    actor_email: str = Field(max_length=254)
    action: str = Field(max_length=64)
    subject: str = Field(max_length=120)  # e.g. "product:12", "order:B7K2", "discount:SUMMER"
    before: str = Field(default="", sa_type=Text)
    after: str = Field(default="", sa_type=Text)
    at: datetime = Field(default_factory=utc_now, sa_type=UtcDateTime(), index=True)


class DownloadTicket(SQLModel, table=True):
    """A staff member's audited download on its way to the browser: the admin's action
    (a websocket event) checks the permission, writes the audit entry and keeps this ticket;
    the page then posts it to the download's route, which takes it once, within a minute,
    for the same staff member. Only the ticket's hash is kept."""

    __tablename__ = "admin_download_ticket"

    ticket_hash: str = Field(primary_key=True, max_length=64)
    staff_id: int = Field(foreign_key="account.id", ondelete="CASCADE")
    subject: str = Field(max_length=120)  # what it downloads, e.g. "account:12", "export:orders"
    # The download's parameters as JSON (an object of strings): the CSV's format, the
    # orders list's filter. The route reads them here, not from the request.
    payload: str = Field(default="{}", sa_type=Text)
    expires_at: datetime = Field(sa_type=UtcDateTime(), index=True)


class StockAdjustment(SQLModel, table=True):
    """A manual change of a variant's stock and its reason (received, damaged, count...).

    Kept when the variant is removed (from the product form, or left out of an import): the
    row holds the variant's SKU and product itself, and the history is read by those."""

    __tablename__ = "stock_adjustment"

    id: int | None = Field(default=None, primary_key=True)
    variant_id: int | None = Field(
        default=None, foreign_key="variant.id", index=True, ondelete="SET NULL"
    )
    sku: str = Field(max_length=120, index=True)  # as the variant's
    # No ON DELETE: products are archived, never deleted; deleting one by hand is refused
    # while it has stock history instead of erasing or orphaning that history.
    product_id: int = Field(foreign_key="product.id", index=True)
    delta: int
    stock_after: int
    reason: str = Field(max_length=32)
    note: str = Field(default="", max_length=200)
    actor_id: int | None = Field(default=None, foreign_key="account.id", ondelete="SET NULL")
    at: datetime = Field(default_factory=utc_now, sa_type=UtcDateTime())


class RecommendationEvent(SQLModel, table=True):
    """A recommendation widget shown to a visitor, or a product clicked in it."""

    __tablename__ = "recommendation_event"
    __table_args__ = (Index("ix_rec_event_widget_at", "widget", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    visitor_id: str = Field(max_length=64, index=True)
    widget: str = Field(max_length=24)  # similar | bought_together | for_you
    kind: str = Field(max_length=12)  # impression | click
    product_id: int | None = Field(default=None, foreign_key="product.id", ondelete="CASCADE")
    at: datetime = Field(default_factory=utc_now, sa_type=UtcDateTime())


class CatalogImport(SQLModel, table=True):
    """A catalog file uploaded in the admin, checked and previewed, waiting to be applied.

    Kept in the database (not on one web worker's disk) so that the worker that applies it
    need not be the one that received it."""

    __tablename__ = "catalog_import"

    id: int | None = Field(default=None, primary_key=True)
    token: str = Field(max_length=64, unique=True)
    actor_id: int | None = Field(default=None, foreign_key="account.id", ondelete="SET NULL")
    filename: str = Field(max_length=200)
    file_format: str = Field(max_length=16)  # generic | shopify, as detected
    content: str = Field(sa_type=Text)
    # What the preview saw of the file's products: JSON, external id -> fingerprint ("": not
    # in the shop). Applying refuses the file when one of them changed since.
    seen: str = Field(default="{}", sa_type=Text, sa_column_kwargs={"server_default": "{}"})
    created_at: datetime = Field(default_factory=utc_now, sa_type=UtcDateTime(), index=True)
    applied_at: datetime | None = Field(default=None, sa_type=UtcDateTime())
