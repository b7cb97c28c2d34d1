"""An archived product leaves search on the real parts, SQLite and PostgreSQL: the SQL search
store reports the status change and leaves the product out of its documents, and the index
drops it from faiss, the keyword index and the speller (the unit test fakes each of these)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from models.catalog import ProductStatus
from storefront.bootstrap import Shop
from storefront.services.catalog_writer import save_drafts
from storefront.services.product_edits import edit_product
from storefront.services.search.change_feed import ChangeFeed
from storefront.services.search.indexing import follow_changes, rebuild_index
from tests.unit.conftest import CHAIRS, draft

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
LANTERN = "Quokka moonbeam lantern"


@pytest.fixture
def shop(database_url: str, make_shop: Callable[..., Shop]) -> Shop:
    shop = make_shop(database_url)
    drafts = [draft(n) for n in range(1, 5)]
    drafts.append(draft(5, title=LANTERN, description="A lantern shaped like a quokka."))
    shop.run(save_drafts, drafts, categories=[CHAIRS])
    return shop


def test_an_archived_product_leaves_search_and_comes_back_when_restored(shop: Shop) -> None:
    store, index = shop.search_store, shop.search_index()
    assert store is not None
    rebuild_index(store, index)
    feed = ChangeFeed(store)
    feed.start()
    found = index.search("quokka moonbeam", k=10, every_match=True)
    lantern = found.ids[0]
    assert index.document(lantern).title == LANTERN  # type: ignore[union-attr]
    vector = index.vector_of(lantern)
    assert vector is not None
    assert (len(index), len(index.vectors)) == (5, 5)
    assert index.correct("quokkka")[1] == "quokka"

    shop.run(edit_product, lantern, lambda r: replace(r, status=ProductStatus.ARCHIVED))
    assert feed.poll() == [lantern]  # the status change is a change
    assert store.documents([lantern]) == []
    assert lantern not in [d.product_id for d in store.documents()]
    follow_changes(store, index, feed, restructured=False)  # what the web process runs

    assert index.document(lantern) is None
    assert (len(index), len(index.vectors)) == (4, 4)
    assert index.vector_of(lantern) is None
    assert lantern not in index.vectors.search(vector, 10).ids
    gone = index.search("quokka moonbeam lantern", k=10, every_match=True)
    assert lantern not in gone.ids + gone.more_matches
    assert gone.ids  # the nearest others, labelled as such
    assert not gone.close_match
    assert index.correct("quokkka")[1] != "quokka"  # the speller forgot its word
    assert feed.poll() == []  # seen: nothing to do again

    shop.run(edit_product, lantern, lambda r: replace(r, status=ProductStatus.ACTIVE))
    follow_changes(store, index, feed, restructured=False)
    back = index.search("quokka moonbeam", k=10, every_match=True)
    assert back.ids[0] == lantern
    assert back.close_match
    assert (len(index), len(index.vectors)) == (5, 5)
