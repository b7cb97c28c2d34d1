import itertools

from models.views import BrandView, CategoryNode, FacetRow, FacetVariant, ProductCard
from storefront.services.card_prices import MatchedPrice, priced_as_matched
from storefront.services.category_tree import CategoryTree
from storefront.services.facet_table import FacetTable
from storefront.services.facet_values import shown_rating
from storefront.services.facets import popularity, run_facets
from storefront.services.listing_query import ListingQuery, Sort
from storefront.services.named_variants import naming_words
from storefront.services.price_buckets import price_buckets
from storefront.services.unknown_choices import UnknownChoice

TREE = CategoryTree(
    [
        CategoryNode(1, None, "furniture", "Furniture"),
        CategoryNode(2, 1, "chairs", "Chairs", facet_keys=("colour",)),
        CategoryNode(3, 1, "tables", "Tables"),
    ]
)
BRANDS = {1: BrandView(1, "aalto", "Aalto"), 2: BrandView(2, "birch", "Birch")}


def row(
    pid: int,
    *,
    brand: int = 1,
    price: int = 1000,
    colour: str = "Red",
    cat: int = 2,
    in_stock: bool = True,
    **kw: object,
) -> FacetRow:
    """A product with one variant, in `colour`."""
    values: dict[str, object] = {
        "product_id": pid,
        "category_id": cat,
        "brand_id": brand,
        "price_minor": price,
        "rating": 4.0,
        "review_count": 10,
        "created_ts": float(pid),
        "featured": False,
        "attributes": {},
        "variants": (FacetVariant({"colour": colour}, in_stock, price),),
    }
    values |= kw
    return FacetRow(**values)  # type: ignore[arg-type]


def shoe(pid: int, *variants: tuple[str, str, bool], material: str = "Leather") -> FacetRow:
    """A product with (size, colour, in stock) variants and its own material."""
    return row(
        pid,
        attributes={"material": (material,)},
        variants=tuple(FacetVariant({"size": s, "colour": c}, ok, 1000) for s, c, ok in variants),
    )


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


def test_featured_sort_lists_the_sold_out_last_even_when_featured() -> None:
    """Four sold-out cards opened a page of lamps (QA)."""
    rows = [
        row(1, rating=4.9, review_count=300, in_stock=False),
        row(2, rating=3.0, review_count=5),
        row(3, featured=True, in_stock=False),
        row(4, featured=True),
    ]
    assert run(ListingQuery(), rows).page_ids == (4, 2, 3, 1)


def test_best_rated_trusts_a_rating_as_far_as_its_reviews_go_and_lists_the_unrated_last() -> None:
    """5.0 from 6 reviews ranked above 4.9 from 211 (QA)."""
    rows = [
        row(1, rating=5.0, review_count=6),
        row(2, rating=4.9, review_count=211),
        row(3, rating=0.0, review_count=0),
        row(4, rating=2.0, review_count=50),
    ]
    assert run(ListingQuery(sort=Sort.RATING), rows).page_ids == (2, 1, 4, 3)


def test_paging_slices_and_clamps_to_the_last_page() -> None:
    result = run(ListingQuery(page=9, sort=Sort.PRICE_ASC), size=2)
    assert (result.page, result.page_count, result.total, result.page_ids) == (3, 3, 5, (5,))


def test_price_filter_is_inclusive_and_price_facet_ignores_it() -> None:
    result = run(ListingQuery(price_min=2000, price_max=3000))
    assert result.page_ids == (2, 3)
    buckets = {token: v for token, v in facet(result, "price").items() if token != "20-30"}
    assert sum(count for count, _ in buckets.values()) == 5


def test_a_price_range_of_the_link_that_is_no_bucket_is_listed_ticked_with_its_count() -> None:
    """`?price=20-30` filtered the page with nothing ticked to say so, or to untick."""
    shown = facet(run(ListingQuery(price_min=2000, price_max=3000)), "price")
    assert shown["20-30"] == (2, True)
    assert [token for token, (_, ticked) in shown.items() if ticked] == ["20-30"]
    [prices] = [f for f in run(ListingQuery(price_min=2000)).facets if f.key == "price"]
    over = next(v for v in prices.values if v.selected)
    assert (over.low, over.high, over.count) == (2000, None, 4)  # "Over €20.00"
    # "lamp under 40" is 39.99 at most, shown "Under €40.00" as a bucket is (QA: "Under
    # €39.99", which 39.99 is not).
    [prices] = [f for f in run(ListingQuery(price_max=2999)).facets if f.key == "price"]
    under = next(v for v in prices.values if v.selected)
    assert (under.low, under.high, under.token) == (0, 3000, "-29.99")
    # A bucket chosen is ticked as itself, not listed twice.
    [every] = [f for f in run(ListingQuery()).facets if f.key == "price"]
    first = every.values[0]
    high = None if first.high is None else first.high - 1
    chosen = facet(run(ListingQuery().with_price(first.low or None, high)), "price")
    assert [token for token, (_, ticked) in chosen.items() if ticked] == [first.token]


def test_a_price_range_the_other_filters_leave_empty_is_not_offered_unless_chosen() -> None:
    """The ranges come from the listing's prices; with a brand chosen some hold nothing."""
    everything = facet(run(ListingQuery()), "price")
    aalto = ListingQuery(brands=frozenset({"aalto"}))  # products 1 and 2: 10.00 and 20.00
    offered = facet(run(aalto), "price")
    assert set(offered) < set(everything)
    assert all(count > 0 for count, _ in offered.values())
    assert sum(count for count, _ in offered.values()) == 2
    # An empty range that is chosen stays, ticked, so that it can be unticked.
    [prices] = [f for f in run(ListingQuery()).facets if f.key == "price"]
    empty = next(v for v in prices.values if v.token not in offered)
    high = None if empty.high is None else empty.high - 1
    chosen = aalto.with_price(empty.low or None, high)
    assert facet(run(chosen), "price")[empty.token] == (0, True)


def test_price_buckets_have_round_bounds_and_cover_everything() -> None:
    buckets = price_buckets([990, 1490, 2490, 3990, 7990, 12900, 45000], "EUR")
    assert buckets[0][0] == 0
    assert buckets[-1][1] is None
    assert all(low % 100 == 0 for low, _ in buckets)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(buckets))


def test_selected_values_stay_visible_even_with_no_match() -> None:
    # Green is a colour of the listing, but no Aalto product is green.
    query = ListingQuery(
        brands=frozenset({"aalto"}), attributes=(("colour", frozenset({"green"})),)
    )
    result = run(query)
    assert result.total == 0
    assert facet(result, "colour")["green"] == (0, True)
    assert (result.query, result.unknown) == (query, ())
    # Named as the products write it, not as the link does ("linen" beside "Linen Shade"; QA).
    [colour] = [f for f in result.facets if f.key == "colour"]
    assert {v.token: v.label for v in colour.values}["green"] == "Green"


def test_values_no_product_carries_are_left_out_and_named() -> None:
    query = ListingQuery(
        brands=frozenset({"gone", "aalto"}),
        attributes=(("colour", frozenset({"plaid", "red"})), ("nope", frozenset({"x"}))),
        sort=Sort.NEWEST,
    )
    result = run(query)
    assert result.unknown == (
        UnknownChoice("brand", "brand", "gone"),
        UnknownChoice("attribute", "colour", "plaid"),
        UnknownChoice("attribute", "nope", "x"),
    )
    known = ListingQuery(
        brands=frozenset({"aalto"}), attributes=(("colour", frozenset({"red"})),), sort=Sort.NEWEST
    )
    assert result.query == known
    assert (result.total, result.page_ids) == (1, (1,))
    assert result.canonical is False  # the shop's own links never make it


def test_a_brand_of_the_shop_but_of_no_product_here_is_left_out_and_alone_lists_all() -> None:
    result = run(ListingQuery(brands=frozenset({"birch"})), category=2, rows=ROWS[:2])
    assert result.unknown == (UnknownChoice("brand", "brand", "birch"),)
    assert (result.query, result.total) == (ListingQuery(), 2)
    assert "birch" not in facet(result, "brand")


def sized(*filters: tuple[str, str], in_stock: bool = False) -> ListingQuery:
    return ListingQuery(
        attributes=tuple((key, frozenset({token})) for key, token in filters), in_stock=in_stock
    )


SHOES = [
    shoe(1, ("40", "Black", True), ("42", "Black", False)),  # its 42 is sold out
    shoe(2, ("42", "Black", True), ("42", "Coral", True)),
    shoe(3, ("42", "Black", True), ("40", "Coral", True)),  # no coral 42 at all
    shoe(4, ("42", "Coral", False), ("40", "Coral", True), material="Suede"),
]


def test_a_size_in_stock_needs_a_variant_of_that_size_in_stock() -> None:
    result = run(sized(("size", "42"), in_stock=True), SHOES)
    assert result.page_ids == (2, 3)
    assert facet(result, "stock") == {"1": (2, True)}
    # Each size counts the products with an in-stock variant of it; shoe 2 counts once.
    assert facet(result, "size") == {"40": (3, False), "42": (2, True)}
    assert facet(result, "colour") == {"black": (2, False), "coral": (1, False)}


def test_without_in_stock_a_sold_out_size_still_lists_and_counts() -> None:
    result = run(sized(("size", "42")), SHOES)
    assert result.page_ids == (2, 3, 1, 4)  # those whose 42 is sold out last
    assert facet(result, "stock") == {"1": (2, False)}  # what ticking it would show
    assert facet(result, "size") == {"40": (3, False), "42": (4, True)}
    assert run(sized(("size", "40"), in_stock=True), SHOES).page_ids == (1, 3, 4)


def test_two_attributes_need_one_variant_carrying_both() -> None:
    both = run(sized(("size", "42"), ("colour", "coral")), SHOES)
    assert both.page_ids == (2, 4)  # shoe 3 has a 42 and a coral, but no coral 42
    assert facet(both, "stock") == {"1": (1, False)}
    in_stock = run(sized(("size", "42"), ("colour", "coral"), in_stock=True), SHOES)
    assert in_stock.page_ids == (2,)
    assert facet(in_stock, "size") == {"40": (2, False), "42": (1, True)}
    assert facet(in_stock, "colour") == {"black": (2, False), "coral": (1, True)}


def test_the_products_own_attributes_go_with_each_of_its_variants() -> None:
    result = run(sized(("material", "suede"), ("size", "42"), in_stock=True), SHOES)
    assert result.total == 0  # shoe 4's suede 42 is sold out
    assert facet(result, "material") == {"leather": (2, False), "suede": (0, True)}
    assert run(sized(("material", "suede"), ("size", "40"), in_stock=True), SHOES).page_ids == (4,)


def test_a_variants_own_option_wins_over_the_products_attribute_of_that_name() -> None:
    """An import listing the product's colours (red, blue) beside its variants' colours: its
    red variant in stock is not "blue, in stock"."""
    listed = row(
        7,
        attributes={"colour": ("Red", "Blue")},
        variants=(
            FacetVariant({"size": "40", "colour": "Red"}, True, 1000),
            FacetVariant({"size": "40", "colour": "Blue"}, False, 1000),
        ),
    )
    assert run(sized(("colour", "blue"), in_stock=True), [listed]).total == 0
    assert run(sized(("colour", "red"), in_stock=True), [listed]).page_ids == (7,)
    assert run(sized(("colour", "blue")), [listed]).page_ids == (7,)


def test_in_stock_under_a_price_means_one_variant_both_and_sorts_by_it() -> None:
    """A lamp whose cheap shade is sold out is not "in stock, 10.00 to 20.00"; sorted by
    price in stock, it goes by the shade that can be bought."""
    lamp = row(
        8,
        price=1500,
        variants=(
            FacetVariant({"colour": "White"}, False, 1500),
            FacetVariant({"colour": "Brass"}, True, 4500),
        ),
    )
    plain = row(9, price=3000)
    assert run(ListingQuery(price_min=1000, price_max=2000), [lamp, plain]).page_ids == (8,)
    in_stock = ListingQuery(price_min=1000, price_max=2000, in_stock=True)
    assert run(in_stock, [lamp, plain]).total == 0
    by_price = ListingQuery(in_stock=True, sort=Sort.PRICE_ASC)
    assert run(by_price, [lamp, plain]).page_ids == (9, 8)
    assert run(ListingQuery(sort=Sort.PRICE_ASC), [lamp, plain]).page_ids == (8, 9)
    # What its card then shows: the price sorted by (QA: "from €37.99" in a €50-€100 list,
    # prices jumping up and down in a list sorted by price).
    assert run(by_price, [lamp, plain]).matched_prices == {
        9: MatchedPrice(3000),
        8: MatchedPrice(4500),
    }
    assert run(ListingQuery(sort=Sort.PRICE_ASC), [lamp, plain]).matched_prices == {}
    many = row(
        10,
        price=1000,
        variants=tuple(
            FacetVariant({"colour": c}, True, p) for c, p in [("A", 1000), ("B", 6000), ("C", 7000)]
        ),
    )
    assert run(ListingQuery(price_min=5000), [many]).matched_prices == {
        10: MatchedPrice(6000, True)
    }


def test_a_card_priced_as_matched_shows_that_variants_own_was_price() -> None:
    """M at 50 was 80, L at 50 not reduced: filtered to L, no "was 80" (review)."""
    shirt = row(
        11,
        price=5000,
        variants=(
            FacetVariant({"size": "M"}, True, 5000, 8000),
            FacetVariant({"size": "L"}, True, 5000),
            FacetVariant({"size": "S"}, True, 4000, 4500),
            FacetVariant({"size": "XL"}, False, 5500, None, 77),
        ),
    )
    # A card priced by a sold-out size says so, and opens on it (QA).
    size = (("size", frozenset({"xl"})),)
    assert run(ListingQuery(attributes=size), [shirt]).matched_prices == {
        11: MatchedPrice(5500, False, None, 77, in_stock=False)
    }
    size = (("size", frozenset({"l"})),)
    assert run(ListingQuery(attributes=size), [shirt]).matched_prices == {11: MatchedPrice(5000)}
    size = (("size", frozenset({"m"})),)
    assert run(ListingQuery(attributes=size), [shirt]).matched_prices == {
        11: MatchedPrice(5000, False, 8000)
    }
    card = ProductCard(11, "shirt", "Shirt", "", 4000, 4500, "EUR", 4.0, 3, None, True, True)
    [shown] = priced_as_matched([card], {11: MatchedPrice(5000)})
    assert (shown.price_minor, shown.price_varies, shown.compare_at_minor) == (5000, False, None)
    [sold_out] = priced_as_matched([card], {11: MatchedPrice(5500, False, None, 77, False)})
    assert (sold_out.in_stock, sold_out.variant_id) == (False, 77)
    assert priced_as_matched([card], {}) == (card,)


def test_a_stored_table_reads_back_the_same() -> None:
    table = FacetTable.from_rows(SHOES)
    stored = FacetTable.from_bytes(table.to_bytes())
    assert stored is not None
    query = sized(("size", "42"), ("colour", "coral"), in_stock=True)
    fresh, read_back = (
        run(query, SHOES),
        run_facets(stored, query, tree=TREE, brands=BRANDS, category_id=1, page_size=24),
    )
    assert read_back.page_ids == fresh.page_ids == (2,)
    assert {f.key: f for f in read_back.facets} == {f.key: f for f in fresh.facets}


def test_a_query_is_canonical_only_when_the_facets_offer_each_of_its_choices() -> None:
    cheapest = run(ListingQuery()).facets
    [price] = [f for f in cheapest if f.key == "price"]
    low, high = price.values[0].low, price.values[0].high
    assert high is not None
    offered = [
        ListingQuery(),
        ListingQuery(brands=frozenset({"aalto"})),
        ListingQuery(attributes=(("colour", frozenset({"navy-blue"})),)),
        ListingQuery(price_min=low or None, price_max=high - 1),
        ListingQuery(min_rating=4, in_stock=True, sort=Sort.NEWEST),
    ]
    assert [run(q).canonical for q in offered] == [True] * 5
    made_up = [
        ListingQuery(brands=frozenset({"nope"})),
        ListingQuery(attributes=(("colour", frozenset({"plaid"})),)),
        ListingQuery(attributes=(("nope", frozenset({"red"})),)),
        ListingQuery(price_min=1_234, price_max=5_678),
        ListingQuery(min_rating=5),
        ListingQuery(page=2),  # one page only
    ]
    assert [run(q).canonical for q in made_up] == [False] * 6


def test_the_rating_filter_and_its_counts_go_by_the_rating_cards_show() -> None:
    ratings = [3.96, 3.94, 4.2, 1.95, 0.95]
    rows = [row(n, rating=r) for n, r in enumerate(ratings, 1)]
    assert [shown_rating(r) for r in ratings] == [4.0, 3.9, 4.2, 2.0, 1.0]
    result = run(ListingQuery(min_rating=4), rows)
    assert sorted(result.page_ids) == [1, 3]  # 3.96 shows as 4.0
    [rating] = [f for f in result.facets if f.key == "rating"]
    counts = {v.token: v.count for v in rating.values}
    assert (counts["4"], counts["2"], counts["1"]) == (2, 4, 5)


def test_a_searchs_words_naming_a_variant_price_and_open_its_card_on_it() -> None:
    """ "red dress": red dresses found, shown and opened on their first colour, teal (QA)."""
    dress = row(
        12,
        price=3000,
        variants=(
            FacetVariant({"colour": "Teal"}, True, 3000, None, 120),
            FacetVariant({"colour": "Red"}, True, 3500, None, 121),
            FacetVariant({"colour": "Navy Blue"}, True, 3200, None, 122),
        ),
    )
    plain = row(13, colour="Red")  # only red: nothing to choose, nothing to change

    def named(*words: str):  # type: ignore[no-untyped-def]
        table = FacetTable.from_rows([dress, plain])
        return run_facets(
            table, ListingQuery(), tree=TREE, brands=BRANDS, category_id=1, page_size=24,
            ranked_ids=[12, 13], named_by=words,
        ).matched_prices  # fmt: skip

    assert named("red", "dress") == {12: MatchedPrice(3500, False, None, 121)}
    assert named("navy", "blue", "dress") == {12: MatchedPrice(3200, False, None, 122)}
    assert named("blue", "dress") == {}  # half a name names nothing
    assert named("dress") == {}


def test_words_naming_every_variant_by_one_option_still_choose_by_another() -> None:
    """ "red sol hardened steel bike light": every variant is hardened steel, one is red."""
    light = row(
        14,
        attributes={"material": ("Hardened Steel",)},
        variants=(
            FacetVariant({"colour": "White", "size": "S"}, True, 2000, None, 140),
            FacetVariant({"colour": "Red", "size": "S"}, True, 2000, None, 141),
            FacetVariant({"colour": "Red", "size": "L"}, True, 2500, None, 142),
        ),
    )
    table = FacetTable.from_rows([light])

    def named(*words: str):  # type: ignore[no-untyped-def]
        return run_facets(
            table, ListingQuery(), tree=TREE, brands=BRANDS, category_id=1, page_size=24,
            ranked_ids=[14], named_by=words,
        ).matched_prices  # fmt: skip

    assert named("red", "hardened", "steel") == {14: MatchedPrice(2000, True, None, 141)}
    assert named("red", "l") == {14: MatchedPrice(2500, False, None, 142)}
    assert named("white", "l") == {}  # no white L: the card as it is


def test_a_value_inside_another_named_is_not_and_a_possessive_names_no_size() -> None:
    """ "navy blue" named Blue too, the card opening on the cheaper; "women's" named the
    size S (review)."""
    dress = row(
        15,
        price=3000,
        variants=(
            FacetVariant({"colour": "Blue", "size": "M"}, True, 3000, None, 150),
            FacetVariant({"colour": "Navy Blue", "size": "M"}, True, 3400, None, 151),
            FacetVariant({"colour": "Navy Blue", "size": "S"}, True, 3400, None, 152),
        ),
    )
    table = FacetTable.from_rows([dress])

    def named(text: str):  # type: ignore[no-untyped-def]
        return run_facets(
            table, ListingQuery(), tree=TREE, brands=BRANDS, category_id=1, page_size=24,
            ranked_ids=[15], named_by=naming_words(text),
        ).matched_prices  # fmt: skip

    assert named("navy blue dress") == {15: MatchedPrice(3400, False, None, 151)}
    assert named("blue dress") == {15: MatchedPrice(3000, False, None, 150)}
    assert named("women's navy blue dress") == {15: MatchedPrice(3400, False, None, 151)}
    assert named("navy blue dress s") == {15: MatchedPrice(3400, False, None, 152)}
    # Sorted by price, the card keeps the price the list went by.
    by_price = ListingQuery(sort=Sort.PRICE_ASC)
    assert run_facets(
        table, by_price, tree=TREE, brands=BRANDS, category_id=1, page_size=24,
        ranked_ids=[15], named_by=naming_words("navy blue dress"),
    ).matched_prices == {}  # fmt: skip
