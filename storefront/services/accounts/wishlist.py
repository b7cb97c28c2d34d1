"""Products a signed-in shopper keeps for later, shown with today's price and stock."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from models.views import ProductCard
from storefront.services.accounts.errors import AccountError
from storefront.services.accounts.ports import AccountGone

MAX_ITEMS = 200


class WishlistStore(Protocol):
    def product_ids(self, account_id: int) -> list[int]:
        """Newest first."""
        ...

    def add(self, account_id: int, product_id: int, limit: int, now: datetime) -> bool:
        """In one transaction that holds the account: keep the product (a repeat is a no-op);
        False when the list already holds `limit` other products. AccountGone when the
        account is."""
        ...

    def remove(self, account_id: int, product_id: int) -> None: ...


class ProductCards(Protocol):
    def cards(self, product_ids: Sequence[int]) -> list[ProductCard]:
        """Published products among `product_ids`, in that order."""
        ...


class Wishlist:
    def __init__(self, store: WishlistStore, catalog: ProductCards) -> None:
        self._store = store
        self._catalog = catalog

    def product_ids(self, account_id: int) -> list[int]:
        """Every product kept, newest first (for the hearts on product pages)."""
        return self._store.product_ids(account_id)

    def items(self, account_id: int) -> list[ProductCard]:
        """What the shopper kept that is still for sale, newest first."""
        return self._catalog.cards(self._store.product_ids(account_id))

    def add(self, account_id: int, product_id: int, now: datetime) -> None:
        """Keep a product for sale (again is a no-op); refused when the list is full of
        products still for sale (those no longer for sale, which the list no longer shows
        nor lets remove, make room)."""
        if not self._catalog.cards([product_id]):
            raise AccountError("wishlist.error.unknown")
        try:
            added = self._store.add(account_id, product_id, MAX_ITEMS, now)
        except AccountGone:  # closed in another tab since this one looked
            raise AccountError("account.error.signed_out") from None
        if added:
            return
        kept = self._store.product_ids(account_id)
        shown = {card.id for card in self._catalog.cards(kept)}
        hidden = [pid for pid in kept if pid not in shown]
        for gone in hidden:
            self._store.remove(account_id, gone)
        if not hidden or not self._store.add(account_id, product_id, MAX_ITEMS, now):
            raise AccountError("wishlist.error.full")

    def remove(self, account_id: int, product_id: int) -> None:
        """Drop a product (one not kept is a no-op)."""
        self._store.remove(account_id, product_id)
