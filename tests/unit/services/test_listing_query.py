from urllib.parse import urlencode

from storefront.services.listing_query import (
    PROBLEM_TEXT_AT_MOST,
    ListingQuery,
    ParamProblem,
    Sort,
)


def parse(params: dict[str, str]) -> tuple[ListingQuery, list[ParamProblem]]:
    return ListingQuery.from_params("chairs", params, "EUR")


def test_url_round_trip_keeps_every_filter_sort_and_page() -> None:
    query, problems = parse(
        {
            "brand": "birch-co,aalto",
            "price": "10-49.99",
            "rating": "4",
            "stock": "1",
            "f_colour": "navy-blue,red",
            "sort": "price_desc",
            "page": "3",
        }
    )
    assert problems == []
    assert query.url("/category/chairs") == (
        "/category/chairs?brand=aalto,birch-co&price=10-49.99&rating=4&stock=1"
        "&f_colour=navy-blue,red&sort=price_desc&page=3"
    )
    again, _ = parse(dict(item.split("=") for item in query.url("").lstrip("?").split("&")))
    assert again == query


def test_price_is_read_in_major_units_and_kept_in_minor_units() -> None:
    query, _ = parse({"price": "12,5-"})
    assert (query.price_min, query.price_max) == (1250, None)


def test_reversed_price_bounds_are_swapped() -> None:
    query, _ = parse({"price": "50-10"})
    assert (query.price_min, query.price_max) == (1000, 5000)


def test_invalid_parameters_are_dropped_and_reported() -> None:
    query, problems = parse(
        {"price": "abc", "rating": "9", "sort": "cheapest", "page": "-2", "brand": "ok,<script>"}
    )
    assert query == ListingQuery(category_slug="chairs", brands=frozenset({"ok"}))
    assert [(p.kind, p.text) for p in problems] == [
        ("filter", "brand"),
        ("price", "abc"),
        ("rating", "9"),
        ("sort", "cheapest"),
        ("page", "-2"),
    ]


def test_odd_digits_and_huge_numbers_are_dropped_and_reported_not_raised() -> None:
    huge = "9" * 5000
    for params in ({"page": "²"}, {"page": huge}, {"price": f"{huge}-"}, {"price": "²-5"}):
        query, problems = parse(params)
        assert query == ListingQuery(category_slug="chairs")
        assert len(problems) == 1
        assert len(problems[0].text) <= PROBLEM_TEXT_AT_MOST  # a link's 5,000 digits, cut


def test_changing_a_filter_goes_back_to_page_one() -> None:
    query, _ = parse({"page": "4"})
    assert query.toggled_brand("aalto").page == 1
    assert query.with_sort(Sort.NEWEST).page == 1
    assert query.with_page(5).page == 5


def test_toggling_an_attribute_twice_removes_it() -> None:
    query, _ = parse({})
    assert query.toggled_attribute("colour", "red").toggled_attribute("colour", "red") == query


def test_cleared_keeps_the_sort_but_no_filter() -> None:
    query, _ = parse({"brand": "aalto", "sort": "newest", "stock": "1"})
    assert query.cleared().url("/c") == "/c?sort=newest"
    assert query.cleared().choice_count == 0
    assert query.choice_count == 2


def test_a_searchs_category_is_a_filter_cleared_with_the_others() -> None:
    # "Clear all filters" kept it: a search narrowed to an empty category had no way out (QA).
    query, _ = ListingQuery.from_params(None, {"q": "quilt", "category": "bedding"}, search=True)
    assert (query.choice_count, query.cleared().url("/search")) == (1, "/search?q=quilt")
    page, _ = ListingQuery.from_params("bedding", {"brand": "aalto"})
    assert (page.choice_count, page.cleared().category_slug) == (1, "bedding")


def test_urls_are_written_as_urlencode_writes_them() -> None:
    texts = ["oak chair", "café & crème", "50%+off", "a/b,c", "naïve?=x", "plain-slug_1.2~"]
    for text in texts:
        query = ListingQuery(category_slug=None, text=text, brands=frozenset({"aalto"}))
        expected = "/search?" + urlencode(query.to_params(), safe=",/")
        assert query.url("/search") == expected, text


def test_choice_count_counts_each_value_and_each_other_filter_once() -> None:
    query, _ = ListingQuery.from_params(
        "shoes",
        {"brand": "a,b", "f_size": "42", "price": "10-20", "rating": "4", "stock": "1"},
    )
    assert query.choice_count == 6
    assert ListingQuery.from_params("shoes", {"sort": "newest", "page": "3"})[0].choice_count == 0
