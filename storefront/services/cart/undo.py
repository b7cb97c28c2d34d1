"""Undoing a line's removal. The line goes back through the add path, so the stock (with
what the cart's own unpaid orders hold), the quantity limit and the product being on sale in
the shop's currency are checked as for any add; a discount is priced on the cart at checkout
as always. It goes back in its place in the cart, at the price its shopper had seen, so a
price changed since is told on the line. What cannot come back whole is said, never dropped
without a word."""

from __future__ import annotations

from dataclasses import dataclass

from storefront.services.cart.service import ACCOUNT_GONE, Carts, CartView, RemovedLine

BACK = "cart.undo.back"  # the line is back, whole
FEWER = "cart.undo.fewer"  # part of it back: the stock left (or the limit) allowed no more
# Nothing could come back, by the add's refusal.
_NOT_BACK = {
    "cart.error.out_of_stock": "cart.undo.sold_out",
    "cart.error.unavailable": "cart.undo.unavailable",
    # The cart holds all there is of it already (added again, from another tab, meanwhile).
    "cart.error.limited": "cart.error.limited",
    ACCOUNT_GONE: ACCOUNT_GONE,
}


@dataclass(frozen=True, slots=True)
class Restored:
    view: CartView
    message: str  # key of the message saying how it went
    held: int  # how many of it the cart holds now (0: it did not come back)
    wanted: int  # how many were removed
    # How many this undo put back: fewer than `wanted` when the stock left or the quantity
    # limit allowed no more, counted apart from units added again meanwhile (review).
    put: int = 0


def restore(
    carts: Carts, token_hash: str | None, account_id: int | None, removed: RemovedLine
) -> Restored:
    """Put a removed line back, as much of it as the cart may have now."""
    added = carts.add_and_view(
        token_hash,
        account_id,
        removed.sku,
        removed.quantity,
        price_seen=removed.price_seen_minor,
        place=removed.added_at,
    )
    line = next((line for line in added.view.lines if line.sku == removed.sku), None)
    held = line.quantity if line is not None else 0
    if added.refusal is None:
        message = BACK
    elif added.quantity > 0:
        message = FEWER
    else:  # a refusal no add gives today is said as the add would say it
        message = _NOT_BACK.get(added.refusal, added.refusal)
    return Restored(added.view, message, held, removed.quantity, added.quantity)
