from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from state.listing import REFINING_SECONDS, ListingState
from state.search_box import SearchBoxState
from state.view_models import CardItem
from storefront.adapters.cache import InProcessCache
from storefront.bootstrap import Shop, build_shop, set_shop
from storefront.services.search.hybrid import HybridSearch
from storefront.services.search.indexing import rebuild_index
from storefront.services.search.ports import SearchDocument, SkuMatch
from tests.conftest import settings_for
from tests.fakes import CatalogData, FakeCatalogReader, FakeMediaStore, FakeUnitOfWork
from tests.search_fakes import FakeEmbedder, FakeLexicalIndex, FakeSearchStore, FakeVectorIndex
from tests.unit.state.test_listing_state import at


@pytest.fixture(autouse=True)
def search_shop(seeded: Shop, data: CatalogData, tmp_path: Path) -> Iterator[Shop]:
    """The seeded fake catalog with a search index over the same products."""
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
    set_shop(shop)
    yield shop
    set_shop(None)


async def test_search_page_reads_words_and_filters_from_the_url(search_shop: Shop) -> None:
    state = at(ListingState, "/search", {"q": "chair number 12", "stock": "1"})
    await state.load()  # type: ignore[attr-defined]
    assert state.searching
    assert state.search_text == "chair number 12"
    assert state.cards[0].title == "Chair number 12"
    assert state.cards[0].href.startswith("/product/")
    assert "?sid=" in state.cards[0].href
    assert all(card.in_stock for card in state.cards)
    stock = next(g for g in state.facets if g.key == "stock")
    assert stock.options[0].href == "/search?q=chair+number+12"
    store = search_shop.search_store
    assert store is not None
    assert store.searches[-1]["query"] == "chair number 12"  # type: ignore[attr-defined]


async def test_a_search_narrowed_to_a_category_names_it_ticked_and_can_leave_it() -> None:
    # Nothing named the category, "Clear all filters" kept it, and narrowed to an empty one
    # the page had no way out but typing the words again (QA).
    state = at(ListingState, "/search", {"q": "chair number 12", "category": "tables"})
    await state.load()  # type: ignore[attr-defined]
    assert state.total == 0
    category = next(g for g in state.facets if g.key == "category")
    [tables] = category.options
    assert (tables.labels["en"], tables.selected) == ("Tables", True)
    assert tables.href == state.clear_href == "/search?q=chair+number+12"
    state = at(ListingState, "/search", {"q": "chair number 12", "category": "nope"})
    await state.load()  # type: ignore[attr-defined]
    assert state.cards[0].title == "Chair number 12"
    assert "nope" in state.unknown_note["en"]
    assert "category=" not in state.cards[0].href + state.clear_href


async def test_a_chosen_filter_matching_nothing_stays_in_its_group_to_be_unticked() -> None:
    state = at(ListingState, "/category/chairs", {"price": "90000-", "rating": "4"})
    await state.load()  # type: ignore[attr-defined]
    assert state.total == 0
    chosen = {g.key: [o.selected for o in g.options] for g in state.facets}
    assert True in chosen["price"]
    assert True in chosen["rating"]


async def test_a_word_no_product_has_is_named_as_left_out() -> None:
    # "sofa xyzzyqw" gave the results of "sofa" and said nothing of the other word (QA).
    state = at(ListingState, "/search", {"q": "chair xyzzyqw number 12 xyzzyqw"})
    await state.load()  # type: ignore[attr-defined]
    assert (state.cards[0].title, state.left_out) == ("Chair number 12", "xyzzyqw")
    state = at(ListingState, "/search", {"q": "chair number 12"})
    await state.load()  # type: ignore[attr-defined]
    assert state.left_out == ""


async def test_a_sold_out_variant_searched_by_its_sku_is_told_out_of_stock(
    search_shop: Shop,
) -> None:
    # Its card showed its price with no "out of stock", the product page then did (QA).
    store: Any = search_shop.search_store
    store.skus["SKU-12-1"] = SkuMatch(12, 12_001, 9_900, None, in_stock=False)
    state = at(ListingState, "/search", {"q": "SKU-12-1"})
    await state.load()  # type: ignore[attr-defined]
    card = state.cards[0]
    assert (card.price_minor, card.in_stock, "variant=12001" in card.href) == (9_900, False, True)


async def test_a_correction_does_not_name_the_word_left_out() -> None:
    # "Showing results for sofas xyzzyqw" sat above "without ... xyzzyqw" (QA).
    state = at(ListingState, "/search", {"q": "chiar xyzzyqw"})
    await state.load()  # type: ignore[attr-defined]
    assert (state.corrected, state.left_out) == ("chair", "xyzzyqw")


async def test_search_words_are_logged_without_control_characters(search_shop: Shop) -> None:
    """PostgreSQL refuses NUL in text: /search?q=%00chair must log "chair", not fail."""
    state = at(ListingState, "/search", {"q": "\x00chair\x00 number 12"})
    await state.load()  # type: ignore[attr-defined]
    assert state.search_text == "chair number 12"
    assert state.cards[0].title == "Chair number 12"
    assert search_shop.search_store.searches[-1]["query"] == "chair number 12"  # type: ignore[union-attr]


async def test_search_page_without_words_shows_nothing_and_logs_nothing(search_shop: Shop) -> None:
    state = at(ListingState, "/search", {"q": "  "})
    await state.load()  # type: ignore[attr-defined]
    assert state.total == 0
    assert state.search_text == ""
    assert state.nothing_found is False  # the page asks for words: no "remove a filter"
    assert search_shop.search_store.searches == []  # type: ignore[union-attr]


def test_arrow_keys_move_through_instant_results_and_escape_closes() -> None:
    box = at(SearchBoxState, "/")
    box.results = [CardItem(id=1, href="/product/a"), CardItem(id=2, href="/product/b")]
    box.open = True
    box.key("ArrowDown")
    box.key("ArrowDown")
    box.key("ArrowDown")
    assert box.active == 1
    box.key("ArrowUp")
    assert box.active == 0
    box.key("Escape")
    assert (box.open, box.active) == (False, -1)


def test_enter_opens_the_highlighted_product_or_the_results_page() -> None:
    box = at(SearchBoxState, "/")
    box.results = [CardItem(id=1, href="/product/a")]
    box.text = "oak  chair"
    box.active = 0
    assert "/product/a" in str(box.submit({}))
    box.active = -1
    assert "/search?q=oak+chair" in str(box.submit({}))
    box.text = "   "
    assert box.submit({}) is None


def test_opening_an_instant_result_logs_that_search_with_its_click(search_shop: Shop) -> None:
    from state.recommendations import _log_search_click

    store = search_shop.search_store
    _log_search_click(search_shop, "v1", 12, {"sq": "chair  12", "sn": "6"})
    assert store.searches == [  # type: ignore[union-attr]
        {"visitor": "v1", "query": "chair 12", "count": 6, "source": "instant", "clicked": 12}
    ]


@pytest.mark.parametrize("sid", ["²", "99999999999", "-1", "abc", ""])
def test_malformed_search_ids_are_ignored(search_shop: Shop, sid: str) -> None:
    from state.recommendations import _log_search_click

    _log_search_click(search_shop, "v1", 12, {"sid": sid})
    assert search_shop.search_store.searches == []  # type: ignore[union-attr]


def test_a_click_is_only_recorded_on_the_visitors_own_search(search_shop: Shop) -> None:
    store = search_shop.search_store
    assert store is not None
    search_id = store.log_search("owner", "oak", 3, "page")
    search_shop.search().clicked(search_id, "someone-else", 5)
    search_shop.search().clicked(search_id, "owner", 7)
    assert store.searches[0]["clicked"] == 7  # type: ignore[attr-defined]


async def test_putting_a_product_in_the_cart_feeds_the_visitors_profile(
    search_shop: Shop,
) -> None:
    import state.account  # noqa: F401  (registers the state the cart asks for the session)
    from state.cart import CartState
    from storefront.services.cart.service import Carts
    from tests.unit.services.test_cart import MemoryCarts, sellable

    search_shop.carts = Carts(MemoryCarts({"SKU-7": sellable("SKU-7")}), "EUR")
    cart = at(CartState, "/product/chair-number-7")
    steps = cart.add("SKU-7")  # type: ignore[attr-defined]
    await anext(steps)  # the first update shows the cart, before the note is written
    assert cart.count == 1
    store = search_shop.search_store
    assert not store.activity  # type: ignore[union-attr]
    with pytest.raises(StopAsyncIteration):
        await anext(steps)
    store = search_shop.search_store
    activity = next(iter(store.activity.values()))  # type: ignore[union-attr]
    assert [(a.kind, a.product_id) for a in activity] == [("cart", 1)]


async def test_a_search_matching_nothing_is_logged_as_finding_nothing(search_shop: Shop) -> None:
    """The nearest products it shows are not results: the admin must see the search among
    those that found nothing."""
    index = search_shop.search_index()
    index.params = replace(index.params, nearest_cosine=-1.0)  # every nearest is near enough
    state = at(ListingState, "/search", {"q": "hovercraft"})
    await state.load()  # type: ignore[attr-defined]
    assert state.cards  # the nearest products, labelled as such
    store = search_shop.search_store
    assert store is not None
    assert store.searches[-1]["query"] == "hovercraft"  # type: ignore[attr-defined]
    assert store.searches[-1]["count"] == 0  # type: ignore[attr-defined]


async def test_filtering_sorting_or_paging_a_search_logs_it_once(search_shop: Shop) -> None:
    """The search box logs a search; the tab's filters, sorts and pages refine it (their
    clicks count for it) and log nothing more."""
    store = search_shop.search_store
    assert store is not None
    before = len(store.searches)  # type: ignore[attr-defined]
    state = at(ListingState, "/search", {"q": "chair"})
    await state.load()  # type: ignore[attr-defined]
    first = state.cards[0].href.split("?sid=")[1]
    for refinement in ({"stock": "1"}, {"sort": "price_asc"}, {"page": "2"}):
        state.parent_state.router = at(  # type: ignore[union-attr]
            ListingState, "/search", {"q": "chair", **refinement}
        ).parent_state.router  # type: ignore[union-attr]
        await state.load()  # type: ignore[attr-defined]
        # (in stock: each opens on the variant it matched, "&variant=")
        assert all(f"?sid={first}" in card.href for card in state.cards)
    assert len(store.searches) == before + 1  # type: ignore[attr-defined]
    state._searched_at -= REFINING_SECONDS + 1  # type: ignore[attr-defined]  # much later
    await state.load()  # type: ignore[attr-defined]  # the same words: a new search now
    assert len(store.searches) == before + 2  # type: ignore[attr-defined]
    state.parent_state.router = at(ListingState, "/search", {"q": "table"}).parent_state.router  # type: ignore[union-attr]
    await state.load()  # type: ignore[attr-defined]  # new words: a new search
    assert len(store.searches) == before + 3  # type: ignore[attr-defined]


async def test_a_search_with_nothing_to_filter_offers_no_filters(search_shop: Shop) -> None:
    """No product and no filter chosen: groups of zeros ("In stock only (0)") are not shown.
    A filter chosen keeps the panel, the way back to the products."""
    state: Any = at(ListingState, "/search", {"q": ""})
    await state.load()
    assert (state.total, state.facets) == (0, [])
    state = at(ListingState, "/search", {"q": "", "stock": "1"})
    await state.load()
    assert state.total == 0
    assert any(group.key == "stock" for group in state.facets)  # to untick it
    state = at(ListingState, "/search", {"q": "chair number 12"})
    await state.load()
    assert state.total > 0
    assert any(group.key == "stock" for group in state.facets)


@pytest.mark.parametrize("path", ["/", "/product/oak-chair", "/category/chairs", "/cart"])
def test_the_box_is_emptied_when_the_shopper_leaves_the_results_page(path: str) -> None:
    box = at(SearchBoxState, path)
    box.text, box.open, box.active = "oak chair", True, 0
    box.results = [CardItem(id=1, href="/product/a")]
    box.page_opened()
    assert (box.text, box.results, box.open, box.active) == ("", [], False, -1)


async def test_the_results_page_keeps_its_words_in_the_box(search_shop: Shop) -> None:
    listing = at(ListingState, "/search", {"q": "table"})
    await listing.load()  # type: ignore[attr-defined]
    box = await listing.get_state(SearchBoxState)
    box.page_opened()
    assert box.text == "table"


def test_words_typed_before_the_page_was_live_are_searched_once_it_is() -> None:
    box = at(SearchBoxState, "/")
    box.text = "lamp"
    opened = box.page_opened()
    assert box.text == ""
    assert '"lamp"' in str(opened)  # the words of the page left, which give way
    # Only words found in the box are sent back: no callback, no event when there are none.
    assert {str(k): str(v) for k, v in opened.args}["callback"] == "null"
    assert "search_box_state.caught_up" in str(opened)
    assert box.caught_up(None) is None  # the box showed nothing of the shopper's
    assert box.caught_up("") is None
    searched = box.caught_up("lampshade")
    assert searched is not None
    assert "typed" in str(searched)
    assert "lampshade" in str(searched)
