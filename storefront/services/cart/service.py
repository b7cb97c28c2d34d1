"""Cart use cases. Quantities are checked against stock when added and again on every view;
a price or stock change since the shopper added a line is reported on that line."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from storefront.services.cart.ports import CartGone, CartStore, Former, Sellable, StoredLine
from storefront.services.errors import Refusal

MAX_QUANTITY = 99
# The refusal of a change to the cart of an account closed (from another browser) since.
ACCOUNT_GONE = "cart.error.account_gone"
LineStatus = Literal["ok", "price_changed", "reduced", "out_of_stock", "unavailable"]


class CartError(Refusal):
    """A cart change refused (quantity, availability, stock)."""


@dataclass(frozen=True, slots=True)
class CartLineView:
    sku: str
    quantity: int
    status: LineStatus
    item: Sellable | None
    price_seen_minor: int
    # A line whose variant the merchant removed: its product and options as they were, to
    # name it (None: the catalog lost its product too, or never told it).
    former: Former | None = None

    @property
    def buyable(self) -> bool:
        return self.item is not None and self.status not in ("unavailable", "out_of_stock")

    @property
    def line_total_minor(self) -> int:
        return self.item.price_minor * self.quantity if self.item and self.buyable else 0


@dataclass(frozen=True, slots=True)
class CartView:
    lines: tuple[CartLineView, ...]
    currency: str
    cart_id: int | None = None  # the stored cart (None before its first line)
    discount_code: str = ""  # the code applied at checkout, kept with the cart

    @property
    def count(self) -> int:
        return sum(line.quantity for line in self.lines if line.buyable)

    @property
    def subtotal_minor(self) -> int:
        return sum(line.line_total_minor for line in self.lines)


@dataclass(frozen=True, slots=True)
class Added:
    view: CartView
    product_id: int | None  # None when nothing was added (not even part of it)
    refusal: str | None  # message key when the cart could not take all that was asked
    quantity: int = 0  # how many this add put in the cart


@dataclass(frozen=True, slots=True)
class RemovedLine:
    """A line as a removal took it out: enough to put it back (services/cart/undo.py) and
    to name it ("" title: its variant was gone from the catalog)."""

    sku: str
    quantity: int  # as the shopper saw it (a line over the stock left shows what is left)
    price_seen_minor: int
    added_at: datetime | None  # its place in the cart
    title: str
    options: str


@dataclass(frozen=True, slots=True)
class Changed:
    view: CartView
    refusal: str | None  # message key when the change was refused or only partly made
    removed: RemovedLine | None = None  # the line this change took out of the cart


class Carts:
    def __init__(self, store: CartStore, currency: str) -> None:
        self._store = store
        self._currency = currency

    def view(
        self, token_hash: str | None, account_id: int | None, *, shown: bool = False
    ) -> CartView:
        """The cart as it stands against today's catalog. `shown`: its lines are before the
        shopper (the cart page, checkout), so a line cut to the stock left is told once and
        kept at that quantity; it said "we reduced the quantity" on every view after (QA)."""
        cart = self._store.read(token_hash, account_id)
        view = self._view(cart.cart_id, cart.lines, cart.items, cart.discount_code, cart.former)
        if shown and cart.cart_id is not None:
            for stored, line in zip(cart.lines, view.lines, strict=True):
                if line.status == "reduced":
                    self._store.cut_line(cart.cart_id, line.sku, stored.quantity, line.quantity)
        return view

    def _view(
        self,
        cart_id: int | None,
        stored: list[StoredLine],
        items: dict[str, Sellable],
        code: str = "",
        former: dict[str, Former] | None = None,
    ) -> CartView:
        currency, former = self._currency, former or {}
        lines = tuple(
            _check(line, items.get(line.sku), currency, former.get(line.sku)) for line in stored
        )
        return CartView(lines, currency, cart_id, code)

    def add(self, token_hash: str | None, account_id: int | None, sku: str, quantity: int) -> int:
        """Add to the line of this SKU (the total capped at what is in stock); returns the
        product's id."""
        added = self.add_and_view(token_hash, account_id, sku, quantity)
        if added.refusal is not None:
            raise CartError(added.refusal)
        assert added.product_id is not None
        return added.product_id

    def add_and_view(
        self,
        token_hash: str | None,
        account_id: int | None,
        sku: str,
        quantity: int,
        *,
        price_seen: int | None = None,
        place: datetime | None = None,
    ) -> Added:
        """`add`, answering with the cart as it now stands (read with the same queries) and
        the refusal's message key instead of raising it. A line put back after a removal
        (undo.py) passes the price its shopper had seen, so a price changed since is told on
        the line as before, and its `place` in the cart (when it was first added)."""
        cart = self._store.read(token_hash, account_id)
        cart_id, stored, items, code = cart.cart_id, cart.lines, cart.items, cart.discount_code
        item = items.get(sku) or self._store.sellable(sku)
        if item is not None:
            items = items | {sku: item}  # the view after adding shows the new line
        refusal = None
        if not 1 <= quantity <= MAX_QUANTITY:
            refusal = "cart.error.quantity"
        elif item is None or not _sold_in(item, self._currency):
            refusal = "cart.error.unavailable"
        elif item.stock <= 0:
            refusal = "cart.error.out_of_stock"
        if refusal is not None or item is None:
            return Added(self._view(cart_id, stored, items, code, cart.former), None, refusal)
        current = next((line for line in stored if line.sku == sku), None)
        wanted = quantity + (current.quantity if current else 0)
        cap = min(item.stock, MAX_QUANTITY)
        if current is not None and current.quantity >= cap:  # already at the cap: nothing
            # changes (not even the price seen, so a price notice stays)
            return Added(
                self._view(cart_id, stored, items, code, cart.former), None, "cart.error.limited"
            )
        price = item.price_minor if price_seen is None else price_seen
        adding = StoredLine(sku, min(quantity, cap), price, place, *_naming(item))
        try:
            if cart_id is None:
                cart_id = self._store.create(token_hash, account_id)
            added = self._store.add_to_line(cart_id, adding, cap)
        except CartGone:  # the account closed from another browser since: nothing added
            return Added(self._view(None, [], {}), None, ACCOUNT_GONE)
        if current is not None:
            line = StoredLine(sku, added, price, current.added_at, *_naming(item))
            stored = [line if s.sku == sku else s for s in stored]
        else:
            stored = _placed(stored, StoredLine(sku, added, price, place, *_naming(item)))
        limited = "cart.error.limited" if added < wanted else None
        put = added - (current.quantity if current else 0)
        return Added(
            self._view(cart_id, stored, items, code, cart.former), item.product_id, limited, put
        )

    def set_quantity(
        self, token_hash: str | None, account_id: int | None, sku: str, quantity: int
    ) -> None:
        """Change a line's quantity; 0 removes it."""
        refusal = self.set_quantity_and_view(token_hash, account_id, sku, quantity).refusal
        if refusal is not None:
            raise CartError(refusal)

    def set_quantity_and_view(
        self, token_hash: str | None, account_id: int | None, sku: str, quantity: int
    ) -> Changed:
        """`set_quantity`, answering with the cart as it now stands (from the same read)
        and the refusal's message key instead of raising it."""
        if quantity > MAX_QUANTITY:
            return Changed(self.view(token_hash, account_id), "cart.error.line_quantity")
        cart = self._store.read(token_hash, account_id)
        stored, items, code = cart.lines, cart.items, cart.discount_code
        if cart.cart_id is None or all(line.sku != sku for line in stored):
            # Only lines already in the cart change here; `add` creates them.
            return Changed(self._view(cart.cart_id, stored, items, code, cart.former), None)
        if quantity <= 0:
            self._store.remove_line(cart.cart_id, sku)
            view = self._view(cart.cart_id, stored, items, code, cart.former)
            removed = _removed(next(line for line in view.lines if line.sku == sku), stored)
            lines = tuple(line for line in view.lines if line.sku != sku)
            return Changed(CartView(lines, view.currency, view.cart_id, code), None, removed)
        item = items.get(sku)
        refusal = None
        if item is None or not _sold_in(item, self._currency):
            refusal = "cart.error.unavailable"
        elif item.stock <= 0:
            refusal = "cart.error.out_of_stock"
        if refusal is not None or item is None:
            return Changed(self._view(cart.cart_id, stored, items, code, cart.former), refusal)
        line = StoredLine(sku, min(quantity, item.stock), item.price_minor, None, *_naming(item))
        try:
            self._store.put_line(cart.cart_id, line)
        except CartGone:  # the account closed from another browser since
            return Changed(self._view(None, [], {}), ACCOUNT_GONE)
        stored = [line if s.sku == sku else s for s in stored]
        limited = "cart.error.limited" if quantity > item.stock else None
        return Changed(self._view(cart.cart_id, stored, items, code, cart.former), limited)

    def keep_code(self, view: CartView, code: str) -> None:
        """Keep the code the checkout applied to this cart ("": none) with it: a new tab or
        another day finds it applied. A cart not stored yet has nothing to discount."""
        if view.cart_id is not None and code != view.discount_code:
            self._store.keep_code(view.cart_id, code)

    def cart_id(self, token_hash: str | None, account_id: int | None) -> int | None:
        return self._store.find(token_hash, account_id)

    def attach(self, token_hash: str, account_id: int) -> None:
        """At sign-in: the guest cart joins the account's cart."""
        self._store.attach(token_hash, account_id, MAX_QUANTITY)


def _naming(item: Sellable) -> tuple[int, str]:
    """What a line keeps of its variant (StoredLine's product_id, options) to be named by
    once the merchant removes the variant."""
    return item.product_id, item.options


def _placed(stored: list[StoredLine], line: StoredLine) -> list[StoredLine]:
    """The cart's lines with a new one in its place: at the end, or before the first line
    added after its `added_at` (a line put back where it was)."""
    at = line.added_at
    index = next(
        (i for i, s in enumerate(stored) if at is not None and s.added_at and s.added_at > at),
        len(stored),
    )
    return [*stored[:index], line, *stored[index:]]


def _removed(line: CartLineView, stored: list[StoredLine]) -> RemovedLine:
    """What a removal took out: the line as shown, with its place in the cart."""
    added_at = next(s.added_at for s in stored if s.sku == line.sku)
    named = line.item or line.former
    title, options = (named.title, named.options) if named else ("", "")
    return RemovedLine(line.sku, line.quantity, line.price_seen_minor, added_at, title, options)


def _sold_in(item: Sellable, currency: str) -> bool:
    """On sale, priced in the currency the shop charges (an import may price a product in
    another; its amount would be charged as if it were the shop's)."""
    return item.active and item.currency == currency


def _check(
    line: StoredLine, item: Sellable | None, currency: str, former: Former | None = None
) -> CartLineView:
    if item is None or not _sold_in(item, currency):
        seen = line.price_seen_minor
        return CartLineView(line.sku, line.quantity, "unavailable", item, seen, former)
    if item.stock <= 0:
        return CartLineView(line.sku, line.quantity, "out_of_stock", item, line.price_seen_minor)
    if line.quantity > item.stock:
        return CartLineView(line.sku, item.stock, "reduced", item, line.price_seen_minor)
    status: LineStatus = "price_changed" if item.price_minor != line.price_seen_minor else "ok"
    return CartLineView(line.sku, line.quantity, status, item, line.price_seen_minor)
