"""Buying an order again (services/cart/reorder.py) on the in-memory cart store; the SQL twin:
tests/integration/test_buy_again.py."""

from __future__ import annotations

from dataclasses import replace

import pytest

from storefront.services.cart.ports import CartGone, StoredLine
from storefront.services.cart.reorder import BoughtAgain, buy_again
from storefront.services.cart.service import ACCOUNT_GONE, MAX_QUANTITY, Carts
from storefront.services.orders.ports import OrderItem
from tests.unit.services.test_cart import MemoryCarts, sellable

OWNER = ("t", None)


def bought(sku: str, quantity: int, price: int = 1_000, options: str = "") -> OrderItem:
    return OrderItem(0, sku, f"Thing {sku}", quantity, price, options)


@pytest.fixture
def store() -> MemoryCarts:
    return MemoryCarts(
        {
            "A": sellable("A", price=1_000, stock=5),
            "B": replace(sellable("B", price=1_200, stock=9), product_id=2),
            "C": replace(sellable("C", price=400, stock=2), product_id=3),
        }
    )


def outcomes(result: BoughtAgain) -> list[tuple[str, int, int, str]]:
    return [(line.sku, line.wanted, line.added, line.outcome) for line in result.lines]


def test_every_line_goes_into_the_cart_with_its_quantity_at_todays_price(
    store: MemoryCarts,
) -> None:
    carts = Carts(store, "EUR")
    order = [bought("A", 2, 1_000, "M · Navy"), bought("B", 1, 1_000)]
    result = buy_again(carts, *OWNER, order)
    assert result.refusal is None
    assert outcomes(result) == [("A", 2, 2, "added"), ("B", 1, 1, "added")]
    a, b = result.lines
    assert (a.title, a.options, a.price_minor, a.price_changed) == (
        "Thing A",
        "M · Navy",
        1_000,
        False,
    )
    assert (b.paid_minor, b.price_minor, b.price_changed) == (1_000, 1_200, True)  # dearer now
    assert (result.added, result.product_ids) == (3, (1, 2))
    view = carts.view(*OWNER)
    assert result.view == view
    assert [(line.sku, line.quantity, line.status) for line in view.lines] == [
        ("A", 2, "ok"),
        ("B", 1, "ok"),
    ]
    assert view.subtotal_minor == 2 * 1_000 + 1_200  # today's prices, not the order's


def test_what_cannot_be_added_is_said_line_by_line_and_the_rest_goes_in(
    store: MemoryCarts,
) -> None:
    store.items["A"] = replace(store.items["A"], active=False)  # archived (or a draft)
    store.items["B"] = replace(store.items["B"], stock=0)
    store.items["E"] = sellable("E", currency="USD")  # priced in a currency not the shop's
    carts = Carts(store, "EUR")
    order = [bought("A", 1), bought("B", 1), bought("C", 3), bought("GONE", 1), bought("E", 1)]
    result = buy_again(carts, *OWNER, order)
    assert outcomes(result) == [
        ("A", 1, 0, "unavailable"),
        ("B", 1, 0, "sold_out"),
        ("C", 3, 2, "fewer"),  # 2 left
        ("GONE", 1, 0, "unavailable"),  # its variant removed since
        ("E", 1, 0, "unavailable"),
    ]
    assert [line.price_minor for line in result.lines] == [None, None, 400, None, None]
    assert (result.added, result.product_ids) == (2, (3,))
    assert [(line.sku, line.quantity) for line in carts.view(*OWNER).lines] == [("C", 2)]


def test_a_cart_holding_some_already_takes_what_stock_allows_and_one_full_takes_none(
    store: MemoryCarts,
) -> None:
    carts = Carts(store, "EUR")
    carts.add(*OWNER, "A", 4)  # 5 in stock
    carts.add(*OWNER, "C", 2)  # all of its stock
    result = buy_again(carts, *OWNER, [bought("A", 3), bought("C", 1)])
    assert outcomes(result) == [("A", 3, 1, "fewer"), ("C", 1, 0, "at_limit")]
    assert [(line.sku, line.quantity) for line in carts.view(*OWNER).lines] == [
        ("A", 5),
        ("C", 2),
    ]


def test_a_quantity_over_the_cart_limit_is_cut_to_it(store: MemoryCarts) -> None:
    store.items["B"] = replace(store.items["B"], stock=500)
    carts = Carts(store, "EUR")
    result = buy_again(carts, *OWNER, [bought("B", 120)])
    assert outcomes(result) == [("B", 120, MAX_QUANTITY, "fewer")]
    assert carts.view(*OWNER).lines[0].quantity == MAX_QUANTITY


def test_a_sku_the_order_names_twice_is_added_once_with_both_quantities(
    store: MemoryCarts,
) -> None:
    carts = Carts(store, "EUR")
    result = buy_again(carts, *OWNER, [bought("B", 1), bought("A", 1), bought("B", 2)])
    assert outcomes(result) == [("B", 3, 3, "added"), ("A", 1, 1, "added")]


def test_an_order_with_nothing_to_add_leaves_the_cart_as_it_was(store: MemoryCarts) -> None:
    carts = Carts(store, "EUR")
    carts.add(*OWNER, "A", 1)
    store.items["B"] = replace(store.items["B"], stock=0)
    result = buy_again(carts, *OWNER, [bought("B", 2)])
    assert (result.added, result.product_ids) == (0, ())
    assert result.view == carts.view(*OWNER)
    assert [(line.sku, line.quantity) for line in result.view.lines] == [("A", 1)]
    assert buy_again(carts, *OWNER, []).view == carts.view(*OWNER)


class ClosingCarts(MemoryCarts):
    """The account closes from another browser once the first line went in."""

    def add_to_line(self, cart_id: int, line: StoredLine, cap: int) -> int:
        if any(self.carts.values()):
            raise CartGone(cart_id)
        return super().add_to_line(cart_id, line, cap)


def test_an_account_closed_meanwhile_stops_the_adding_and_says_so() -> None:
    store = ClosingCarts({"A": sellable("A"), "B": sellable("B")})
    carts = Carts(store, "EUR")
    result = buy_again(carts, None, 7, [bought("A", 1), bought("B", 1), bought("A", 1)])
    assert result.refusal == ACCOUNT_GONE
    assert outcomes(result) == [("A", 2, 2, "added")]  # B was not tried, nor listed
