import itertools

from models.views import BrandView, CategoryNode, FacetRow
from storefront.services.category_tree import CategoryTree
from storefront.services.facet_table import FacetTable
from storefront.services.facets import popularity, run_facets
from storefront.services.listing_query import ListingQuery, Sort
from storefront.services.price_buckets import price_buckets

TREE = CategoryTree(
    [
        CategoryNode(1, None, "furniture", "Furniture"),
        CategoryNode(2, 1, "chairs", "Chairs", facet_keys=("colour",)),
        CategoryNode(3, 1, "tables", "Tables"),
    ]
)
BRANDS = {1: BrandView(1, "aalto", "Aalto"), 2: BrandView(2, "birch", "Birch")}


def row(
    pid: int, *, brand: int = 1, price: int = 1000, colour: str = "Red", cat: int = 2, **kw: object
) -> FacetRow:
    values: dict[str, object] = {
        "product_id": pid,
        "category_id": cat,
        "brand_id": brand,
        "price_minor": price,
        "rating": 4.0,
        "review_count": 10,
        "in_stock": True,
        "created_ts": float(pid),
        "featured": False,
        "attributes": {"colour": (colour,)},
    }
    values |= kw
    return FacetRow(**values)  # type: ignore[arg-type]


ROWS = [
    row(1, brand=1, price=1000, colour="Red"),
    row(2, brand=1, price=2000, colour="Navy Blue"),
    row(3, brand=2, price=3000, colour="Red"),
    row(4, brand=2, price=4000, colour="Green", in_stock=False),
    row(5, brand=2, price=5000, colour="Red", cat=3),
]


def facet(result, key):  # type: ignore[no-untyped-def]
    return {v.token: (v.count, v.selected) for f in result.facets if f.key == key for v in f.values}


def run(query: ListingQuery, rows: list[FacetRow] = ROWS, category: int = 1, size: int = 24):  # type: ignore[no-untyped-def]
    table = FacetTable.from_rows(rows)
    return run_facets(table, query, tree=TREE, brands=BRANDS, category_id=category, page_size=size)


def test_brand_counts_ignore_the_brand_filter_but_apply_the_others() -> None:
    query = ListingQuery(
        category_slug="furniture",
        brands=frozenset({"aalto"}),
        attributes=(("colour", frozenset({"red"})),),
    )
    result = run(query)
    assert result.page_ids == (1,)
    assert facet(result, "brand") == {"aalto": (1, True), "birch": (2, False)}
    assert facet(result, "colour") == {"red": (1, True), "navy-blue": (1, False)}


def test_a_row_failing_two_filters_counts_nowhere() -> None:
    query = ListingQuery(category_slug="furniture", brands=frozenset({"aalto"}), in_stock=True)
    result = run(query)
    assert facet(result, "brand")["birch"] == (2, False)  # product 4 is out of stock and Birch
    assert facet(result, "stock") == {"1": (2, True)}


def test_category_facet_counts_results_per_child() -> None:
    result = run(ListingQuery(category_slug="furniture"))
    assert facet(result, "category") == {"chairs": (4, False), "tables": (1, False)}


def test_sorts_order_results_and_break_ties_by_id() -> None:
    assert run(ListingQuery(sort=Sort.PRICE_DESC)).page_ids == (5, 4, 3, 2, 1)
    assert run(ListingQuery(sort=Sort.PRICE_ASC)).page_ids == (1, 2, 3, 4, 5)
    assert run(ListingQuery(sort=Sort.NEWEST)).page_ids == (5, 4, 3, 2, 1)


def test_featured_sort_puts_featured_first_then_trusted_ratings() -> None:
    rows = [
        row(1, rating=4.9, review_count=2),
        row(2, rating=4.6, review_count=400),
        row(3, rating=3.0, review_count=5, featured=True),
    ]
    assert run(ListingQuery(), rows).page_ids == (3, 2, 1)
    assert popularity(4.6, 400) > popularity(4.9, 2)


def test_paging_slices_and_clamps_to_the_last_page() -> None:
    result = run(ListingQuery(page=9, sort=Sort.PRICE_ASC), size=2)
    assert (result.page, result.page_count, result.total, result.page_ids) == (3, 3, 5, (5,))


def test_price_filter_is_inclusive_and_price_facet_ignores_it() -> None:
    result = run(ListingQuery(price_min=2000, price_max=3000))
    assert result.page_ids == (2, 3)
    assert sum(count for count, _ in facet(result, "price").values()) == 5


def test_price_buckets_have_round_bounds_and_cover_everything() -> None:
    buckets = price_buckets([990, 1490, 2490, 3990, 7990, 12900, 45000], "EUR")
    assert buckets[0][0] == 0
    assert buckets[-1][1] is None
    assert all(low % 100 == 0 for low, _ in buckets)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(buckets))


def test_selected_values_stay_visible_even_with_no_match() -> None:
    query = ListingQuery(attributes=(("colour", frozenset({"purple"})),))
    result = run(query)
    assert result.total == 0
    assert any(f.key == "colour" for f in result.facets)
