"""Undoing a cart line's removal (services/cart/undo.py) on the in-memory store; the SQL
twin: tests/integration/test_carts.py."""

from __future__ import annotations

from dataclasses import replace

import pytest

from storefront.services.cart.service import MAX_QUANTITY, Carts, CartView, RemovedLine
from storefront.services.cart.undo import restore
from tests.unit.services.test_cart import MemoryCarts, sellable

OWNER = ("t", None)


@pytest.fixture
def store() -> MemoryCarts:
    return MemoryCarts(
        {
            "A": sellable("A", price=1_000, stock=5),
            "B": replace(sellable("B", price=250, stock=9), title="Oak chair", options="Red · M"),
            "C": sellable("C", price=400, stock=9),
        }
    )


@pytest.fixture
def carts(store: MemoryCarts) -> Carts:
    carts = Carts(store, "EUR")
    carts.add(*OWNER, "A", 1)
    carts.add(*OWNER, "B", 3)
    carts.add(*OWNER, "C", 2)
    return carts


def lines(view: CartView) -> list[tuple[str, int, str]]:
    return [(line.sku, line.quantity, line.status) for line in view.lines]


def remove(carts: Carts, sku: str) -> RemovedLine:
    removed = carts.set_quantity_and_view(*OWNER, sku, 0).removed
    assert removed is not None
    return removed


def test_undo_puts_the_line_back_in_its_place_with_its_quantity_and_totals(
    carts: Carts,
) -> None:
    before = carts.view(*OWNER)
    changed = carts.set_quantity_and_view(*OWNER, "B", 0)
    assert changed.removed is not None
    assert (changed.removed.sku, changed.removed.quantity) == ("B", 3)
    assert (changed.removed.title, changed.removed.options) == ("Oak chair", "Red · M")
    assert [line.sku for line in changed.view.lines] == ["A", "C"]
    assert changed.view == carts.view(*OWNER)
    restored = restore(carts, *OWNER, changed.removed)
    assert (restored.message, restored.held, restored.wanted) == ("cart.undo.back", 3, 3)
    assert lines(restored.view) == lines(before) == [("A", 1, "ok"), ("B", 3, "ok"), ("C", 2, "ok")]
    assert (restored.view.count, restored.view.subtotal_minor) == (6, 2_550)
    assert restored.view == carts.view(*OWNER)  # what a fresh read shows, in that order


def test_a_quantity_set_to_0_is_a_removal_too_and_other_changes_are_none(carts: Carts) -> None:
    assert carts.set_quantity_and_view(*OWNER, "A", 2).removed is None
    assert carts.set_quantity_and_view(*OWNER, "Z", 0).removed is None  # not in the cart
    removed = remove(carts, "A")
    assert (removed.sku, removed.quantity) == ("A", 2)
    assert carts.set_quantity_and_view(*OWNER, "A", 0).removed is None  # gone already
    assert lines(restore(carts, *OWNER, removed).view)[0] == ("A", 2, "ok")


def test_a_line_sold_out_since_its_removal_does_not_come_back_and_says_so(
    carts: Carts, store: MemoryCarts
) -> None:
    removed = remove(carts, "B")
    store.items["B"] = replace(store.items["B"], stock=0)
    restored = restore(carts, *OWNER, removed)
    assert (restored.message, restored.held, restored.wanted) == ("cart.undo.sold_out", 0, 3)
    assert lines(carts.view(*OWNER)) == [("A", 1, "ok"), ("C", 2, "ok")]
    assert restored.view == carts.view(*OWNER)


def test_with_fewer_left_what_is_left_comes_back_and_the_message_says_how_many(
    carts: Carts, store: MemoryCarts
) -> None:
    removed = remove(carts, "B")
    store.items["B"] = replace(store.items["B"], stock=2)
    restored = restore(carts, *OWNER, removed)
    assert (restored.message, restored.held, restored.put, restored.wanted) == (
        "cart.undo.fewer",
        2,
        2,
        3,
    )
    assert lines(carts.view(*OWNER)) == [("A", 1, "ok"), ("B", 2, "ok"), ("C", 2, "ok")]


@pytest.mark.parametrize(
    "withdrawn",
    [
        pytest.param({"active": False}, id="no longer on sale"),
        pytest.param({"currency": "USD"}, id="priced in another currency"),
        pytest.param(None, id="gone from the catalog"),
    ],
)
def test_a_product_withdrawn_since_does_not_come_back_and_says_so(
    carts: Carts, store: MemoryCarts, withdrawn: dict[str, object] | None
) -> None:
    removed = remove(carts, "B")
    if withdrawn is None:
        del store.items["B"]
    else:
        store.items["B"] = replace(store.items["B"], **withdrawn)  # type: ignore[arg-type]
    restored = restore(carts, *OWNER, removed)
    assert (restored.message, restored.held) == ("cart.undo.unavailable", 0)
    assert [sku for sku, _, _ in lines(carts.view(*OWNER))] == ["A", "C"]


def test_a_price_changed_since_is_told_on_the_line_put_back(
    carts: Carts, store: MemoryCarts
) -> None:
    """Put back at the price the shopper had seen: the line says the price is new, as any
    line whose price changed does (an add at today's price would have said nothing)."""
    removed = remove(carts, "B")
    store.items["B"] = replace(store.items["B"], price_minor=300)
    restored = restore(carts, *OWNER, removed)
    assert restored.message == "cart.undo.back"
    [line] = [line for line in restored.view.lines if line.sku == "B"]
    assert (line.status, line.price_seen_minor, line.line_total_minor) == (
        "price_changed",
        250,
        900,
    )


def test_a_line_cut_to_the_stock_left_comes_back_as_it_was_shown(
    carts: Carts, store: MemoryCarts
) -> None:
    store.items["B"] = replace(store.items["B"], stock=2)  # the cart holds 3
    assert lines(carts.view(*OWNER))[1] == ("B", 2, "reduced")
    removed = remove(carts, "B")
    assert removed.quantity == 2
    restored = restore(carts, *OWNER, removed)
    assert (restored.message, restored.held) == ("cart.undo.back", 2)


def test_a_line_added_again_meanwhile_takes_the_quantity_put_back_as_an_add_does(
    carts: Carts, store: MemoryCarts
) -> None:
    removed = remove(carts, "B")
    carts.add(*OWNER, "B", 1)  # from another tab: the line is back at the end
    restored = restore(carts, *OWNER, removed)
    assert (restored.message, restored.held) == ("cart.undo.back", 4)
    store.items["B"] = replace(store.items["B"], stock=4)
    removed = remove(carts, "B")
    carts.add(*OWNER, "B", 4)  # all there is
    restored = restore(carts, *OWNER, removed)
    assert (restored.message, restored.held) == ("cart.error.limited", 4)


def test_the_quantity_limit_holds_for_a_line_put_back(carts: Carts, store: MemoryCarts) -> None:
    store.items["B"] = replace(store.items["B"], stock=500)
    carts.set_quantity(*OWNER, "B", MAX_QUANTITY)
    removed = remove(carts, "B")
    carts.add(*OWNER, "B", 10)
    restored = restore(carts, *OWNER, removed)
    # What this undo put back, not the line's whole (it said "99 instead of 99"; review).
    assert (restored.message, restored.held, restored.put, restored.wanted) == (
        "cart.undo.fewer",
        MAX_QUANTITY,
        MAX_QUANTITY - 10,
        MAX_QUANTITY,
    )


def test_the_last_line_removed_comes_back_into_the_emptied_cart(carts: Carts) -> None:
    for sku in ("A", "C"):
        remove(carts, sku)
    removed = remove(carts, "B")
    assert carts.view(*OWNER).lines == ()
    restored = restore(carts, *OWNER, removed)
    assert lines(restored.view) == [("B", 3, "ok")]
