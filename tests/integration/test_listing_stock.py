""" "In stock" with a size chosen means a variant of that size in stock, on real SQLite and
PostgreSQL, in the results and in the counts, and it follows stock as it moves; a price range
and a price sort with a size chosen go by that size's price."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from models.records import VariantRecord
from storefront.adapters.sql_stock_admin import SqlStockAdmin
from storefront.bootstrap import Shop
from storefront.services.admin.stock import StockAdmin
from storefront.services.catalog import ListingPage
from storefront.services.catalog_names import CategorySpec
from storefront.services.catalog_writer import ProductDraft, save_drafts
from storefront.services.facet_values import FacetValue
from storefront.services.listing_query import ListingQuery, Sort
from tests.unit.conftest import draft

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
TRAINERS = CategorySpec(("Shoes", "Trainers"), {}, ("size", "colour"))


def trainer(n: int, price: int, stock_by_size: dict[str, int]) -> ProductDraft:
    variants = tuple(
        VariantRecord(sku=f"T{n}-{size}", price_minor=price, stock=stock, options={"size": size})
        for size, stock in stock_by_size.items()
    )
    return draft(n, category=TRAINERS.path, price=price, variants=variants, title=f"Trainer {n}")


@pytest.fixture
def shop(database_url: str, make_shop: Callable[..., Shop]) -> Shop:
    shop = make_shop(database_url)
    drafts = [
        trainer(1, 8_000, {"40": 3, "42": 0}),  # its size 42 is sold out
        trainer(2, 9_000, {"42": 2}),
    ]
    shop.run(save_drafts, drafts, categories=[TRAINERS])
    return shop


def listing(shop: Shop, size: str, *, in_stock: bool) -> ListingPage:
    query = ListingQuery(
        category_slug="trainers",
        attributes=(("size", frozenset({size})),),
        in_stock=in_stock,
        sort=Sort.PRICE_ASC,
    )
    page = shop.catalog.listing(query)
    assert page is not None
    return page


def shown(page: ListingPage) -> list[str]:
    return [card.slug for card in page.cards]


def counts(page: ListingPage, key: str) -> dict[str, int]:
    return {v.token: v.count for f in page.facets if f.key == key for v in f.values}


def test_in_stock_with_a_size_lists_only_products_with_that_size_in_stock(shop: Shop) -> None:
    size_42_in_stock = listing(shop, "42", in_stock=True)
    assert shown(size_42_in_stock) == ["trainer-2"]
    assert counts(size_42_in_stock, "stock") == {"1": 1}
    assert counts(size_42_in_stock, "size") == {"40": 1, "42": 1}
    assert shown(listing(shop, "40", in_stock=True)) == ["trainer-1"]
    size_42 = listing(shop, "42", in_stock=False)
    assert shown(size_42) == ["trainer-1", "trainer-2"]
    assert counts(size_42, "size") == {"40": 1, "42": 2}
    # The count beside "in stock" is what ticking it shows.
    assert counts(size_42, "stock") == {"1": size_42_in_stock.total}


def test_restocking_the_size_lists_the_product_under_it_and_selling_out_removes_it(
    shop: Shop,
) -> None:
    assert shown(listing(shop, "42", in_stock=True)) == ["trainer-2"]
    assert shown(listing(shop, "40", in_stock=True)) == ["trainer-1"]
    before = shop.query_count()
    listing(shop, "42", in_stock=True)
    assert shop.query_count() == before  # served from the cache, which the moves must outdate
    assert shop.engine is not None
    admin = StockAdmin(SqlStockAdmin(shop.engine), shop.bus.publish)
    admin.adjust_stock("T1-42", "+2", reason="received", note="", actor_id=None, now=NOW)
    restocked = listing(shop, "42", in_stock=True)
    assert shown(restocked) == ["trainer-1", "trainer-2"]
    assert counts(restocked, "stock") == {"1": 2}
    assert counts(restocked, "size") == {"40": 1, "42": 2}
    # A shopper takes the last three in size 40: it leaves "size 40, in stock".
    assert shop.inventory is not None
    assert shop.inventory.reserve("basket", [("T1-40", 3)], NOW)
    assert shown(listing(shop, "40", in_stock=True)) == []
    assert counts(listing(shop, "42", in_stock=True), "size") == {"42": 2}
    assert shown(listing(shop, "40", in_stock=False)) == ["trainer-1"]


def test_a_price_range_and_the_price_sort_go_by_the_chosen_sizes_price(shop: Shop) -> None:
    sized = (
        VariantRecord(sku="T3-40", price_minor=5_000, stock=4, options={"size": "40"}),
        VariantRecord(sku="T3-44", price_minor=12_000, stock=4, options={"size": "44"}),
    )
    single = (VariantRecord(sku="T4-44", price_minor=10_000, stock=4, options={"size": "44"}),)
    shop.run(
        save_drafts,
        [
            draft(3, category=TRAINERS.path, price=5_000, variants=sized, title="Trainer 3"),
            draft(4, category=TRAINERS.path, price=10_000, variants=single, title="Trainer 4"),
        ],
        categories=[TRAINERS],
    )
    size_44 = listing(shop, "44", in_stock=False)
    assert shown(size_44) == ["trainer-4", "trainer-3"]  # 100.00 before 120.00
    under_110 = shop.catalog.listing(replace(size_44.query, price_max=10_999, sort=Sort.PRICE_DESC))
    assert under_110 is not None
    assert shown(under_110) == ["trainer-4"]  # its size 40 at 50.00 is not a size 44
    # A product is counted in each range one of its variants falls in.
    everything = shop.catalog.listing(ListingQuery(category_slug="trainers"))
    assert everything is not None
    ranges = [v for f in everything.facets if f.key == "price" for v in f.values]
    variant_prices = ({8_000}, {9_000}, {5_000, 12_000}, {10_000})

    def within(value: FacetValue, price: int) -> bool:
        return (value.low or 0) <= price and (value.high is None or price < value.high)

    expected = {
        v.token: sum(any(within(v, p) for p in prices) for prices in variant_prices) for v in ranges
    }
    assert {v.token: v.count for v in ranges} == expected
    assert sum(expected.values()) == 5  # trainer 3 in two ranges
