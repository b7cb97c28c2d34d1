"""The admin's merchandising page: near-duplicates, thin descriptions, fixes for searches
that find nothing, and category suggestions for a new product; for staff only."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta

from storefront.services.admin.access import Permission, Staff, require
from storefront.services.admin.analytics import Analytics
from storefront.services.admin.merchandising import (
    DuplicateScan,
    NewProductSuggestions,
    QueryFix,
    finds_something,
    fixes_for_zero_result_queries,
    near_duplicates,
    suggest_for_new_product,
)
from storefront.services.admin.merchandising_descriptions import (
    DescriptionStore,
    ThinDescription,
    thin_descriptions,
)
from storefront.services.search.hybrid import HybridSearch

ZERO_RESULT_WINDOW = timedelta(days=90)
# The dashboard asks whether its searches that found nothing find products now: at most this
# many queries a time, each answer kept until the search index changes (one search each).
RECHECKED_QUERIES = 20
KEPT_ANSWERS = 500


class MerchandisingDesk:
    def __init__(
        self,
        index: Callable[[], HybridSearch],
        descriptions: DescriptionStore,
        analytics: Analytics,
    ) -> None:
        self._index = index
        self._descriptions = descriptions
        self._analytics = analytics
        self._found: dict[str, bool] = {}  # query: finds products now, in this generation
        self._generation = -1

    def duplicates(self, actor: Staff, threshold: float = 0.95) -> DuplicateScan:
        require(actor, Permission.VIEW)
        return near_duplicates(self._index(), threshold=min(max(threshold, 0.5), 1.0))

    def thin(self, actor: Staff, min_words: int = 12) -> list[ThinDescription]:
        require(actor, Permission.VIEW)
        return thin_descriptions(self._descriptions, min_words=min(max(min_words, 1), 200))

    def zero_result_fixes(self, actor: Staff, today: date, limit: int = 20) -> list[QueryFix]:
        """The searches of the last 90 days that found nothing, with the nearest products."""
        require(actor, Permission.VIEW)
        stats = self._analytics.search_stats(today - ZERO_RESULT_WINDOW, today, limit=limit)
        return fixes_for_zero_result_queries(
            self._index(), [q.query for q in stats.zero_result_queries]
        )

    def found_now(self, actor: Staff, queries: Sequence[str]) -> frozenset[str]:
        """Of these searches that found nothing (the dashboard's), those that find products
        now, as the merchandising page decides (it offers no fix for them). Cheap: the
        first RECHECKED_QUERIES only, each searched once per state of the index."""
        require(actor, Permission.VIEW)
        index = self._index()
        if index.generation != self._generation or len(self._found) > KEPT_ANSWERS:
            self._found, self._generation = {}, index.generation
        found = set()
        for query in queries[:RECHECKED_QUERIES]:
            if query not in self._found:
                self._found[query] = finds_something(index, query)
            if self._found[query]:
                found.add(query)
        return frozenset(found)

    def suggestions(self, actor: Staff, title: str, description: str) -> NewProductSuggestions:
        require(actor, Permission.CATALOG)
        return suggest_for_new_product(self._index(), title[:300], description[:2000])
