from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from unittest.mock import Mock

import pytest

from storefront.services.search.change_feed import LOOK_BACK, ChangeFeed
from storefront.services.search.hybrid import HybridSearch
from storefront.services.search.indexing import follow_changes
from tests.search_fakes import T0, FakeSearchStore
from tests.unit.search.conftest import CATALOG


def test_the_feed_reports_each_change_once() -> None:
    store = FakeSearchStore(CATALOG)
    feed = ChangeFeed(store)
    feed.start()
    assert feed.poll() == []
    store.put(CATALOG[0])
    assert feed.poll() == [1]
    feed.commit()
    assert feed.poll() == []


def test_a_change_committed_late_with_an_older_stamp_is_not_missed() -> None:
    store = FakeSearchStore(CATALOG)
    feed = ChangeFeed(store)
    feed.start()
    store.put(CATALOG[1], at=T0 + timedelta(seconds=30))
    assert feed.poll() == [2]
    feed.commit()
    # Stamped before the change above, but visible only now (a slow transaction).
    store.put(CATALOG[2], at=T0 + timedelta(seconds=20))
    assert feed.poll() == [3]


def test_changes_from_a_poll_not_committed_are_handed_out_again() -> None:
    store = FakeSearchStore(CATALOG)
    feed = ChangeFeed(store)
    feed.start()
    store.put(CATALOG[0])
    assert feed.poll() == [1]
    # The refresh failed (the database restarted): nothing committed.
    store.put(CATALOG[3])
    assert feed.poll() == [1, 4]
    feed.commit()
    assert feed.poll() == []


def test_a_failed_refresh_is_repeated_by_the_next_round(
    store: FakeSearchStore, search: HybridSearch, monkeypatch: pytest.MonkeyPatch
) -> None:
    feed = ChangeFeed(store)
    feed.start()
    store.put(replace(CATALOG[5], title="Quokka skillet"))
    read = store.documents
    monkeypatch.setattr(store, "documents", Mock(side_effect=ConnectionError("db restarting")))
    with pytest.raises(ConnectionError):
        follow_changes(store, search, feed, restructured=False)
    monkeypatch.setattr(store, "documents", read)
    follow_changes(store, search, feed, restructured=False)
    assert search.search("quokka skillet", k=1).ids == (6,)


def test_a_restructuring_reindexes_products_stamped_before_the_look_back(
    store: FakeSearchStore, search: HybridSearch
) -> None:
    feed = ChangeFeed(store)
    feed.start()
    store.put(CATALOG[0])
    follow_changes(store, search, feed, restructured=False)
    # A long import commits now: its first batch was stamped minutes ago.
    store.put(replace(CATALOG[5], title="Quokka skillet"), at=store.updated[1] - LOOK_BACK * 5)
    follow_changes(store, search, feed, restructured=False)
    assert 6 not in search.search("quokka skillet", k=1).ids
    follow_changes(store, search, feed, restructured=True)
    assert search.search("quokka skillet", k=1).ids == (6,)
    store.put(CATALOG[1])
    assert feed.poll() == [2]
