from __future__ import annotations

from datetime import timedelta

from storefront.services.search.change_feed import ChangeFeed
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
