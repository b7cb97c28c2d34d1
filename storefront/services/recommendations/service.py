"""Recommendations for the pages: similar products, bought together, for you, recently viewed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np

from storefront.services.recommendations.activity import record_activity
from storefront.services.recommendations.co_purchase import RECENT_ORDERS, CoPurchase
from storefront.services.recommendations.profile import Profile, build_profile
from storefront.services.recommendations.reasons import (
    Reason,
    because_viewed,
    similarity_reason,
)
from storefront.services.search.hybrid import HybridSearch
from storefront.services.search.ports import SearchDocument, SearchStore

PROFILE_ACTIVITIES = 40
MAX_PER_CATEGORY = 2
NEAR_DUPLICATE_COSINE = 0.97
WARM_NEIGHBOUR_POOL = 50
POPULAR_POOL = 10  # best sellers read per place in the row: the category cap skips many
BESTSELLER_ORDERS = 3  # one sale or two make no best seller
MIN_SHARED_ORDERS = 2  # one order together is no "often"
COMPANION_SHARE = 0.5  # of the strongest companion category's orders


@dataclass(frozen=True, slots=True)
class Suggestion:
    product_id: int
    reason: Reason


@dataclass(frozen=True, slots=True)
class ForYou:
    suggestions: tuple[Suggestion, ...]
    personal: bool  # False: a new visitor, shown the shop's most popular products


def _then_popular(first: Iterable[int], popular: Iterable[int]) -> Iterator[tuple[int, bool]]:
    """Candidates, each with whether it came from `first`; the best-loved products follow, so
    that a row still fills up when the nearest products come from too few categories."""
    yield from ((pid, True) for pid in first)
    yield from ((pid, False) for pid in popular)


class Recommender:
    def __init__(
        self, search: HybridSearch, store: SearchStore, co_purchase: CoPurchase | None = None
    ) -> None:
        self._search = search
        self._store = store
        self.co_purchase = co_purchase or CoPurchase()

    def refit(self, now: datetime) -> CoPurchase:
        """Learn bought-together again from the orders placed in the last RECENT_ORDERS."""
        return self.co_purchase.fit(self._store.baskets(now - RECENT_ORDERS))

    def similar(self, product_id: int, k: int = 8) -> list[Suggestion]:
        """Nearest products by embedding, without the product itself or its near-copies;
        those of its own department first (a dress's nearest were men's shirts that shared
        a word of its name: the embedding weighs a title's words, not what the thing is)."""
        source = self._search.document(product_id)
        vector = self._search.vector_of(product_id)
        if source is None or vector is None:
            return []
        hits = self._search.vectors.search(vector, k * 3 + 1)
        title = source.title.casefold()
        department = source.category_path[:1]
        near: list[Suggestion] = []
        elsewhere: list[Suggestion] = []
        for other_id, score in zip(hits.ids, hits.scores, strict=True):
            other = self._search.document(other_id)
            if other is None or other_id == product_id:
                continue
            if score >= NEAR_DUPLICATE_COSINE or other.title.casefold() == title:
                continue  # the same thing in another colour or pack: not a suggestion
            suggestion = Suggestion(other_id, similarity_reason(source, other))
            same = not department or other.category_path[:1] == department
            (near if same else elsewhere).append(suggestion)
            if len(near) == k:
                break
        return (near + elsewhere)[:k]

    def bought_together(self, product_ids: Sequence[int], k: int = 4) -> list[Suggestion]:
        """Products often in the same orders; by embedding when there is no order history."""
        known = [pid for pid in product_ids if self._search.document(pid) is not None]
        if not known:
            return []
        # Told "often in the same order": bought with it in MIN_SHARED_ORDERS orders at least,
        # not once (a quilt offered women's jeans from a single order; QA). A product never
        # ordered counts the orders of the close one whose history it borrows.
        learned = [
            pid
            for pid in self.co_purchase.recommend(
                known, k * 2, self._warm_neighbour, least=MIN_SHARED_ORDERS
            )
            if self._search.document(pid) is not None
        ][:k]
        if learned:
            return [Suggestion(pid, Reason("reason.bought_together")) for pid in learned]
        return self._complements(known, k)

    def _warm_neighbour(self, product_id: int) -> tuple[int, float] | None:
        """The closest product (by embedding) that has an order history."""
        vector = self._search.vector_of(product_id)
        if vector is None:
            return None
        hits = self._search.vectors.search(vector, WARM_NEIGHBOUR_POOL)
        for other_id, score in zip(hits.ids, hits.scores, strict=True):
            if other_id != product_id and self.co_purchase.knows(other_id):
                return other_id, max(score, 0.0)
        return None

    def _complements(self, product_ids: Sequence[int], k: int) -> list[Suggestion]:
        """Fallback: close products from other categories of the same departments (a
        complement, not a substitute), then the best-loved of the categories that orders
        show go with theirs; fewer rather than unrelated ones. Never from another department:
        a day bed offered a garden raised bed and a dress a men's jumper, near in meaning only
        by an invented name they shared; and padded with the department's best-loved, a pair
        of headphones offered a laptop (QA)."""
        vectors = [v for pid in product_ids if (v := self._search.vector_of(pid)) is not None]
        if not vectors:
            return []
        sources = [doc for pid in product_ids if (doc := self._search.document(pid))]
        own = {doc.category_id for doc in sources}
        departments = {doc.category_path[:1] for doc in sources if doc.category_path}
        centre = np.mean(vectors, axis=0).astype(np.float32)
        hits = self._search.vectors.search(centre, k * 10)
        companions = self._companion_categories(sources)
        picks: list[Suggestion] = []
        # The best-loved only for a companion category: with none (a product no order holds
        # with others yet), walking them all would find nothing (review).
        popular = self._search.by_popularity() if companions else ()
        for other_id, near in _then_popular(hits.ids, popular):
            other = self._search.document(other_id)
            if other is None or other_id in product_ids or other.category_id in own:
                continue
            if departments and other.category_path[:1] not in departments:
                continue
            if near:
                reason = Reason("reason.goes_with")
            elif other.category_id in companions:
                reason = Reason("reason.bought_with", category_id=companions[other.category_id])
            else:
                continue
            picks.append(Suggestion(other_id, reason))
            own.add(other.category_id)
            if len(picks) == k:
                break
        return picks

    def _companion_categories(self, sources: Sequence[SearchDocument]) -> dict[int, int]:
        """The categories bought with the sources' categories, each with the source category
        it goes with: in MIN_SHARED_ORDERS orders at least, and in at least COMPANION_SHARE of
        as many as the strongest (a few stray baskets make no companion)."""
        found: dict[int, int] = {}
        for source in sources:
            if source.category_id is None:
                continue
            counts = self.co_purchase.companion_categories(source.category_id, self._category_of)
            strongest = max(counts.values(), default=0)
            for category, orders in counts.most_common():
                if orders >= max(MIN_SHARED_ORDERS, COMPANION_SHARE * strongest):
                    found.setdefault(category, source.category_id)
        return found

    def _category_of(self, product_id: int) -> int | None:
        doc = self._search.document(product_id)
        return doc.category_id if doc is not None else None

    def profile(self, visitor_id: str) -> Profile:
        activities = self._store.recent_activity(visitor_id, PROFILE_ACTIVITIES)
        return build_profile(activities, self._search.vector_of, self._search.embedder.encode_query)

    def for_you(self, visitor_id: str, k: int = 8) -> ForYou:
        """Nearest to the visitor's profile, each with the viewed product that led to it;
        best-loved products fill the row when those are too few."""
        profile = self.profile(visitor_id) if visitor_id else Profile(None, ())
        if profile.vector is None:
            return ForYou(tuple(self.popular(k)), personal=False)
        hits = self._search.vectors.search(profile.vector, k * 6 + len(profile.products))
        seen = profile.seen
        seen_titles = {
            doc.title.casefold() for pid in seen if (doc := self._search.document(pid)) is not None
        }
        per_category: Counter[int | None] = Counter()
        picks: list[Suggestion] = []
        picked: set[int] = set()
        for other_id, near in _then_popular(hits.ids, self._search.by_popularity()):
            other = self._search.document(other_id)
            if (
                other is None
                or other_id in seen
                or other_id in picked
                or other.title.casefold() in seen_titles
                or per_category[other.category_id] >= MAX_PER_CATEGORY
            ):
                continue
            per_category[other.category_id] += 1
            picked.add(other_id)
            reason = (
                because_viewed(other_id, profile, self._search.vector_of)
                if near
                else Reason("reason.popular")
            )
            picks.append(Suggestion(other_id, reason))
            if len(picks) == k:
                break
        return ForYou(tuple(picks), personal=True)

    def popular(self, k: int) -> list[Suggestion]:
        """What sells: the products in most recent orders, then the best-loved fill the row;
        no more than two from one category. (Ranked by rating alone, this row repeated the
        home page's "best rated" one for every new visitor.)"""
        per_category: Counter[int | None] = Counter()
        picks: list[Suggestion] = []
        picked: set[int] = set()
        selling = self.co_purchase.popular(k * POPULAR_POOL, least=BESTSELLER_ORDERS)
        for product_id, sold in _then_popular(selling, self._search.by_popularity()):
            doc = self._search.document(product_id)
            if (
                doc is None
                or product_id in picked
                or per_category[doc.category_id] >= MAX_PER_CATEGORY
            ):
                continue
            per_category[doc.category_id] += 1
            picked.add(product_id)
            reason = Reason("reason.bestseller" if sold else "reason.popular")
            picks.append(Suggestion(doc.product_id, reason))
            if len(picks) == k:
                break
        return picks

    def recently_viewed(self, visitor_id: str, k: int = 8) -> list[int]:
        """Distinct products the visitor viewed, newest first."""
        if not visitor_id:
            return []
        seen: list[int] = []
        for activity in self._store.recent_activity(visitor_id, PROFILE_ACTIVITIES):
            pid = activity.product_id
            viewed = activity.kind == "view" and pid is not None and pid not in seen
            if viewed and pid is not None and self._search.document(pid) is not None:
                seen.append(pid)
        return seen[:k]

    def record(self, visitor_id: str, kind: str, product_id: int | None, query: str | None) -> None:
        """Remember what a visitor did (view, search, cart) for their profile."""
        record_activity(self._store, visitor_id, kind, product_id, query)
