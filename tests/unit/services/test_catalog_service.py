import re
from collections.abc import Collection
from dataclasses import replace

import pytest

from models.catalog import ProductStatus
from models.records import VariantRecord
from storefront.adapters.cache import InProcessCache
from storefront.bootstrap import Shop
from storefront.services.catalog import MAX_SHARED_CHOICES, CatalogService, ListingPage
from storefront.services.catalog_writer import save_drafts
from storefront.services.errors import InvalidProduct, NotFound, SkuTaken
from storefront.services.listing_query import ListingQuery, Sort
from storefront.services.ports import SkuOwner
from storefront.services.product_edits import edit_product, set_variant_price
from storefront.services.versioned_cache import VersionedCache
from tests.fakes import CatalogData, FakeCatalogReader, FakeCatalogStore
from tests.unit.conftest import draft


def chairs(**kw: object) -> ListingQuery:
    return ListingQuery(category_slug="chairs", **kw)  # type: ignore[arg-type]


def test_warm_listing_and_product_page_issue_no_query(seeded: Shop) -> None:
    page = seeded.catalog.listing(chairs(sort=Sort.PRICE_ASC))
    assert page is not None
    seeded.catalog.product(page.cards[0].slug)
    before = seeded.query_count()
    assert seeded.catalog.listing(chairs(sort=Sort.PRICE_ASC)) == page
    assert seeded.catalog.product(page.cards[0].slug) is not None
    assert seeded.query_count() == before


def test_listing_of_a_department_includes_its_subcategories(seeded: Shop) -> None:
    page = seeded.catalog.listing(ListingQuery(category_slug="furniture"))
    assert page is not None
    assert page.total == 40
    assert len(page.cards) == 24
    assert [c.name for c in page.breadcrumbs] == ["Furniture"]


def test_unknown_category_and_product_are_none(seeded: Shop) -> None:
    assert seeded.catalog.listing(ListingQuery(category_slug="nope")) is None
    assert seeded.catalog.product("nope") is None


def test_price_edit_is_visible_at_once_on_product_and_listing(
    seeded: Shop, data: CatalogData
) -> None:
    page = seeded.catalog.listing(chairs(sort=Sort.PRICE_ASC))
    assert page is not None
    cheapest = page.cards[0]
    detail = seeded.catalog.product(cheapest.slug)
    assert detail is not None
    for variant in detail.product.variants:
        seeded.run(set_variant_price, cheapest.id, variant.sku, 999_999)
    after = seeded.catalog.product(cheapest.slug)
    assert after is not None
    assert after.product.price_minor == 999_999
    relisted = seeded.catalog.listing(chairs(sort=Sort.PRICE_ASC))
    assert relisted is not None
    assert relisted.cards[0].id != cheapest.id


def test_an_edit_elsewhere_keeps_other_categories_cached(seeded: Shop) -> None:
    tables = seeded.catalog.listing(ListingQuery(category_slug="tables"))
    chair_page = seeded.catalog.listing(chairs())
    assert tables is not None
    assert chair_page is not None
    chair = seeded.catalog.product(chair_page.cards[0].slug)
    assert chair is not None
    seeded.run(set_variant_price, chair.product.id, chair.product.variants[0].sku, 1)
    before = seeded.query_count()
    seeded.catalog.listing(ListingQuery(category_slug="tables"))
    assert seeded.query_count() == before


def test_invalid_edit_is_refused_and_changes_nothing(seeded: Shop, data: CatalogData) -> None:
    page = seeded.catalog.listing(chairs())
    assert page is not None
    product_id = page.cards[0].id
    before = data.products[product_id]
    with pytest.raises(InvalidProduct):
        seeded.run(edit_product, product_id, lambda r: replace(r, title="  "))
    with pytest.raises(NotFound):
        seeded.run(set_variant_price, product_id, "NO-SUCH-SKU", 10)
    assert data.products[product_id] == before


def test_saving_again_by_external_id_updates_instead_of_duplicating(
    seeded: Shop, data: CatalogData
) -> None:
    count = len(data.products)
    summary = seeded.run(save_drafts, [draft(1, title="Renamed chair")])
    assert (summary.created, summary.updated) == (0, 1)
    assert len(data.products) == count
    assert seeded.catalog.product("chair-number-1") is not None  # the slug is kept stable


def test_product_page_lists_options_and_breadcrumbs(seeded: Shop) -> None:
    page = seeded.catalog.product("chair-number-1")
    assert page is not None
    assert page.options == (("colour", ("Red", "Navy Blue")),)
    assert [c.slug for c in page.breadcrumbs] == ["furniture", "chairs"]


def test_a_sku_of_another_product_is_refused_and_nothing_is_saved(
    seeded: Shop, data: CatalogData
) -> None:
    count = len(data.products)
    thief = draft(99, title="Thief")
    thief = replace(thief, variants=(replace(thief.variants[0], sku="SKU-1-0"),))
    with pytest.raises(InvalidProduct, match="SKU 'SKU-1-0' already belongs to product 'P1'"):
        seeded.run(save_drafts, [draft(98), thief])
    assert len(data.products) == count


def test_a_sku_of_another_product_in_other_capitals_is_refused_naming_it(
    seeded: Shop, data: CatalogData
) -> None:
    count = len(data.products)
    thief = draft(99, title="Thief")
    thief = replace(thief, variants=(replace(thief.variants[0], sku="sku-1-0"),))
    with pytest.raises(
        InvalidProduct, match=re.escape("'sku-1-0' already belongs to product 'P1' (as 'SKU-1-0')")
    ):
        seeded.run(save_drafts, [thief])
    twins = [draft(98), replace(thief, variants=(replace(thief.variants[0], sku="sku-98-0"),))]
    with pytest.raises(
        InvalidProduct,
        match=re.escape("'sku-98-0' is used by both 'P98' and 'P99' (as 'SKU-98-0')"),
    ):
        seeded.run(save_drafts, twins)
    assert len(data.products) == count


def test_one_product_giving_a_sku_twice_in_other_capitals_is_refused(
    seeded: Shop, data: CatalogData
) -> None:
    """The database holds SKUs unique whatever their capitals (migration 0056), within a
    product too: the writer refuses it first, naming the product."""
    count = len(data.products)
    twice = draft(99, colours=("Oak", "Teak"))
    twice = replace(twice, variants=(twice.variants[0], replace(twice.variants[1], sku="sku-99-0")))
    with pytest.raises(InvalidProduct, match="product 'P99' repeats a SKU"):
        seeded.run(save_drafts, [twice])
    assert len(data.products) == count


def test_a_sku_taken_after_the_check_is_named_as_the_check_names_it(
    seeded: Shop, data: CatalogData, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The store refuses it (the database's unique index, beaten by a save at the same
    moment): the writer says which SKU and whose, as its check does, and writes nothing."""
    count = len(data.products)
    thief = draft(99, title="Thief")
    thief = replace(thief, variants=(replace(thief.variants[0], sku="sku-1-0"),))
    real = FakeCatalogStore.sku_owners
    calls: list[int] = []

    def blind_first(self: FakeCatalogStore, skus: Collection[str]) -> dict[str, SkuOwner]:
        calls.append(1)
        return {} if len(calls) == 1 else real(self, skus)

    monkeypatch.setattr(FakeCatalogStore, "sku_owners", blind_first)
    with pytest.raises(SkuTaken, match=re.escape("'sku-1-0' already belongs to product 'P1'")):
        seeded.run(save_drafts, [thief])
    assert len(calls) == 2
    assert len(data.products) == count


def test_the_same_external_id_twice_in_one_save_is_refused(seeded: Shop) -> None:
    with pytest.raises(InvalidProduct, match="appears twice"):
        seeded.run(save_drafts, [draft(200), draft(200)])


def test_a_cold_cache_reuses_the_stored_facet_table(seeded: Shop, data: CatalogData) -> None:
    seeded.catalog.listing(chairs())
    assert data.facet_row_reads == 1
    seeded.cache.clear()
    page = seeded.catalog.listing(chairs(sort=Sort.PRICE_DESC))
    assert page is not None
    assert page.total == 30
    assert data.facet_row_reads == 1


def test_an_edit_outdates_the_stored_facet_tables_of_its_category_chain(
    seeded: Shop, data: CatalogData
) -> None:
    seeded.catalog.listing(chairs())
    seeded.catalog.listing(ListingQuery(category_slug="furniture"))
    seeded.catalog.listing(ListingQuery(category_slug="tables"))
    reads = data.facet_row_reads  # counted before the edit: its commit must not reset it
    detail = seeded.catalog.product("chair-number-3")
    assert detail is not None
    for variant in detail.product.variants:
        seeded.run(set_variant_price, detail.product.id, variant.sku, 1)
    seeded.cache.clear()
    page = seeded.catalog.listing(chairs(sort=Sort.PRICE_ASC))
    assert page is not None
    assert page.cards[0].slug == "chair-number-3"
    seeded.catalog.listing(ListingQuery(category_slug="furniture"))
    assert data.facet_row_reads == reads + 2  # chairs and furniture rebuilt
    seeded.catalog.listing(ListingQuery(category_slug="tables"))
    assert data.facet_row_reads == reads + 2  # tables untouched: stored table reused


def test_cards_are_cached_one_by_one_whatever_list_asks_for_them(seeded: Shop) -> None:
    page = seeded.catalog.listing(chairs())
    assert page is not None
    ids = [card.id for card in page.cards[:4]]
    first = seeded.catalog.cards([ids[0], ids[1], 999_999])  # an unknown id is left out
    assert [card.id for card in first] == ids[:2]
    before = seeded.query_count()
    again = seeded.catalog.cards([ids[1], 999_999, ids[0]])  # another list, same products
    assert [card.id for card in again] == [ids[1], ids[0]]
    assert seeded.query_count() == before
    seeded.catalog.cards(ids)  # only the two new ones are read
    assert seeded.query_count() == before + 1


def test_a_price_edit_reaches_the_cached_cards(seeded: Shop) -> None:
    page = seeded.catalog.listing(chairs())
    assert page is not None
    card = page.cards[0]
    seeded.catalog.cards([card.id])
    product = seeded.catalog.product(card.slug)
    assert product is not None
    sku = product.product.variants[0].sku
    seeded.run(set_variant_price, card.id, sku, 1_234)
    [fresh] = seeded.catalog.cards([card.id])
    assert fresh.price_minor == 1_234


def test_how_listed_products_are_bought_is_one_read_cached_until_an_edit(seeded: Shop) -> None:
    page = seeded.catalog.listing(ListingQuery(category_slug="furniture", page=1))
    assert page is not None
    ids = {int(card.slug.rsplit("-", 1)[1]): card.id for card in page.cards}
    before = seeded.query_count()
    skus = seeded.catalog.skus_to_add([*ids.values(), 999_999])
    assert seeded.query_count() == before + 1  # 24 products, one read
    # Chairs not a multiple of 3 come in two colours: chosen on their page.
    assert skus == {pid: "" if n % 3 and n <= 30 else f"SKU-{n}-0" for n, pid in ids.items()}
    assert seeded.catalog.skus_to_add(list(ids.values())) == skus
    assert seeded.query_count() == before + 1  # warm: no read
    one, two = ids[3], ids[1]
    blue = VariantRecord(sku="SKU-3-BLUE", price_minor=6_000, stock=2, options={"colour": "Blue"})
    seeded.run(edit_product, one, lambda r: replace(r, variants=(*r.variants, blue)))
    seeded.run(edit_product, two, lambda r: replace(r, status=ProductStatus.ARCHIVED))
    fresh = seeded.catalog.skus_to_add(list(ids.values()))
    assert fresh == {pid: sku for pid, sku in skus.items() if pid != two} | {one: ""}


@pytest.mark.parametrize(
    "slug", ["x" * 8_192, "Chair-Number-1", "chair number 1", "chair_number_1", "", "café"]
)
def test_a_product_url_that_cannot_be_a_slug_is_not_found_without_cache_or_query(
    seeded: Shop, slug: str
) -> None:
    cache = seeded.cache._cache
    assert isinstance(cache, InProcessCache)
    before = (seeded.query_count(), len(cache), len(cache._ints), seeded.cache.stats.snapshot())
    assert seeded.catalog.product(slug) is None
    after = (seeded.query_count(), len(cache), len(cache._ints), seeded.cache.stats.snapshot())
    assert after == before


def test_imported_products_with_any_title_are_found_by_their_slug(seeded: Shop) -> None:
    titles = ["Café Crème — ÉDITION « LIMITÉE », 250 g", "日本の茶碗", "Stool " + "very " * 80]
    drafts = [draft(100 + n, title=title) for n, title in enumerate(titles)]
    drafts += [draft(200, title=titles[0])]  # the same title again: a numbered slug
    seeded.run(save_drafts, drafts)
    page = seeded.catalog.listing(chairs(sort=Sort.NEWEST))
    assert page is not None
    assert [card.slug for card in page.cards[:4]] == [
        "cafe-creme-edition-limitee-250-g-2",
        "stool" + "-very" * 15,  # cut at 80 characters
        "item",
        "cafe-creme-edition-limitee-250-g",
    ]
    for card in page.cards[:4]:
        found = seeded.catalog.product(card.slug)
        assert found is not None
        assert found.product.id == card.id


def two_level(data: CatalogData) -> tuple[CatalogService, InProcessCache]:
    """A catalog as a worker sees it: a shared cache (Redis in production), a local one."""
    shared = InProcessCache()
    cache = VersionedCache(shared, ttl_seconds=600, local=InProcessCache(max_entries=10_000))
    return CatalogService(FakeCatalogReader(data), cache, page_size=24), shared


def shared_listings(shared: InProcessCache) -> int:
    return sum(1 for key in shared._entries if ":listing:" in key)


def links(page: ListingPage) -> list[ListingQuery]:
    """The listings a page links to (sorts, pages, filters), read back from their URLs."""
    q = page.query
    targets = [q.with_sort(sort) for sort in Sort]
    targets += [q.with_page(n) for n in range(1, page.page_count + 1)]
    for facet in page.facets:
        for value in facet.values:
            if facet.kind == "brand":
                targets.append(q.toggled_brand(value.token))
            elif facet.kind == "price":
                high = None if value.high is None else value.high - 1
                targets.append(q.with_price(value.low or None, high))
            elif facet.kind == "rating":
                targets.append(q.with_rating(int(value.token)))
            elif facet.kind == "stock":
                targets.append(q.with_stock(True))
            elif facet.kind == "attribute":
                targets.append(q.toggled_attribute(facet.key, value.token))
    return [ListingQuery.from_params("chairs", t.to_params())[0] for t in targets]


def test_the_listings_a_listing_links_to_are_shared_between_processes(
    seeded: Shop, data: CatalogData
) -> None:
    catalog, shared = two_level(data)
    landing = catalog.listing(chairs())
    assert landing is not None
    targets = links(landing)
    assert len({t.cache_key() for t in targets}) == 20  # 5 sorts, page 2, 14 filter values
    for target in targets:
        page = catalog.listing(target)
        assert page is not None
        assert page.canonical
    assert shared_listings(shared) == len({t.cache_key() for t in targets})
    other_worker = CatalogService(
        FakeCatalogReader(data),
        VersionedCache(shared, ttl_seconds=600, local=InProcessCache()),
        page_size=24,
    )
    before = data.queries
    assert all(other_worker.listing(t) == catalog.listing(t) for t in targets)
    assert data.queries == before


def made_up(params: dict[str, str]) -> ListingQuery:
    return ListingQuery.from_params("chairs", params)[0]


def test_made_up_listing_queries_add_nothing_to_the_shared_cache(
    seeded: Shop, data: CatalogData
) -> None:
    catalog, shared = two_level(data)
    assert catalog.listing(chairs()) is not None
    assert shared_listings(shared) == 1
    queries = [made_up({"price": f"{n}-{n + 7}.5"}) for n in range(200)]
    queries += [
        made_up({"brand": "nope"}),
        made_up({"f_colour": "plaid"}),
        made_up({"f_nope": "x"}),
        made_up({"page": "99"}),
        made_up({"sort": "newest", "page": "9999"}),
        made_up({"brand": "aalto", "f_colour": "red"}),  # real, but two choices
        made_up({"brand": "aalto,birch-co"}),
        made_up({"stock": "1", "rating": "4"}),
        ListingQuery(category_slug="chairs", attributes=(("colour", frozenset()),)),
    ]
    for query in queries:
        page = catalog.listing(query)
        assert page is not None
        assert not page.canonical or page.query.choice_count > MAX_SHARED_CHOICES
    assert shared_listings(shared) == 1
    beyond = catalog.listing(made_up({"page": "99"}))
    assert beyond is not None
    assert (beyond.page, beyond.page_count, len(beyond.cards)) == (2, 2, 6)  # the last page
    before = data.queries
    assert catalog.listing(made_up({"brand": "aalto", "f_colour": "red"})) is not None
    assert data.queries == before  # still remembered, by this process
