"""Cart rules on an in-memory store (the SQL twin: tests/integration/test_carts.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from storefront.services.cart.ports import Former, Sellable, StoredCart, StoredLine
from storefront.services.cart.service import MAX_QUANTITY, CartError, Carts


def sellable(
    sku: str,
    *,
    price: int = 1_000,
    stock: int = 5,
    active: bool = True,
    currency: str = "EUR",
    options: str = "",
) -> Sellable:
    return Sellable(sku, 1, "slug", "Thing", options, price, currency, stock, None, active)


class MemoryCarts:
    def __init__(self, items: dict[str, Sellable]) -> None:
        self.items = items
        self.products = {1: ("slug", "Thing", "thing.jpg")}  # product id: slug, title, image
        self.carts: dict[int, dict[str, StoredLine]] = {}
        self.owners: dict[tuple[str | None, int | None], int] = {}
        self.codes: dict[int, str] = {}
        self.code_writes = 0
        self.clock = datetime(2025, 1, 1, tzinfo=UTC)

    def _now(self) -> datetime:
        self.clock += timedelta(seconds=1)
        return self.clock

    def find(self, token_hash: str | None, account_id: int | None) -> int | None:
        return self.owners.get((None, account_id) if account_id else (token_hash, None))

    def create(self, token_hash: str | None, account_id: int | None) -> int:
        cart_id = len(self.carts) + 1
        self.carts[cart_id] = {}
        self.owners[(None, account_id) if account_id else (token_hash, None)] = cart_id
        return cart_id

    def read(self, token_hash: str | None, account_id: int | None) -> StoredCart:
        cart_id = self.find(token_hash, account_id)
        if cart_id is None:
            return StoredCart(None, [], {})
        # In the order they were added, as the SQL store lists them.
        lines = sorted(self.carts[cart_id].values(), key=lambda line: line.added_at or self.clock)
        items = {line.sku: self.items[line.sku] for line in lines if line.sku in self.items}
        former = {
            line.sku: Former(slug, title, line.options, image)
            for line in lines
            if line.sku not in items and line.product_id in self.products
            for slug, title, image in [self.products[line.product_id]]
        }
        return StoredCart(cart_id, lines, items, self.codes.get(cart_id, ""), former)

    def put_line(self, cart_id: int, line: StoredLine) -> None:
        held = self.carts[cart_id].get(line.sku)
        place = held.added_at if held else line.added_at or self._now()
        self.carts[cart_id][line.sku] = replace(line, added_at=place)

    def add_to_line(self, cart_id: int, line: StoredLine, cap: int) -> int:
        held = self.carts[cart_id].get(line.sku)
        total = min((held.quantity if held else 0) + line.quantity, cap)
        place = held.added_at if held else line.added_at or self._now()
        self.carts[cart_id][line.sku] = replace(line, quantity=total, added_at=place)
        return total

    def remove_line(self, cart_id: int, sku: str) -> None:
        self.carts[cart_id].pop(sku, None)

    def cut_line(self, cart_id: int, sku: str, held: int, quantity: int) -> None:
        line = self.carts[cart_id].get(sku)
        if line is not None and line.quantity == held:
            self.carts[cart_id][sku] = replace(line, quantity=quantity)

    def attach(self, token_hash: str, account_id: int, max_quantity: int) -> None:
        raise NotImplementedError

    def keep_code(self, cart_id: int, code: str) -> None:
        self.codes[cart_id], self.code_writes = code, self.code_writes + 1

    def sellable(self, sku: str) -> Sellable | None:
        return self.items.get(sku)


@pytest.fixture
def store() -> MemoryCarts:
    return MemoryCarts({"A": sellable("A"), "B": sellable("B", price=250, stock=2)})


def test_lines_report_what_changed_since_they_were_added(store: MemoryCarts) -> None:
    carts = Carts(store, "EUR")
    carts.add("t", None, "A", 3)
    carts.add("t", None, "B", 2)
    store.items["A"] = sellable("A", price=900, stock=2)  # cheaper, and only 2 left
    store.items["B"] = sellable("B", price=250, stock=0)
    view = carts.view("t", None)
    assert [(line.sku, line.quantity, line.status) for line in view.lines] == [
        ("A", 2, "reduced"),
        ("B", 2, "out_of_stock"),
    ]
    assert (view.count, view.subtotal_minor) == (2, 1_800)


def test_a_line_cut_to_the_stock_is_told_once_where_it_is_shown(store: MemoryCarts) -> None:
    """The header's count reads the cart on every page and keeps what it holds; the cart
    page and checkout tell the cut, then hold the line at it (QA: "we reduced the
    quantity" said on every view after a merge)."""
    carts = Carts(store, "EUR")
    carts.add("t", None, "A", 3)
    store.items["A"] = sellable("A", stock=2)
    for _ in range(2):
        [line] = carts.view("t", None).lines
        assert (line.quantity, line.status) == (2, "reduced")
    [line] = carts.view("t", None, shown=True).lines
    assert (line.quantity, line.status) == (2, "reduced")
    [line] = carts.view("t", None, shown=True).lines
    assert (line.quantity, line.status) == (2, "ok")
    store.items["A"] = sellable("A", stock=5)  # back in stock: the cart kept 2
    assert [line.quantity for line in carts.view("t", None, shown=True).lines] == [2]


def test_a_product_priced_in_another_currency_is_not_sold(store: MemoryCarts) -> None:
    """Its amount would be charged as if it were the shop's: 1,500 yen as 15 euros."""
    store.items["Y"] = sellable("Y", price=1_500, currency="JPY")
    carts = Carts(store, "EUR")
    with pytest.raises(CartError, match="unavailable"):
        carts.add("t", None, "Y", 1)
    carts.add("t", None, "A", 1)
    store.items["A"] = sellable("A", currency="USD")  # re-imported in dollars meanwhile
    view = carts.view("t", None)
    assert [line.status for line in view.lines] == ["unavailable"]
    assert (view.count, view.subtotal_minor) == (0, 0)


def test_quantities_outside_the_allowed_range_are_refused(store: MemoryCarts) -> None:
    carts = Carts(store, "EUR")
    for quantity in (0, -1, MAX_QUANTITY + 1):
        with pytest.raises(CartError, match="quantity"):
            carts.add("t", None, "A", quantity)
    assert store.carts == {}


def test_changing_a_quantity_answers_with_the_cart_as_it_now_stands_from_one_read(
    store: MemoryCarts,
) -> None:
    carts = Carts(store, "EUR")
    carts.add("t", None, "A", 1)
    carts.add("t", None, "B", 1)
    reads = 0
    read = store.read

    def counted(token_hash: str | None, account_id: int | None) -> StoredCart:
        nonlocal reads
        reads += 1
        return read(token_hash, account_id)

    store.read = counted  # type: ignore[method-assign]
    changed = carts.set_quantity_and_view("t", None, "A", 4)
    limited = carts.set_quantity_and_view("t", None, "B", 3)  # only 2 in stock
    removed = carts.set_quantity_and_view("t", None, "A", 0)
    assert reads == 3
    assert [(line.sku, line.quantity) for line in changed.view.lines] == [("A", 4), ("B", 1)]
    assert (limited.refusal, [line.quantity for line in limited.view.lines]) == (
        "cart.error.limited",
        [4, 2],
    )
    assert [line.sku for line in removed.view.lines] == ["B"]
    assert removed.view == carts.view("t", None)  # what a fresh read shows
    too_many = carts.set_quantity_and_view("t", None, "B", MAX_QUANTITY + 1)
    assert (too_many.refusal, too_many.view) == ("cart.error.line_quantity", removed.view)


def test_changing_the_quantity_of_a_product_not_in_the_cart_adds_nothing(
    store: MemoryCarts,
) -> None:
    carts = Carts(store, "EUR")
    carts.add("t", None, "A", 1)
    carts.set_quantity("t", None, "B", 2)
    assert [line.sku for line in carts.view("t", None).lines] == ["A"]


def test_adding_answers_with_the_cart_as_it_now_stands(store: MemoryCarts) -> None:
    carts = Carts(store, "EUR")
    first = carts.add_and_view("t", None, "A", 1)
    second = carts.add_and_view("t", None, "B", 2)
    assert (first.refusal, second.refusal) == (None, None)
    assert [(line.sku, line.quantity, line.status) for line in second.view.lines] == [
        ("A", 1, "ok"),
        ("B", 2, "ok"),
    ]
    assert second.view == carts.view("t", None)


def test_a_code_applied_is_kept_with_the_cart_and_every_view_of_it_says_so(
    store: MemoryCarts,
) -> None:
    carts = Carts(store, "EUR")
    assert carts.view("t", None).discount_code == ""
    carts.keep_code(carts.view("t", None), "WELCOME10")  # no cart yet: nothing to discount
    assert store.code_writes == 0
    carts.add("t", None, "A", 1)
    carts.keep_code(carts.view("t", None), "WELCOME10")
    assert carts.view("t", None).discount_code == "WELCOME10"
    assert carts.add_and_view("t", None, "B", 1).view.discount_code == "WELCOME10"
    assert carts.set_quantity_and_view("t", None, "B", 0).view.discount_code == "WELCOME10"
    carts.keep_code(carts.view("t", None), "WELCOME10")  # the same: not written again
    assert store.code_writes == 1
    carts.keep_code(carts.view("t", None), "")
    assert (carts.view("t", None).discount_code, store.code_writes) == ("", 2)


def test_a_line_whose_variant_was_removed_is_named_by_its_product_and_options(
    store: MemoryCarts,
) -> None:
    """QA: the merchant removed M · White of a shirt on sale; the shopper's line of it read
    "An item no longer in our catalog · SKU". It keeps its product's name and the options
    it had, says it is no longer sold, is not ordered, and can still be removed."""
    store.items["W"] = sellable("W", options="M · White")
    carts = Carts(store, "EUR")
    carts.add("t", None, "A", 1)
    carts.add("t", None, "W", 2)
    del store.items["W"]  # the variant removed from the product form
    view = carts.view("t", None)
    gone = view.lines[1]
    assert (gone.sku, gone.quantity, gone.status, gone.item) == ("W", 2, "unavailable", None)
    assert gone.former == Former("slug", "Thing", "M · White", "thing.jpg")
    assert (gone.buyable, gone.line_total_minor, view.count) == (False, 0, 1)
    changed = carts.set_quantity_and_view("t", None, "W", 0)
    assert changed.removed is not None
    assert (changed.removed.title, changed.removed.options) == ("Thing", "M · White")
    assert [line.sku for line in changed.view.lines] == ["A"]


def test_a_removed_variant_whose_product_is_gone_too_keeps_no_name(store: MemoryCarts) -> None:
    carts = Carts(store, "EUR")
    carts.add("t", None, "A", 1)
    del store.items["A"]
    store.products.clear()
    [line] = carts.view("t", None).lines
    assert (line.status, line.item, line.former) == ("unavailable", None, None)
