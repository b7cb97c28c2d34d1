"""Buying from the wishlist (services/cart/from_wishlist.py) on the in-memory cart store and a
catalog of two products; the page: tests/e2e/test_account_lists.py."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from models.views import ProductCard, ProductDetail, VariantView
from storefront.services.cart.from_wishlist import add_kept, ways_to_buy
from storefront.services.cart.ports import CartGone, StoredLine
from storefront.services.cart.service import ACCOUNT_GONE, MAX_QUANTITY, Carts
from storefront.services.catalog import ProductPage
from tests.unit.services.test_cart import MemoryCarts, sellable

OWNER = ("t", None)
T0 = datetime(2026, 1, 1, tzinfo=UTC)


def _variant(sku: str) -> VariantView:
    return VariantView(0, sku, "", {"colour": sku}, 1_000, None, 5, None)


class Catalog:
    """Product 1 (`one`) is sold in one variant, A; product 2 (`two`) in B and C."""

    def __init__(self) -> None:
        self.variants = {"one": ("A",), "two": ("B", "C")}
        self.ids = {1: "one", 2: "two"}

    def cards(self, product_ids: Sequence[int]) -> list[ProductCard]:
        return [self._card(pid) for pid in product_ids if pid in self.ids]

    def _card(self, product_id: int) -> ProductCard:
        slug = self.ids[product_id]
        return ProductCard(product_id, slug, slug, "", 1_000, None, "EUR", 0, 0, None, True)

    def product(self, slug: str) -> ProductPage | None:
        pid = next((pid for pid, known in self.ids.items() if known == slug), None)
        if pid is None:
            return None
        variants = tuple(_variant(sku) for sku in self.variants[slug])
        detail = ProductDetail(
            pid, slug, slug, "", None, None, "EUR", 1_000, None, 5, 0, 0, {}, variants, (), None,
            T0, T0,
        )  # fmt: skip
        return ProductPage(detail, (), ())


@pytest.fixture
def store() -> MemoryCarts:
    return MemoryCarts(
        {
            "A": sellable("A", price=1_000, stock=5),
            "B": replace(sellable("B"), product_id=2),
            "C": replace(sellable("C"), product_id=2),
        }
    )


def test_a_product_in_one_variant_is_added_as_the_product_page_adds_it(
    store: MemoryCarts,
) -> None:
    carts, catalog = Carts(store, "EUR"), Catalog()
    store.items["A"] = replace(store.items["A"], price_minor=1_250)  # dearer since it was kept
    done = add_kept(carts, catalog, *OWNER, 1)
    assert (done.outcome, done.product_id, done.refusal) == ("added", 1, None)
    view = carts.view(*OWNER)
    assert done.view == view
    assert [(line.sku, line.quantity, line.status) for line in view.lines] == [("A", 1, "ok")]
    assert view.subtotal_minor == 1_250  # today's price
    assert add_kept(carts, catalog, *OWNER, 1).outcome == "added"
    assert carts.view(*OWNER).count == 2


def test_a_product_with_options_to_choose_is_never_added_blindly(store: MemoryCarts) -> None:
    carts, catalog = Carts(store, "EUR"), Catalog()
    assert ways_to_buy(catalog, catalog.cards([1, 2])) == {1: "A", 2: ""}
    done = add_kept(carts, catalog, *OWNER, 2)
    assert (done.outcome, done.product_id) == ("choose", None)
    catalog.variants["one"] = ("A", "D")  # a variant added since the list was shown
    assert add_kept(carts, catalog, *OWNER, 1).outcome == "choose"
    assert carts.view(*OWNER).lines == ()


def test_sold_out_cart_full_and_no_longer_sold_add_nothing_and_say_so(
    store: MemoryCarts,
) -> None:
    carts, catalog = Carts(store, "EUR"), Catalog()
    store.items["A"] = replace(store.items["A"], stock=0)
    assert add_kept(carts, catalog, *OWNER, 1).outcome == "sold_out"
    store.items["A"] = replace(store.items["A"], stock=MAX_QUANTITY + 5)
    carts.add(*OWNER, "A", MAX_QUANTITY)
    full = add_kept(carts, catalog, *OWNER, 1)
    assert (full.outcome, full.product_id) == ("at_limit", None)
    assert [line.quantity for line in carts.view(*OWNER).lines] == [MAX_QUANTITY]
    store.items["A"] = replace(store.items["A"], active=False)  # archived since it was listed
    assert add_kept(carts, catalog, *OWNER, 1).outcome == "unavailable"
    del catalog.ids[1]  # and gone from the catalog's pages
    assert add_kept(carts, catalog, *OWNER, 1).outcome == "unavailable"
    assert ways_to_buy(catalog, [catalog._card(2)]) == {2: ""}
    assert add_kept(carts, catalog, *OWNER, 99).outcome == "unavailable"  # never a product
    assert [line.quantity for line in carts.view(*OWNER).lines] == [MAX_QUANTITY]


def test_an_account_closed_meanwhile_adds_nothing(store: MemoryCarts) -> None:
    carts, catalog = Carts(store, "EUR"), Catalog()

    def gone(cart_id: int, line: StoredLine, cap: int) -> int:
        raise CartGone

    store.add_to_line = gone  # type: ignore[method-assign]
    done = add_kept(carts, catalog, *OWNER, 1)
    assert (done.refusal, done.product_id) == (ACCOUNT_GONE, None)
