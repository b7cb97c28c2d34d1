"""Shopper-written product reviews (services/reviews.py): one per account and product, written
by a shopper who bought it, shown once the merchandiser publishes it."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Index, String, UniqueConstraint
from sqlmodel import Field, SQLModel

from models.types import UtcDateTime, utc_now


class ReviewStatus(StrEnum):
    PENDING = "pending"  # written or edited, waiting for the merchandiser
    PUBLISHED = "published"  # shown on the product page, counted in its rating
    HIDDEN = "hidden"  # refused by the merchandiser: shown to no one but its writer


class ProductReview(SQLModel, table=True):
    __tablename__ = "product_review"
    __table_args__ = (
        # One review per shopper and product: writing again edits it.
        UniqueConstraint("product_id", "account_id", name="uq_product_review_account"),
        CheckConstraint("rating between 1 and 5", name="ck_product_review_rating"),
        # The product page's read: a product's published reviews, newest first.
        Index("ix_product_review_shown", "product_id", "status", "published_at"),
        # The admin's queue: pending first, oldest first.
        Index("ix_product_review_queue", "status", "updated_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    product_id: int = Field(foreign_key="product.id", ondelete="CASCADE")
    # Closing the account deletes its reviews (and so takes them out of the ratings).
    account_id: int = Field(foreign_key="account.id", ondelete="CASCADE", index=True)
    rating: int
    title: str = Field(default="", max_length=120)
    body: str = Field(max_length=4000)
    status: ReviewStatus = Field(default=ReviewStatus.PENDING, sa_type=String(16))
    locale: str = Field(default="en", max_length=8)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UtcDateTime())
    updated_at: datetime = Field(default_factory=utc_now, sa_type=UtcDateTime())
    published_at: datetime | None = Field(default=None, sa_type=UtcDateTime())
