"""The reviews page: shoppers' reviews, pending first, to publish or hide."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import reflex as rx

from models.types import utc_now
from state.admin.guard import AdminState, admin
from state.browser_input import whole
from storefront.services.admin.access import Permission, Staff
from storefront.services.admin.reviews import MOVES, QueuedReview


@dataclass
class QueuedItem:
    id: int = 0
    product: str = ""
    product_id: int = 0
    reviewer: str = ""
    rating: int = 0
    title: str = ""
    body: str = ""
    status: str = ""
    updated_at: str = ""


def queued_item(review: QueuedReview) -> QueuedItem:
    return QueuedItem(
        review.review_id,
        review.product_title,
        review.product_id,
        review.reviewer_email,
        review.rating,
        review.title,
        review.body,
        review.status,
        review.updated_at.isoformat(),
    )


class AdminReviewsState(AdminState):
    items: list[QueuedItem] = []  # noqa: RUF012
    loaded: bool = False  # a first answer came: until then "no reviews" would be a guess

    @rx.event
    async def load_page(self) -> None:
        staff = await self._staff(Permission.VIEW, opening=True)
        if staff is not None:
            await self._fetch(staff)

    async def _fetch(self, staff: Staff) -> None:
        rows = await self._read(admin().reviews.queue, staff)
        self.items = [queued_item(row) for row in rows or []]
        self.loaded = self.loaded or rows is not None

    @rx.event
    async def moderate(self, review_id: int, move: str) -> None:
        """Publish or hide a review (audited; the product page shows it or drops it)."""
        staff = await self._staff(Permission.REVIEWS)
        if staff is None or move not in MOVES:
            return
        review_id = whole(review_id, 0)
        # The review as this page shows it: an edit since then is refused, not published.
        shown = next((item for item in self.items if item.id == review_id), None)
        if shown is None:
            await self._fetch(staff)
            return
        seen = datetime.fromisoformat(shown.updated_at)
        done, _ = await self._attempt(
            admin().reviews.moderate, staff, review_id, move, utc_now(), seen=seen
        )
        await self._fetch(staff)
        if done is not None:
            await self._tell(f"admin.reviews.{MOVES[move]}")
