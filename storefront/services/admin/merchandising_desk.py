"""The admin's merchandising page: near-duplicates, thin descriptions, fixes for searches
that find nothing, and category suggestions for a new product; for staff only."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from storefront.services.admin.access import Permission, Staff, require
from storefront.services.admin.analytics import Analytics
from storefront.services.admin.merchandising import (
    DuplicateScan,
    NewProductSuggestions,
    QueryFix,
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

    def suggestions(self, actor: Staff, title: str, description: str) -> NewProductSuggestions:
        require(actor, Permission.CATALOG)
        return suggest_for_new_product(self._index(), title[:300], description[:2000])
