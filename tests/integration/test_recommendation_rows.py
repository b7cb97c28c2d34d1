"""A product page's recommendation rows on a real database: the view, the click that led
there and the rows shown are recorded, the analytics events in one write."""

from __future__ import annotations

import pytest
from sqlalchemy import text

import state.recommendations as rows
from state.recs_view import RecItem
from storefront.bootstrap import Shop
from storefront.services.search.indexing import rebuild_index
from tests.integration.catalog_fixtures import seed_small_catalog


@pytest.fixture
def shop(current_shop: Shop) -> Shop:
    seed_small_catalog(current_shop)
    return current_shop


def events(shop: Shop) -> list[tuple[object, ...]]:
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        sql = "select widget, kind, product_id from recommendation_event order by id"
        return [tuple(r) for r in connection.execute(text(sql))]


def item(product_id: int) -> RecItem:
    return RecItem(id=product_id, href=f"/product/p{product_id}")


def test_a_product_page_records_its_click_and_the_rows_it_shows_in_one_write(
    shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert shop.analytics is not None
    writes: list[int] = []
    store = shop.analytics._store  # type: ignore[attr-defined]
    add = store.add_recommendation_events
    monkeypatch.setattr(
        store, "add_recommendation_events", lambda r: (writes.append(len(r)), add(r))
    )
    # The search index is not loaded yet: only the click that led here counts.
    rows._viewed(shop, "v1", 3, {"rw": "similar"})
    assert events(shop) == [("similar", "click", 3)]
    # Loaded: the rows shown are counted too, with the click, in one write.
    monkeypatch.setattr(rows, "_search_ready", lambda: True)
    monkeypatch.setattr(rows, "_product_rows", lambda _s, _p: ([item(4), item(5)], [item(6)], True))
    rows._viewed(shop, "v1", 4, {"rw": "bought_together"})
    assert events(shop)[1:] == [
        ("bought_together", "click", 4),
        ("similar", "impression", None),
        ("bought_together", "impression", None),
    ]
    assert writes == [1, 3]
    rows._viewed(shop, "v1", 5, {"rw": "no-such-row"})  # a made-up row: no click counted
    assert [kind for _, kind, _ in events(shop)[4:]] == ["impression", "impression"]


def test_a_product_page_recommends_only_products_in_stock_and_still_fills_its_row(
    shop: Shop,
) -> None:
    assert shop.search_store is not None
    rebuild_index(shop.search_store, shop.search_index())
    sold_out = {10, 20, 30}  # seed_small_catalog: every tenth chair
    recommender = shop.recommender()
    page = next(
        pid
        for pid in range(1, 41)
        if sold_out & {s.product_id for s in recommender.similar(pid, rows.ROW)}
    )
    similar, together, learned = rows._product_rows(shop, page)
    assert len(similar) == rows.ROW
    assert not sold_out & {i.id for i in similar}
    # No order history: the row holds what goes well with it, and its heading says so, not
    # "Frequently bought together" (QA).
    assert together
    assert learned is False
