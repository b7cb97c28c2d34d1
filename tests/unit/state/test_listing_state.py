from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest
import reflex as rx
from reflex.istate.data import RouterData

from models.records import ImageRecord, VariantRecord
from state.cart import CartState
from state.listing import ListingState
from state.listing_view import FacetOption, meta_descriptions, page_view, split_options
from state.product import DEFAULT_DESCRIPTION, ProductState
from state.product_view import ImageItem
from state.shop import shop
from storefront.bootstrap import Shop, set_shop
from storefront.services.catalog_writer import save_drafts
from storefront.services.listing_query import ListingQuery
from storefront.services.product_edits import edit_product
from tests.fakes import CatalogData
from tests.unit.conftest import draft


@pytest.fixture(autouse=True)
def use_shop(seeded: Shop) -> Iterator[Shop]:
    set_shop(seeded)
    yield seeded
    set_shop(None)


def at(state_cls: type[rx.State], path: str, query: dict[str, str] | None = None) -> rx.State:
    root = rx.State(_reflex_internal_init=True)
    state = root.substates[state_cls.get_name()]
    search = "&".join(f"{k}={v}" for k, v in (query or {}).items())
    root.router = RouterData.from_router_data(
        {"pathname": path, "asPath": f"{path}?{search}" if search else path, "query": query or {}}
    )
    return state


async def test_listing_reads_filters_from_the_url_and_links_every_option() -> None:
    state = at(ListingState, "/category/chairs", {"brand": "aalto", "sort": "price_asc"})
    await state.load()  # type: ignore[attr-defined]
    assert state.not_found is False
    assert state.total == 15
    assert [c.brand for c in state.cards] == ["Aalto"] * 15
    brand = next(g for g in state.facets if g.key == "brand")
    hrefs = {o.labels["en"]: (o.selected, o.href) for o in brand.options}
    assert hrefs == {
        "Aalto": (True, "/category/chairs?sort=price_asc"),
        "Birch & Co": (False, "/category/chairs?brand=aalto,birch-co&sort=price_asc"),
    }
    assert state.sort_hrefs["newest"] == "/category/chairs?brand=aalto&sort=newest"
    assert state.clear_href == "/category/chairs?sort=price_asc"


async def test_a_subcategory_link_keeps_the_filters_its_count_was_taken_with() -> None:
    state = at(ListingState, "/category/furniture", {"brand": "aalto", "page": "2"})
    await state.load()  # type: ignore[attr-defined]
    category = next(g for g in state.facets if g.key == "category")
    links = {o.labels["en"]: (o.count, o.href) for o in category.options}
    assert links == {
        "Chairs": (15, "/category/chairs?brand=aalto"),
        "Tables": (10, "/category/tables?brand=aalto"),
    }


async def test_unknown_category_sets_not_found() -> None:
    state = at(ListingState, "/category/no-such-thing")
    await state.load()  # type: ignore[attr-defined]
    assert state.not_found is True
    assert state.cards == []


async def test_filters_that_match_nothing_say_so_and_a_listing_with_products_does_not() -> None:
    state = at(ListingState, "/category/chairs", {"price": "90000-"})
    await state.load()  # type: ignore[attr-defined]
    assert (state.total, state.nothing_found) == (0, True)
    state = at(ListingState, "/category/chairs")
    await state.load()  # type: ignore[attr-defined]
    assert state.nothing_found is False


async def test_bad_url_parameters_are_reported_not_fatal() -> None:
    state = at(ListingState, "/category/chairs", {"page": "zero", "price": "x-y"})
    await state.load()  # type: ignore[attr-defined]
    assert state.problems_note == {
        "en": "Some filters in the link were not understood and were ignored: "
        "price “x-y”, page “zero”",
        "fr": "Certains filtres du lien n’ont pas été compris et ont été ignorés\u202f: "
        "prix «\u202fx-y\u202f», page «\u202fzero\u202f»",
    }
    assert state.total == 30


async def test_a_brand_no_product_here_carries_is_left_out_and_named_in_each_language() -> None:
    state = at(ListingState, "/category/chairs", {"brand": "gone-brand,aalto", "f_colour": "plaid"})
    await state.load()  # type: ignore[attr-defined]
    assert state.total == 15  # Aalto's chairs, as with brand=aalto alone
    assert state.unknown_note == {
        "en": "Filters left out, as this page does not offer them: "
        "Brand “gone-brand”, Colour “plaid”.",
        "fr": "Filtres retirés, car cette page ne les propose pas\u202f: "
        "Marque «\u202fgone-brand\u202f», Couleur «\u202fplaid\u202f».",
    }
    assert state.choices == 1
    assert state.clear_href == "/category/chairs"
    state = at(ListingState, "/category/chairs", {"brand": "gone-brand"})
    await state.load()  # type: ignore[attr-defined]
    assert (state.total, state.nothing_found, state.choices) == (30, False, 0)
    assert state.unknown_note["en"] == (
        "Filter left out, as this page does not offer it: Brand “gone-brand”."
    )
    state = at(ListingState, "/category/chairs", {"brand": "aalto"})
    await state.load()  # type: ignore[attr-defined]
    assert state.unknown_note == {}


async def test_a_page_past_the_last_shows_the_last_and_says_so() -> None:
    """ "?page=999" showed the last page under a link still saying 999, unsaid (QA)."""
    state = at(ListingState, "/category/chairs", {"page": "999"})
    await state.load()  # type: ignore[attr-defined]
    assert state.page_number == state.page_count
    last = state.page_count
    assert state.problems_note == {
        "en": f"There is no page 999: here is the last one, page {last}.",
        "fr": f"Il n’y a pas de page 999\u202f: voici la dernière, la page {last}.",
    }


async def test_a_link_of_many_unknown_values_names_five_and_counts_the_rest() -> None:
    brands = ",".join(f"gone-{n}" for n in range(40))
    state = at(ListingState, "/category/chairs", {"brand": brands, "page": "x"})
    await state.load()  # type: ignore[attr-defined]
    assert state.total == 30
    named = ", ".join(f"Brand “gone-{n}”" for n in sorted(range(40), key=str)[:5])
    assert state.unknown_note["en"] == (
        f"Filters left out, as this page does not offer them: {named} and 35 more."
    )
    assert state.unknown_note["fr"].endswith(" et 35 de plus.")
    assert state.problems_note["en"].endswith(": page “x”")


async def test_product_picker_selects_a_variant_and_refuses_unknown_values() -> None:
    state = at(ProductState, "/product/chair-number-1")
    await state.load()  # type: ignore[attr-defined]
    assert state.title == "Chair number 1"
    assert state.selected == {"colour": "Red"}
    await state.select_option("colour", "Navy Blue")  # type: ignore[operator]
    assert state.variant.sku == "SKU-1-1"
    await state.select_option("colour", "Purple")  # type: ignore[operator]
    assert state.selected == {"colour": "Navy Blue"}


async def test_a_size_is_never_chosen_for_the_shopper(seeded: Shop) -> None:
    """QA: the first shoe size, highlighted, was bought by a shopper who never chose it."""
    sized = replace(
        draft(77),
        variants=tuple(
            VariantRecord(
                sku=f"S77-{size}",
                price_minor=6_000 if size == "38" else 5_000,
                stock=0 if size == "36" else 3,
                options={"shoe_size": size, "colour": "Black"},
            )
            for size in ("36", "37", "38")
        ),
    )
    seeded.run(save_drafts, [sized])
    state: Any = at(ProductState, "/product/chair-number-77")
    await state.load()
    assert (state.size_unchosen, state.selected) == ("shoe_size", {"colour": "Black"})
    # The cheapest in stock shown, "from" its price as the sizes' differ (38 costs more).
    assert (state.variant.sku, state.stock_level, state.price_from) == ("S77-37", "in", True)
    sizes = next(g for g in state.groups if g.name == "shoe_size")
    assert not any(choice.selected for choice in sizes.choices)
    assert [choice.tab_stop for choice in sizes.choices] == [True, False, False]
    answer = state.ask_size()  # Add to cart pressed first: asked, the focus on the sizes
    assert state.size_asked == 1
    assert "option-group-shoe_size" in str(answer)
    assert await state.select_option("colour", "Black") is None  # no size in the address
    assert state.size_unchosen == "shoe_size"  # another option chosen: the size stays open
    await state.select_option("shoe_size", "38")
    assert (state.size_unchosen, state.variant.sku, state.selected["shoe_size"]) == (
        "",
        "S77-38",
        "38",
    )
    assert (state.variant.price_minor, state.price_from) == (6_000, False)
    assert state.ask_size() is None
    # The variant chosen removed (an import): the size is open again, not another's chosen.
    seeded.run(save_drafts, [replace(sized, variants=sized.variants[:2])])
    await state._refresh("chair-number-77")
    assert (state.size_unchosen, state.selected) == ("shoe_size", {"colour": "Black"})
    # A SKU in the link (a reload, a shared link, the cart's) has it chosen; a listing's
    # variant= (priced by its filters: in stock, a colour) leaves it open (review).
    linked: Any = at(ProductState, "/product/chair-number-77", {"sku": "S77-36"})
    await linked.load()
    assert (linked.size_unchosen, linked.variant.sku, linked.stock_level) == ("", "S77-36", "out")
    listed: Any = at(ProductState, "/product/chair-number-77", {"variant": str(state.variant.id)})
    await listed.load()
    assert (listed.size_unchosen, listed.selected) == ("shoe_size", {"colour": "Black"})


async def test_choosing_another_variant_clears_the_note_about_the_one_added() -> None:
    state = at(ProductState, "/product/chair-number-1")
    await state.load()  # type: ignore[attr-defined]
    cart = await state.get_state(CartState)
    note = {"en": "We have fewer in stock: your cart holds all that is left."}
    cart.message = note  # what adding the red one said
    await state.select_option("colour", "Purple")  # type: ignore[operator]
    assert cart.message == note  # no such colour: nothing changed, the note stays
    await state.select_option("colour", "Navy Blue")  # type: ignore[operator]
    assert cart.message == {}


async def test_unknown_product_sets_not_found() -> None:
    state = at(ProductState, "/product/ghost")
    await state.load()  # type: ignore[attr-defined]
    assert state.not_found is True


def test_long_filter_groups_keep_their_selected_options_in_view() -> None:
    options = [FacetOption({"en": f"o{i}"}, selected=i == 9) for i in range(12)]
    shown, more = split_options(options, shown=6)
    assert [o.labels["en"] for o in shown] == ["o0", "o1", "o2", "o3", "o4", "o5", "o9"]
    assert [o.labels["en"] for o in more] == ["o6", "o7", "o8", "o10", "o11"]
    assert split_options(options[:8], shown=6) == (options[:8], [])  # "2 more" is not worth it


async def test_a_filter_group_opens_and_closes_and_unknown_groups_are_ignored() -> None:
    state = at(ListingState, "/category/chairs")
    await state.load()  # type: ignore[attr-defined]
    state.toggle_group("brand")  # type: ignore[operator]
    state.toggle_group("no-such-group")  # type: ignore[operator]
    assert state.open_groups == ["brand"]
    state.toggle_group("brand")  # type: ignore[operator]
    assert state.open_groups == []


async def test_a_clicked_thumbnail_is_shown_until_an_option_is_chosen() -> None:
    state = at(ProductState, "/product/chair-number-1")
    await state.load()  # type: ignore[attr-defined]
    state.images = [ImageItem("/media/a.svg", "Front", ""), ImageItem("/media/b.svg", "Back", "")]
    state.show_image("/media/b.svg")  # type: ignore[operator]
    assert state.main_image.src == "/media/b.svg"
    state.show_image("https://elsewhere.example/x.png")  # type: ignore[operator]
    assert state.main_image.src == "/media/b.svg"  # not one of the product's: ignored
    await state.select_option("colour", "Navy Blue")  # type: ignore[operator]
    assert state.main_image.src == "/media/a.svg"


async def test_the_pickers_values_follow_the_selection_into_the_update() -> None:
    """What the picker shows is set from the lists themselves, not read through Reflex's
    proxies: it must still change, and be sent, when the selection changes."""
    state = at(ProductState, "/product/chair-number-1")
    await state.load()  # type: ignore[attr-defined]
    root = state.parent_state
    assert root is not None
    root._clean()
    await state.select_option("colour", "Navy Blue")  # type: ignore[operator]
    delta = root.get_delta()[ProductState.get_full_name()]
    sent = {key.split("_rx_state_")[0]: value for key, value in delta.items()}
    assert sent["variant"].sku == "SKU-1-1"
    [colour] = sent["groups"]
    assert [(c.value, c.selected) for c in colour.choices if c.selected] == [("Navy Blue", True)]
    assert sent["stock_level"] in ("in", "low")
    assert sent["main_image"] == state.main_image


async def test_shoppers_on_the_same_listing_share_one_built_view_until_the_page_changes(
    seeded: Shop,
) -> None:
    first, second = at(ListingState, "/category/chairs"), at(ListingState, "/category/chairs")
    await first.load()  # type: ignore[attr-defined]
    await second.load()  # type: ignore[attr-defined]
    assert second.facets == first.facets
    assert second.cards == first.cards
    # Each state holds its own lists (of the shared items).
    assert second.get_value("facets") is not first.get_value("facets")
    assert second.get_value("facets")[0] is first.get_value("facets")[0]
    query, _ = ListingQuery.from_params("chairs", {})
    page = seeded.catalog.listing(query)
    assert page is not None
    assert page_view(page) is page_view(page)  # built once for this page object
    # A new page object (the catalog changed, or its cache let it go) gets a new view.
    assert page_view(replace(page, total=page.total + 1)) is not page_view(page)


async def test_a_warm_listing_is_read_without_a_thread_and_a_cold_one_in_a_thread(
    seeded: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """state.shop.call_cached: the catalog read runs on the event loop when memory holds
    the answer, in a worker thread otherwise; either way the hits are counted once."""
    import state.shop

    hops: list[str] = []
    real_call = state.shop.call

    async def counting_call(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
        hops.append(fn.__name__)
        return await real_call(fn, *args, **kwargs)

    monkeypatch.setattr(state.shop, "call", counting_call)
    stats = seeded.cache.stats
    seeded.catalog.tree()  # warm: the first try finds it, then misses the page
    hits = stats.hits
    cold = at(ListingState, "/category/tables")
    await cold.load()  # type: ignore[attr-defined]
    assert hops == ["listing"]
    assert stats.hits == hits + 1  # the tree, counted by the thread's read only
    hits = stats.hits
    warm = at(ListingState, "/category/tables")
    await warm.load()  # type: ignore[attr-defined]
    assert hops == ["listing"]  # no second hop
    assert (warm.total, stats.hits) == (cold.total, hits + 2)  # the tree and the page


async def test_a_choice_made_in_the_phones_filter_panel_closes_it() -> None:
    """The panel sits above the results on a phone: after a filter, sort or page is chosen
    (the listing loads again), the results show and the focus returns to its button."""
    state = at(ListingState, "/category/chairs")
    await state.load()  # type: ignore[attr-defined]
    state.toggle_filters()  # type: ignore[operator]
    assert state.filters_open is True
    state.router = at(ListingState, "/category/chairs", {"brand": "aalto"}).router
    focus = await state.load()  # type: ignore[attr-defined]
    assert state.filters_open is False
    assert state.total == 15
    assert state.choices == 1  # the Filters button says how many are in use
    assert focus is not None
    # By its id, and only if drawn: after a reload with the panel open it is not yet, and a
    # missing ref was an error in the console (QA).
    script = str(focus)
    assert "getElementById" in script
    assert "filters-button" in script
    assert "?.focus()" in script
    assert await state.load() is None  # type: ignore[attr-defined]  # closed: the focus stays


async def test_another_page_opened_while_the_panel_is_open_closes_it_and_leaves_the_focus() -> None:
    """A search typed in the header, or a link of the menu, from a listing with its panel
    open is another page: the panel closes, and the focus is not taken from the shopper."""
    state = at(ListingState, "/category/chairs")
    await state.load()  # type: ignore[attr-defined]
    state.toggle_filters()  # type: ignore[operator]
    state.router = at(ListingState, "/category/tables").router
    assert await state.load() is None  # type: ignore[attr-defined]
    assert state.filters_open is False


async def test_a_chosen_variant_is_written_in_the_address_in_place() -> None:
    """A reload or a shared link shows the variant chosen (`?sku=`, read at load)."""
    state: Any = at(ProductState, "/product/chair-number-1", {"sid": "7"})
    await state.load()
    answer = await state.select_option("colour", "Navy Blue")
    script = {str(name): value for name, value in answer.args}["javascript_code"]._var_value
    assert '.pop() !== "chair-number-1") return;' in script  # still this product's page
    assert 'url.searchParams.set("sku", "SKU-1-1");' in script  # other parameters kept
    assert "window.history.replaceState(window.history.state," in script  # no new entry
    assert await state.select_option("colour", "Purple") is None  # no such colour: unchanged
    reloaded: Any = at(ProductState, "/product/chair-number-1", {"sid": "7", "sku": "SKU-1-1"})
    await reloaded.load()
    assert reloaded.selected == {"colour": "Navy Blue"}


async def test_a_card_priced_by_a_filter_opens_its_product_on_the_variant_it_matched() -> None:
    # It opened on another colour at another price (QA).
    state: Any = at(ListingState, "/category/chairs", {"f_colour": "navy-blue"})
    await state.load()
    card = state.cards[0]
    assert "?variant=" in card.href
    product: Any = at(ProductState, card.href.split("?")[0], {"variant": card.href.split("=")[-1]})
    await product.load()
    assert product.selected == {"colour": "Navy Blue"}


async def test_a_card_opening_on_a_colour_shows_that_colours_picture(
    data: CatalogData, seeded: Shop
) -> None:
    # A navy filter showed a charcoal quilt, which opened navy (QA).
    pid, chair = next((p, r) for p, r in data.products.items() if len(r.variants) > 1)
    red, navy = ImageRecord("red.jpg", "", "Red"), ImageRecord("navy.jpg", "", "Navy Blue")
    data.products[pid] = replace(chair, images=(red, navy))
    index = next(i for i, v in enumerate(chair.variants) if v.options["colour"] == "Navy Blue")
    card = seeded.catalog.cards([pid])[0]
    [shown] = seeded.catalog.pictured((replace(card, variant_id=pid * 1000 + index),))
    assert shown.image_path == "navy.jpg"
    assert seeded.catalog.pictured((card,)) == (card,)


async def test_a_category_page_is_titled_by_its_name_in_each_language() -> None:
    state: Any = at(ListingState, "/category/chairs")
    await state.load()
    assert state.page_titles == {"en": "Chairs · Boutique", "fr": "Chaises · Boutique"}
    state.searching, state.search_text = True, "chaise"  # a search: its words, as typed
    assert state.page_titles == {"en": "chaise · Boutique", "fr": "chaise · Boutique"}


async def test_a_product_page_describes_itself_from_its_own_text_and_picture() -> None:
    state: Any = at(ProductState, "/product/chair-number-1")
    await state.load()
    assert state.meta_description == "A sturdy chair."
    public = shop().settings.public_url.rstrip("/")
    assert state.og_image == f"{public}/media/products/P1.svg"
    ghost: Any = at(ProductState, "/product/ghost")
    await ghost.load()
    assert (ghost.meta_description, ghost.og_image) == (DEFAULT_DESCRIPTION, "/favicon.ico")


async def test_a_category_page_is_described_in_each_language() -> None:
    state: Any = at(ListingState, "/category/chairs")
    await state.load()
    assert state.descriptions == {
        "en": "Chairs at Boutique: browse, filter and sort the collection, chosen to last.",
        "fr": "Chaises chez Boutique\u202f: parcourez, filtrez et triez la collection, "
        "choisie pour durer.",
    }
    missing: Any = at(ListingState, "/category/ghosts")
    await missing.load()
    assert missing.descriptions["en"] == "Browse, filter and sort the collection at Boutique."


def test_a_category_with_text_of_its_own_is_described_by_it_cut_cleanly(seeded: Shop) -> None:
    page = seeded.catalog.listing(ListingQuery(category_slug="chairs"))
    assert page is not None
    words = "Chairs   for\nevery room, in oak and beech. " * 8
    own = replace(page, category=replace(page.category, description=words))
    described = meta_descriptions(own)
    assert described["en"] == described["fr"]
    assert len(described["en"]) <= 160
    assert described["en"].startswith("Chairs for every room, in oak and beech. Chairs for")
    assert described["en"].endswith("…")


async def test_the_product_page_shows_the_rating_and_count_its_card_shows() -> None:
    page = shop().catalog.product("chair-number-1")
    assert page is not None
    assert page.product.id is not None
    shop().run(edit_product, page.product.id, lambda r: replace(r, rating=3.7, review_count=23))
    listing = at(ListingState, "/category/chairs", {"sort": "price_asc"})
    await listing.load()  # type: ignore[attr-defined]
    [card] = [c for c in listing.cards if c.href == "/product/chair-number-1"]
    product = at(ProductState, "/product/chair-number-1")
    await product.load()  # type: ignore[attr-defined]
    assert (product.rating, product.review_count) == (card.rating, card.review_count)
    assert (product.rating, product.review_count) == (3.7, 23)
