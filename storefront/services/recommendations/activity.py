"""Recording what a visitor does, for their profile. Needs only the database: pages call it
without loading the search index or the model."""

from __future__ import annotations

from storefront.services.search.ports import SearchStore


def record_activity(
    store: SearchStore | None,
    visitor_id: str,
    kind: str,
    product_id: int | None,
    query: str | None,
) -> None:
    """Remember a view, search or cart addition (anonymous requests are not recorded)."""
    if visitor_id and store is not None:
        store.record_activity(visitor_id, kind, product_id, query)
