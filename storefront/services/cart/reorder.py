"""Buying an order again: each of its lines goes into the cart through the cart's own add
path (services/cart/service.py), so the stock (with what the cart's unpaid orders hold), the
quantity limit and the product being on sale in the shop's currency are checked as for any
add, at today's price. What could not go in whole is said line by line, never dropped without
a word."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from storefront.services.cart.service import ACCOUNT_GONE, MAX_QUANTITY, Carts, CartView

# added: all of it; fewer: part of it (the stock left or the quantity limit allowed no more);
# at_limit: none, the cart holds all it may of it already; sold_out; unavailable: archived,
# a draft, its variant removed, or priced in another currency.
Outcome = Literal["added", "fewer", "at_limit", "sold_out", "unavailable"]

_NOTHING_ADDED: dict[str, Outcome] = {
    "cart.error.limited": "at_limit",
    "cart.error.out_of_stock": "sold_out",
}


class BoughtLine(Protocol):
    """A line of a past order (services.orders.ports.OrderItem)."""

    @property
    def sku(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def options(self) -> str: ...
    @property
    def quantity(self) -> int: ...
    @property
    def unit_price_minor(self) -> int: ...


@dataclass(frozen=True, slots=True)
class LineAgain:
    """How one line of the order went into the cart."""

    sku: str
    title: str  # as bought: the order's name for it
    options: str
    wanted: int  # as ordered
    added: int  # how many this put in the cart
    outcome: Outcome
    paid_minor: int  # its unit price in the order
    price_minor: int | None = None  # its unit price today, when any was added

    @property
    def price_changed(self) -> bool:
        return self.price_minor is not None and self.price_minor != self.paid_minor


@dataclass(frozen=True, slots=True)
class BoughtAgain:
    view: CartView  # the cart as it now stands
    lines: tuple[LineAgain, ...]  # in the order's order
    # ACCOUNT_GONE: the account closed from another browser, nothing more went in (the lines
    # after it were not tried and are not listed).
    refusal: str | None = None
    product_ids: tuple[int, ...] = ()  # the products that went in, each once

    @property
    def added(self) -> int:
        """How many items went in, all lines counted."""
        return sum(line.added for line in self.lines)


def buy_again(
    carts: Carts, token_hash: str | None, account_id: int | None, lines: Sequence[BoughtLine]
) -> BoughtAgain:
    """Add every line of a past order to the owner's cart, each as much of it as the cart
    may have now, at today's price; a SKU the order names twice is added once."""
    view: CartView | None = None
    done: list[LineAgain] = []
    product_ids: list[int] = []
    for line in _merged(lines):
        asked = min(line.quantity, MAX_QUANTITY)
        added = carts.add_and_view(token_hash, account_id, line.sku, asked)
        if added.refusal == ACCOUNT_GONE:
            return BoughtAgain(added.view, tuple(done), ACCOUNT_GONE, tuple(product_ids))
        view, put, product_id = added.view, added.quantity, added.product_id
        if put > 0 and product_id is not None and product_id not in product_ids:
            product_ids.append(product_id)
        held = next((held for held in view.lines if held.sku == line.sku), None)
        price = held.item.price_minor if put > 0 and held and held.item else None
        outcome: Outcome
        if put >= line.quantity:
            outcome = "added"
        elif put > 0:
            outcome = "fewer"
        else:
            outcome = _NOTHING_ADDED.get(added.refusal or "", "unavailable")
        done.append(
            LineAgain(
                line.sku,
                line.title,
                line.options,
                line.quantity,
                put,
                outcome,
                line.unit_price_minor,
                price,
            )
        )
    if view is None:  # an order with no line to add: the cart as it stands
        view = carts.view(token_hash, account_id)
    return BoughtAgain(view, tuple(done), None, tuple(product_ids))


@dataclass(frozen=True, slots=True)
class _Line:
    sku: str
    title: str
    options: str
    quantity: int
    unit_price_minor: int


def _merged(lines: Sequence[BoughtLine]) -> list[_Line]:
    """The order's lines, one a SKU (its quantities added), in their order."""
    by_sku: dict[str, _Line] = {}
    for line in lines:
        if line.quantity <= 0:
            continue
        was = by_sku.get(line.sku)
        quantity = line.quantity + (was.quantity if was else 0)
        by_sku[line.sku] = _Line(
            line.sku, line.title, line.options, quantity, line.unit_price_minor
        )
    return list(by_sku.values())
