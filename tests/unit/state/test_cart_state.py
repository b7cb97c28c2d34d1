"""The cart page's quantity boxes: Enter applies a quantity as leaving the box does, and a box
always ends up showing what the cart holds, with the reason when that is not what was typed."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest

from state.cart import CartState
from storefront.bootstrap import Shop, set_shop
from storefront.i18n import translations
from storefront.services.accounts.credentials import token_hash
from storefront.services.cart.service import Carts
from tests.unit.services.test_cart import MemoryCarts, sellable
from tests.unit.state.test_listing_state import at


@pytest.fixture
def store() -> MemoryCarts:
    return MemoryCarts({"A": sellable("A", stock=5), "B": sellable("B", stock=9)})


@pytest.fixture
def cart(fake_shop: Shop, store: MemoryCarts) -> Iterator[Any]:
    fake_shop.carts = Carts(store, "EUR")
    set_shop(fake_shop)
    state: Any = at(CartState, "/cart")
    state.cart_token = "tab-cart"
    fake_shop.carts.add(token_hash("tab-cart"), None, "A", 1)
    fake_shop.carts.add(token_hash("tab-cart"), None, "B", 2)
    yield state
    set_shop(None)


def held(store: MemoryCarts) -> dict[str, int]:
    return {line.sku: line.quantity for lines in store.carts.values() for line in lines.values()}


def shown_in_box(answer: Any, sku: str) -> str | None:
    """The value the handler's answer (a script) puts in `sku`'s quantity box."""
    if answer is None:
        return None
    script = {str(name): value for name, value in answer.args}["javascript_code"]
    found = re.search(
        r'getElementById\((".*?")\);\s*if \(box\) box.value = (".*?");', script._var_value
    )
    assert found is not None, script._var_value
    assert json.loads(found.group(1)) == f"quantity-{sku}"
    return str(json.loads(found.group(2)))


async def test_enter_in_a_quantity_box_applies_it(cart: Any, store: MemoryCarts) -> None:
    await cart.load()
    answer = await cart.apply_quantity({"sku": "A", "quantity": "3"})
    assert held(store) == {"A": 3, "B": 2}
    assert shown_in_box(answer, "A") == "3"
    assert cart.message == {}
    # A crafted form changes nothing.
    await cart.apply_quantity(["A", "4"])
    assert held(store) == {"A": 3, "B": 2}


async def test_a_refused_quantity_leaves_the_box_showing_what_the_cart_holds(
    cart: Any, store: MemoryCarts
) -> None:
    await cart.load()
    for typed in ("200", "", "two", "-1"):
        cart.message = {}
        answer = await cart.apply_quantity({"sku": "A", "quantity": typed})
        assert cart.message == translations("cart.error.line_quantity"), typed
        assert held(store) == {"A": 1, "B": 2}, typed
        assert shown_in_box(answer, "A") == "1", typed
    # Leaving the box then sends what it shows: the reason stays, nothing changes.
    answer = await cart.set_quantity("A", "1")
    assert cart.message == translations("cart.error.line_quantity")
    assert shown_in_box(answer, "A") == "1"


async def test_more_than_the_stock_shows_the_stock_in_the_box(
    cart: Any, store: MemoryCarts
) -> None:
    await cart.load()
    answer = await cart.set_quantity("A", "8")  # 5 in stock
    assert held(store) == {"A": 5, "B": 2}
    assert cart.message == translations("cart.error.limited")
    assert shown_in_box(answer, "A") == "5"
    answer = await cart.apply_quantity({"sku": "A", "quantity": "8"})  # again: 5 already held
    assert cart.message == translations("cart.error.limited")
    assert shown_in_box(answer, "A") == "5"


async def test_a_box_mounts_afresh_only_when_its_quantity_changed_elsewhere(
    cart: Any, store: MemoryCarts
) -> None:
    """A box that made the change keeps its element (and the shopper's focus in it); one whose
    line changed otherwise (here the stock fell under it) mounts again showing the quantity."""
    await cart.load()
    boxes = {line.sku: line.box for line in cart.lines}
    await cart.set_quantity("A", "4")
    assert {line.sku: line.box for line in cart.lines} == boxes
    store.items["B"] = sellable("B", stock=1)
    await cart.load()
    assert [(line.sku, line.quantity, line.box) for line in cart.lines] == [
        ("A", 4, boxes["A"]),
        ("B", 1, boxes["B"] + 1),
    ]


async def test_removing_a_line_sets_no_box(cart: Any, store: MemoryCarts) -> None:
    await cart.load()
    assert await cart.set_quantity("A", "0") is None
    assert held(store) == {"B": 2}


async def test_removing_a_line_says_what_was_removed_and_counts_the_removal(
    cart: Any, store: MemoryCarts
) -> None:
    """The line (and its Remove button) is gone: the note says what went, offering it back,
    and the page, told of a removal, takes the focus there."""
    store.items["A"] = replace(store.items["A"], title="Oak chair", options="Red · M")
    await cart.load()
    assert cart.removals == 0
    await cart.set_quantity("B", "")  # refused: its reason is said
    await cart.remove("A")
    assert held(store) == {"B": 2}
    assert cart.removed_note == {
        "en": "Oak chair (Red · M) removed.",
        "fr": "Oak chair (Red · M)\u202f: retiré du panier.",
    }
    assert cart.undo_label == {
        "en": "Undo, put back Oak chair (Red · M)",
        "fr": "Annuler, remettre Oak chair (Red · M)",
    }
    assert cart.message == {}  # the refusal before is not about this
    assert cart.removals == 1
    await cart.apply_quantity({"sku": "B", "quantity": "0"})  # 0 and Enter removes it too
    assert held(store) == {}
    assert cart.removed_note["en"] == "Thing removed."  # the newest removal is offered back
    assert cart.removals == 2
    await cart.remove("B")  # no longer there: nothing removed, nothing said
    assert cart.removals == 2
    assert cart.removed_note["en"] == "Thing removed."


async def test_undo_puts_the_line_back_and_says_so_once(cart: Any, store: MemoryCarts) -> None:
    store.items["A"] = replace(store.items["A"], title="Oak chair", options="Red · M")
    await cart.load()
    before = ([(line.sku, line.quantity) for line in cart.lines], cart.count, cart.subtotal_minor)
    await cart.remove("A")
    assert (cart.count, cart.subtotal_minor) == (2, 2_000)
    await cart.undo_removal()
    # The lines (in their order), the header's count and the totals follow.
    after = ([(line.sku, line.quantity) for line in cart.lines], cart.count, cart.subtotal_minor)
    assert after == before
    assert cart.message["en"] == "Oak chair (Red · M) is back in your cart."
    assert (cart.removed_note, cart.undo_label, cart.undos) == ({}, {}, 1)
    await cart.undo_removal()  # a second click on its way: nothing more
    assert (held(store), cart.undos) == ({"A": 1, "B": 2}, 1)
    await cart.remove("A")
    await cart.remove("B")
    assert (cart.lines, cart.count, cart.subtotal_minor) == ([], 0, 0)
    await cart.undo_removal()  # the newest removal only
    assert held(store) == {"B": 2}
    assert (cart.count, cart.undos) == (2, 2)


async def test_an_undo_that_cannot_put_the_line_back_whole_says_so(
    cart: Any, store: MemoryCarts
) -> None:
    await cart.load()
    await cart.remove("B")
    store.items["B"] = replace(store.items["B"], stock=1)
    await cart.undo_removal()
    assert held(store) == {"A": 1, "B": 1}
    assert cart.message == {
        "en": "Thing: 1 of the 2 removed could be put back, no more can be added.",
        "fr": "Thing\u202f: 1 sur les 2 retirés ont pu être remis, impossible d’en ajouter"
        " davantage.",
    }
    await cart.remove("B")
    store.items["B"] = replace(store.items["B"], stock=0)
    await cart.undo_removal()
    assert held(store) == {"A": 1}
    assert cart.message["en"] == "Thing sold out since you removed it: it could not be put back."
    assert cart.count == 1
    del store.items["A"]  # gone from the catalog with its product: named by its SKU
    store.products.clear()
    await cart.remove("A")
    assert cart.removed_note["en"] == "An item no longer in our catalog · A removed."
    await cart.undo_removal()
    assert held(store) == {}
    assert cart.message["en"] == (
        "An item no longer in our catalog · A is no longer sold: it could not be put back."
    )


async def test_a_line_whose_variant_was_removed_is_named_by_its_product_on_the_page(
    cart: Any, store: MemoryCarts, fake_shop: Shop
) -> None:
    """Its product still on sale: the line keeps its name and options, leads to the product,
    says it is no longer sold; removed, the note names it so."""
    store.items["W"] = sellable("W", options="M · White")
    assert fake_shop.carts is not None
    fake_shop.carts.add(token_hash("tab-cart"), None, "W", 1)
    del store.items["W"]
    await cart.load()
    line = cart.lines[-1]
    assert (line.title, line.options, line.href) == ("Thing", "M · White", "/product/slug")
    assert (line.status, line.line_total_minor) == ("unavailable", 0)
    assert line.status_labels["en"] == "No longer sold: it will not be ordered."
    await cart.remove("W")
    assert cart.removed_note["en"] == "Thing (M · White) removed."


async def test_the_undo_is_offered_until_the_shopper_leaves_the_page(
    cart: Any, store: MemoryCarts
) -> None:
    await cart.load()
    await cart.remove("A")
    await cart.set_quantity("B", "3")  # other changes keep it
    await cart.catch_up()
    assert cart.removed_note["en"] == "Thing removed."
    await cart.load()  # the next page
    assert (cart.removed_note, cart._removed) == ({}, None)
    await cart.undo_removal()
    assert held(store) == {"B": 3}


async def test_a_removal_offered_back_survives_the_state_being_stored(
    cart: Any, store: MemoryCarts
) -> None:
    """The state is pickled into Redis between events (several workers)."""
    await cart.load()
    await cart.remove("A")
    stored: Any = type(cart)._deserialize(cart._serialize())
    assert stored._removed == cart._removed
    assert stored._removed.sku == "A"
    assert stored.removed_note == cart.removed_note


async def test_changing_a_quantity_is_no_removal(cart: Any, store: MemoryCarts) -> None:
    await cart.load()
    await cart.set_quantity("A", "3")
    await cart.set_quantity("A", "")  # refused
    assert held(store) == {"A": 3, "B": 2}
    assert cart.removals == 0


async def test_a_code_kept_from_checkout_is_known_to_the_page(cart: Any, fake_shop: Shop) -> None:
    """Its free-delivery note is then left to checkout, which counts the goods after the
    discount (pages/cart.py)."""
    await cart.load()
    assert cart.has_code is False
    assert fake_shop.carts is not None
    carts = fake_shop.carts
    carts.keep_code(carts.view(token_hash("tab-cart"), None), "WELCOME10")
    await cart.load()
    assert cart.has_code is True
