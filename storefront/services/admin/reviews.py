"""Shoppers' product reviews in the admin: the queue (pending first), and publishing or hiding
one, each with its audit entry in the same transaction; the product page's cached reviews are
then dropped in every process."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Final, Protocol

from storefront.services.admin.access import Permission, Staff, require
from storefront.services.admin.audit import AuditRecord
from storefront.services.errors import Refusal
from storefront.services.reviews import Reviews

QUEUE_SIZE: Final = 50
# What the merchandiser may make of a review (models.reviews.ReviewStatus).
MOVES: Final = {"publish": "published", "hide": "hidden"}


@dataclass(frozen=True, slots=True)
class QueuedReview:
    review_id: int
    product_id: int
    product_title: str
    reviewer_email: str  # staff see who wrote it; shoppers never do
    rating: int
    title: str
    body: str
    status: str
    updated_at: datetime


class ReviewAdminStore(Protocol):
    def queue(self, limit: int) -> list[QueuedReview]:
        """Reviews, pending first (oldest first), then the others (latest change first)."""
        ...

    def review(self, review_id: int) -> QueuedReview | None: ...

    def set_status(
        self,
        review_id: int,
        status: str,
        expected: tuple[str, datetime],
        now: datetime,
        audit: AuditRecord,
    ) -> bool:
        """Move the review from `expected` (its status and last edit) to `status` (published:
        stamped `now`) and write the audit entry in one transaction; False, nothing written,
        if it changed (moved, or edited by its writer)."""
        ...


class ReviewModeration:
    def __init__(self, store: ReviewAdminStore, reviews: Reviews) -> None:
        self._store = store
        self._reviews = reviews  # the product pages' reads, told when one is shown or hidden

    def queue(self, actor: Staff) -> list[QueuedReview]:
        """The reviews to moderate, pending first."""
        require(actor, Permission.VIEW)
        return self._store.queue(QUEUE_SIZE)

    def moderate(
        self,
        actor: Staff,
        review_id: int,
        move: str,
        now: datetime,
        *,
        seen: datetime | None = None,
    ) -> QueuedReview:
        """Publish or hide a review (`move`: "publish" | "hide"); a review already there is
        left as is. `seen`: the last edit of the review as the moderator read it. Refusal
        when it is gone, or changed since (an edit the moderator never read is never
        published)."""
        require(actor, Permission.REVIEWS)
        status = MOVES.get(move)
        if status is None:
            raise Refusal("admin.review.error.unknown")
        before = self._store.review(review_id)
        if before is None:
            raise Refusal("admin.review.error.gone")
        if seen is not None and before.updated_at != seen:
            raise Refusal("admin.review.error.changed")
        if before.status == status:
            return before
        entry = AuditRecord.of(
            actor,
            f"review.{move}",
            f"review:{review_id}",
            {"status": before.status},
            {"status": status, "product_id": before.product_id},
        )
        expected = (before.status, before.updated_at)
        if not self._store.set_status(review_id, status, expected, now, entry):
            raise Refusal("admin.review.error.changed")
        self._reviews.forget(before.product_id)
        after = self._store.review(review_id)
        if after is None:
            raise Refusal("admin.review.error.gone")
        return after
