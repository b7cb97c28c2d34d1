"""The search results page asked for while the web process is still loading its index: it
says so, then shows the results by itself once the real index loader has run."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator

import pytest

from state.listing import ListingState, until_ready
from storefront.bootstrap import Shop, set_shop
from storefront.lifespan import load_search
from storefront.services.demo import seed_demo_catalog
from tests.unit.state.test_listing_state import at

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture
def cold_shop(database_url: str, make_shop: Callable[..., Shop]) -> Iterator[Shop]:
    """A seeded shop whose process has not loaded its search index yet."""
    shop = make_shop(database_url)
    shop.run(seed_demo_catalog, shop.media, 60)
    set_shop(shop)
    yield shop
    set_shop(None)


async def test_the_results_come_by_themselves_once_the_index_has_loaded(cold_shop: Shop) -> None:
    state = at(ListingState, "/search", {"q": "lamp"})
    then = await state.load()  # type: ignore[attr-defined]
    assert (state.warming_up, state.total) == (True, 0)  # type: ignore[attr-defined]
    assert "wait_for_search" in str(then)
    # Not ready yet: the wait gives up after its bound, and a look now changes nothing.
    assert not await until_ready(lambda: cold_shop.search_loaded, 0.05, 0.01)
    await state._search_ready()  # type: ignore[attr-defined]
    assert state.warming_up  # type: ignore[attr-defined]

    loading = asyncio.create_task(asyncio.to_thread(load_search, cold_shop))
    assert await until_ready(lambda: cold_shop.search_loaded, 60, 0.05)
    await loading
    await state._search_ready()  # type: ignore[attr-defined]
    assert not state.warming_up  # type: ignore[attr-defined]
    assert state.total >= len(state.cards) > 0  # type: ignore[attr-defined]
    assert state.search_text == "lamp"  # type: ignore[attr-defined]


async def test_a_page_left_or_already_searched_again_is_not_touched(cold_shop: Shop) -> None:
    state = at(ListingState, "/search", {"q": "lamp"})
    await state.load()  # type: ignore[attr-defined]
    load_search(cold_shop)
    await state.load()  # type: ignore[attr-defined]  # the shopper reloaded meanwhile
    assert not state.warming_up  # type: ignore[attr-defined]
    found = state.total  # type: ignore[attr-defined]
    cold_shop.search_loaded = False  # were it to search again, it would find nothing
    await state._search_ready()  # type: ignore[attr-defined]
    assert state.total == found  # type: ignore[attr-defined]
