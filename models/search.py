"""Tables behind search and recommendations.

Embeddings are derived data (rebuilt by `reindex`); search logs and shopper activity are
facts kept for analytics and personalisation.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, LargeBinary
from sqlmodel import Field, SQLModel

from models.types import UtcDateTime, utc_now


class ProductEmbedding(SQLModel, table=True):
    """A product's text embedding, with the hash of the text and the model that made it:
    a product is re-embedded only when one of the two changes."""

    __tablename__ = "product_embedding"

    product_id: int = Field(foreign_key="product.id", primary_key=True, ondelete="CASCADE")
    model: str = Field(max_length=120)
    text_hash: str = Field(max_length=64)
    # float32, little-endian, L2-normalised.
    vector: bytes = Field(sa_type=LargeBinary)
    updated_at: datetime = Field(default_factory=utc_now, sa_type=UtcDateTime())


class SearchLog(SQLModel, table=True):
    """One search as a shopper ran it, and the product they opened from its results."""

    __tablename__ = "search_log"
    __table_args__ = (Index("ix_search_log_created", "created_at"),)

    id: int | None = Field(default=None, primary_key=True)
    visitor_id: str = Field(max_length=64, index=True)
    query: str = Field(max_length=200)
    result_count: int
    # "instant" (header, as you type) or "page" (the full results page).
    source: str = Field(default="page", max_length=16)
    clicked_product_id: int | None = Field(default=None, foreign_key="product.id")
    created_at: datetime = Field(default_factory=utc_now, sa_type=UtcDateTime())


class ShopperActivity(SQLModel, table=True):
    """What a visitor viewed, searched or put in the cart: the source of their profile.

    Keyed by an anonymous visitor id (a cookie, replaced at sign-out). `account_id` is
    reserved and not written yet: a profile belongs to a browser, not to an account.
    """

    __tablename__ = "shopper_activity"
    __table_args__ = (
        Index("ix_activity_visitor_created", "visitor_id", "created_at"),
        # The admin's funnel counts activity by date range.
        Index("ix_activity_created", "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    visitor_id: str = Field(max_length=64)
    account_id: int | None = Field(default=None, index=True)
    kind: str = Field(max_length=16)  # view | search | cart
    product_id: int | None = Field(default=None, foreign_key="product.id")
    query: str | None = Field(default=None, max_length=200)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UtcDateTime())
