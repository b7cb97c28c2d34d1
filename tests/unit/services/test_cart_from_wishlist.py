"""Buying from the wishlist (services/cart/from_wishlist.py) on the in-memory cart store and a
catalog of two products; the page: tests/e2e/test_wishlist_cart.py."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import pytest

from models.views import ProductCard
from storefront.services.cart.from_wishlist import add_kept, ways_to_buy
from storefront.services.cart.ports import CartGone, StoredLine
from storefront.services.cart.service import ACCOUNT_GONE, MAX_QUANTITY, Carts
from tests.unit.services.test_cart import MemoryCarts, sellable

OWNER = ("t", None)


class Catalog:
    """Product 1 (`one`) is sold in one variant, A; product 2 (`two`) in B and C. Counts its
    reads: a list is one read, however long."""

    def __init__(self) -> None:
        self.variants = {"one": ("A",), "two": ("B", "C")}
        self.ids = {1: "one", 2: "two"}
        self.reads: list[list[int]] = []

    def cards(self, product_ids: Sequence[int]) -> list[ProductCard]:
        return [self._card(pid) for pid in product_ids if pid in self.ids]

    def _card(self, product_id: int) -> ProductCard:
        slug = self.ids[product_id]
        return ProductCard(product_id, slug, slug, "", 1_000, None, "EUR", 0, 0, None, True)

    def skus_to_add(self, product_ids: Sequence[int]) -> dict[int, str]:
        self.reads.append(list(product_ids))
        skus = {pid: self.variants[self.ids[pid]] for pid in product_ids if pid in self.ids}
        return {pid: (v[0] if len(v) == 1 else "") for pid, v in skus.items() if v}


@pytest.fixture
def store() -> MemoryCarts:
    return MemoryCarts(
        {
            "A": sellable("A", price=1_000, stock=5),
            "B": replace(sellable("B"), product_id=2),
            "C": replace(sellable("C"), product_id=2),
        }
    )


def test_a_whole_list_is_read_at_once_for_its_ways_to_buy() -> None:
    catalog = Catalog()
    catalog.ids |= {pid: f"p{pid}" for pid in range(3, 53)}
    catalog.variants |= {f"p{pid}": (f"S{pid}",) * (1 + pid % 2) for pid in range(3, 53)}
    catalog.variants["p3"] = ()  # its variants all deleted since
    cards = catalog.cards(list(catalog.ids))
    del catalog.ids[4]  # archived since the cards were read
    ways = ways_to_buy(catalog, cards)
    assert catalog.reads == [[card.id for card in cards]]  # one read for 52 products
    assert ways == {1: "A", 2: ""} | {
        pid: "" if pid % 2 else f"S{pid}" for pid in range(5, 53)
    }  # p3 (no variant) and p4 (gone) have no way to be bought
    assert ways_to_buy(catalog, []) == {}


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
