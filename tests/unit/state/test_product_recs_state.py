"""A product page's recommendation rows (state/recommendations.py) when its product comes
back on sale while the page is open (state/product.py's `_refresh`, which live_updates.py
calls from outside any event): the rows are read then, as a load reads them."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from reflex.istate.data import RouterData

from models.catalog import ProductStatus
from state import live_updates
from state.live_updates import LivePusher, forget, watch, watching
from state.product import ProductState
from state.recommendations import ProductRecsState, indexed
from state.recs_view import RecItem
from state.visitor import VisitorState
from storefront.adapters.cache import InProcessCache
from storefront.adapters.throttle import InProcessThrottle
from storefront.bootstrap import Shop, build_shop, set_shop
from storefront.services.accounts.service import Accounts
from storefront.services.product_edits import edit_product
from storefront.services.reviews import Reviews
from storefront.services.search.hybrid import HybridSearch
from storefront.services.search.indexing import rebuild_index, refresh_products
from storefront.services.search.ports import SearchDocument
from tests.conftest import settings_for
from tests.fakes import CatalogData, FakeCatalogReader, FakeMediaStore, FakeUnitOfWork
from tests.search_fakes import FakeEmbedder, FakeLexicalIndex, FakeSearchStore, FakeVectorIndex
from tests.unit.services.test_accounts import Mails, MemoryAccounts, PlainHasher
from tests.unit.services.test_reviews import FakeReviewStore
from tests.unit.state.test_listing_state import at

VISITOR = "v" * 32
TAB = "tab"


@pytest.fixture(autouse=True)
def no_watches() -> Iterator[None]:
    forget(watching())
    yield
    forget(watching())


def pusher_for(roots: dict[str, Any]) -> LivePusher:
    """A LivePusher whose app holds these tabs' sockets and states."""

    @contextlib.asynccontextmanager
    async def modify_state(token: Any) -> AsyncIterator[Any]:
        yield roots[token.ident]

    namespace = SimpleNamespace(token_to_sid=dict.fromkeys(roots, "sid"), _token_manager=None)
    app: Any = SimpleNamespace(event_namespace=namespace, modify_state=modify_state)
    return LivePusher(app)


async def settled(pusher: LivePusher) -> None:
    """Let the pusher's readings of rows (tasks on the loop) run to their end."""
    await asyncio.gather(*pusher.reading_rows)


@pytest.fixture(autouse=True)
def recs_shop(seeded: Shop, data: CatalogData, tmp_path: Path) -> Iterator[Shop]:
    """The seeded fake catalog with a search index (and so recommendations) over it."""
    documents = [
        SearchDocument(pid, record.title, record.description, category_id=record.category_id)
        for pid, record in data.products.items()
    ]
    store = FakeSearchStore(documents)
    index = HybridSearch(FakeEmbedder(), FakeVectorIndex(), FakeLexicalIndex())
    rebuild_index(store, index)
    shop = build_shop(
        settings_for("sqlite://", tmp_path),
        cache=InProcessCache(),
        reader=FakeCatalogReader(data),
        uow_factory=lambda: FakeUnitOfWork(data),
        media=FakeMediaStore(),
        search_store=store,
        search_index=index,
    )
    shop.search_loaded = True
    # A page back on sale reads its reviews too (state/reviews.py), a guest's.
    shop.accounts = Accounts(MemoryAccounts(), PlainHasher(), Mails(), throttle=InProcessThrottle())
    shop.reviews = Reviews(FakeReviewStore(), shop.cache)
    set_shop(shop)
    yield shop
    set_shop(None)


@pytest.fixture
def chair(data: CatalogData) -> int:
    """The id of a chair of the seeded catalog (ids are shared with categories and brands)."""
    return next(pid for pid, record in data.products.items() if record.title == "Chair number 3")


async def draft_page(shop: Shop, product_id: int) -> tuple[Any, Any, str]:
    """A tab opened on the product while it is a draft: "not found", no rows read. The
    search index no longer holds it (indexing.refresh_products, on the change)."""
    [card] = shop.catalog.cards([product_id])
    shop.run(edit_product, product_id, lambda r: replace(r, status=ProductStatus.DRAFT))
    shop.cache.clear()
    store: Any = shop.search_store
    document = store.docs.pop(product_id)
    refresh_products(store, shop.search_index(), [product_id])
    store.put(document)  # its document as it will read once on sale again
    page: Any = at(ProductState, f"/product/{card.slug}")
    root = page.parent_state
    root.router = RouterData.from_router_data(
        {"pathname": f"/product/{card.slug}", "asPath": f"/product/{card.slug}", "token": TAB}
    )
    (await page.get_state(VisitorState)).visitor = VISITOR
    await page.load()
    assert (page.not_found, page._watched, indexed(product_id)) == (True, product_id, False)
    return page, await page.get_state(ProductRecsState), card.slug


def published(shop: Shop, product_id: int, *, indexed_first: bool) -> None:
    """On sale again; the search index follows the same change, before the page's push or
    after it."""
    shop.run(edit_product, product_id, lambda r: replace(r, status=ProductStatus.ACTIVE))
    shop.cache.clear()
    if indexed_first:
        reindex(shop, product_id)


def reindex(shop: Shop, product_id: int) -> None:
    store: Any = shop.search_store
    refresh_products(store, shop.search_index(), [product_id])


def views(shop: Shop) -> list[int | None]:
    store: Any = shop.search_store
    return [a.product_id for a in store.activity.get(VISITOR, []) if a.kind == "view"]


async def test_a_page_whose_product_comes_back_on_sale_shows_its_rows_without_a_reload(
    recs_shop: Shop, chair: int
) -> None:
    """QA: published while open, the page came back, its rows (similar, bought together)
    stayed empty until a reload."""
    page, recs, slug = await draft_page(recs_shop, chair)
    assert (recs.product_id, recs.similar, recs.together, views(recs_shop)) == (0, [], [], [])
    published(recs_shop, chair, indexed_first=True)
    await page._refresh(slug)
    assert (page.not_found, page.product_id) == (False, chair)
    assert recs.product_id == chair
    expected = [x.product_id for x in recs_shop.recommender().similar(chair, 8)]
    assert len(recs.similar) == 4
    assert [item.id for item in recs.similar] == expected[:4]
    assert chair not in [item.id for item in recs.similar + recs.together]
    assert views(recs_shop) == [chair]  # now seen, as a load records it
    assert live_updates._rows_waiting == {}


async def test_rows_pushed_before_the_search_index_holds_the_product_come_once_it_does(
    recs_shop: Shop, chair: int
) -> None:
    """The page's push and the search index follow the same change side by side, and the
    index (encoding the product's text) mostly comes second: the rows wait for it."""
    page, recs, slug = await draft_page(recs_shop, chair)
    published(recs_shop, chair, indexed_first=False)
    await page._refresh(slug)
    assert (page.not_found, page.product_id) == (False, chair)
    assert (recs.product_id, recs.similar, recs.together, views(recs_shop)) == (0, [], [], [])
    assert live_updates._rows_waiting == {TAB: chair}
    pusher = pusher_for({TAB: page.parent_state})
    pusher.indexed()  # another product's refresh: still waiting
    assert (recs.similar, live_updates._rows_waiting, pusher.reading_rows) == (
        [],
        {TAB: chair},
        set(),
    )
    reindex(recs_shop, chair)
    pusher.indexed()
    await settled(pusher)
    assert (recs.product_id, len(recs.similar), views(recs_shop)) == (chair, 4, [chair])
    assert live_updates._rows_waiting == {}


async def test_rows_waiting_for_a_product_the_tab_has_left_are_not_read(
    recs_shop: Shop, chair: int
) -> None:
    page, recs, slug = await draft_page(recs_shop, chair)
    published(recs_shop, chair, indexed_first=False)
    await page._refresh(slug)
    assert live_updates._rows_waiting == {TAB: chair}
    watch(TAB, "product", [chair + 1])  # the shopper opened another product
    assert live_updates._rows_waiting == {}
    reindex(recs_shop, chair)
    pusher = pusher_for({TAB: page.parent_state})
    pusher.indexed()
    assert pusher.reading_rows == set()
    assert (recs.product_id, recs.similar, views(recs_shop)) == (0, [], [])


async def test_the_rows_of_the_product_the_tab_showed_before_give_way_to_the_returning_ones(
    recs_shop: Shop, chair: int
) -> None:
    page, recs, slug = await draft_page(recs_shop, chair)
    before = RecItem(id=chair + 1, title="Another product's")
    recs.product_id, recs.similar, recs.together = chair + 1, [before], [before]
    published(recs_shop, chair, indexed_first=False)
    await page._refresh(slug)  # waiting for the index: not another product's rows meanwhile
    assert (recs.product_id, recs.similar, recs.together) == (0, [], [])
    reindex(recs_shop, chair)
    pusher = pusher_for({TAB: page.parent_state})
    pusher.indexed()
    await settled(pusher)
    assert recs.product_id == chair
    assert before not in recs.similar + recs.together
    assert len(recs.similar) == 4


async def test_rows_read_for_the_product_before_it_was_a_draft_are_not_read_again(
    recs_shop: Shop, chair: int
) -> None:
    """A tab that showed the product, then "not found" while a draft: back on sale, its rows
    are those it had (its view is not recorded a second time)."""
    page, recs, slug = await draft_page(recs_shop, chair)
    shown = RecItem(id=chair + 1, title="Read when it was on sale")
    recs.product_id, recs.similar, recs.together = chair, [shown], []
    recs._rows_of = chair  # as its load left it, the index holding the product
    published(recs_shop, chair, indexed_first=True)
    await page._refresh(slug)
    assert (recs.product_id, recs.similar, recs.together) == (chair, [shown], [])
    assert (views(recs_shop), live_updates._rows_waiting) == ([], {})


async def test_a_push_while_the_product_is_still_a_draft_reads_no_rows(
    recs_shop: Shop, chair: int
) -> None:
    page, recs, slug = await draft_page(recs_shop, chair)
    await page._refresh(slug)
    assert (page.not_found, recs.product_id, recs.similar, recs.together) == (True, 0, [], [])
    assert (views(recs_shop), live_updates._rows_waiting) == ([], {})


def at_path(page: Any, path: str) -> None:
    """The tab's last event came from this page (a client-side navigation's load)."""
    page.parent_state.router = RouterData.from_router_data(
        {"pathname": path, "asPath": path, "token": TAB}
    )


async def test_rows_waiting_for_the_index_are_not_read_once_the_tab_went_to_another_page(
    recs_shop: Shop, chair: int
) -> None:
    """Review: the shopper went to the cart within the index's lag; the index then held the
    product and its view and rows' impressions were recorded, unseen."""
    page, recs, slug = await draft_page(recs_shop, chair)
    published(recs_shop, chair, indexed_first=False)
    await page._refresh(slug)
    assert live_updates._rows_waiting == {TAB: chair}
    at_path(page, "/cart")
    reindex(recs_shop, chair)
    pusher = pusher_for({TAB: page.parent_state})
    pusher.indexed()
    await settled(pusher)
    assert (recs.product_id, recs.similar, recs.together, views(recs_shop)) == (0, [], [], [])
    assert live_updates._rows_waiting == {}


async def test_a_product_back_on_sale_records_no_view_in_a_tab_on_another_page(
    recs_shop: Shop, chair: int
) -> None:
    page, recs, slug = await draft_page(recs_shop, chair)
    at_path(page, "/category/chairs")
    published(recs_shop, chair, indexed_first=True)
    await page._refresh(slug)
    assert (recs.product_id, recs.similar, recs.together, views(recs_shop)) == (0, [], [], [])
    assert live_updates._rows_waiting == {}


async def test_a_reload_before_the_index_holds_the_product_gets_its_rows_once_it_does(
    recs_shop: Shop, chair: int
) -> None:
    """Review: reloaded while the index still lacked the product, the page's rows stayed
    empty: the index's refresh found them read already (for the product, but empty)."""
    page, recs, slug = await draft_page(recs_shop, chair)
    published(recs_shop, chair, indexed_first=False)
    await page._refresh(slug)
    await page.load()  # the shopper reloads, before the index holds the product
    await ProductRecsState.event_handlers["load"].fn(recs, chair, {})
    assert (recs.product_id, recs.similar, recs.together, views(recs_shop)) == (
        chair,
        [],
        [],
        [chair],
    )
    assert live_updates._rows_waiting == {TAB: chair}
    reindex(recs_shop, chair)
    pusher = pusher_for({TAB: page.parent_state})
    pusher.indexed()
    await settled(pusher)
    expected = [x.product_id for x in recs_shop.recommender().similar(chair, 8)]
    assert [item.id for item in recs.similar] == expected[:4]
    assert (recs.product_id, views(recs_shop)) == (chair, [chair])  # its view once
    assert live_updates._rows_waiting == {}


async def test_a_load_with_the_product_indexed_leaves_no_rows_waiting(
    recs_shop: Shop, chair: int
) -> None:
    page, recs, _ = await draft_page(recs_shop, chair)
    published(recs_shop, chair, indexed_first=True)
    await page.load()
    await ProductRecsState.event_handlers["load"].fn(recs, chair, {})
    assert (recs.product_id, len(recs.similar), views(recs_shop)) == (chair, 4, [chair])
    assert live_updates._rows_waiting == {}
