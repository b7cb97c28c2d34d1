"""Saved addresses and the wishlist on in-memory fakes (their SQL twins:
tests/integration/test_account_lists.py)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from models.views import ProductCard
from storefront.services.accounts.address_book import (
    MAX_ADDRESSES,
    AddressBook,
    Replaced,
    SavedAddress,
)
from storefront.services.accounts.errors import AccountError
from storefront.services.accounts.wishlist import MAX_ITEMS, Wishlist
from storefront.services.orders.ports import Address

NOW = datetime(2026, 11, 30, tzinfo=UTC)
HOME = {
    "name": " Camille  Martin ",
    "line1": "12 rue des Lilas",
    "postal_code": "75011",
    "city": "Paris",
    "country": "fr",
}


class MemoryAddresses:
    """As the SQL store: ids only grow, listed in their order."""

    def __init__(self) -> None:
        self.rows: dict[int, tuple[int, Address]] = {}
        self.last_id = 0

    def addresses(self, account_id: int) -> list[SavedAddress]:
        mine = sorted((i, a) for i, (owner, a) in self.rows.items() if owner == account_id)
        return [SavedAddress(i, a) for i, a in mine]

    def add(
        self, account_id: int, address: Address, limit: int, now: datetime, place: int = 0
    ) -> int | None:
        mine = self.addresses(account_id)
        same = next((s.id for s in mine if s.address == address), None)
        if same is not None:
            return same
        if len(mine) >= limit:
            return None
        if place <= 0 or place in self.rows:
            self.last_id += 1
            place = self.last_id
        self.rows[place] = (account_id, address)
        return place

    def put_back(
        self, account_id: int, removed: SavedAddress, limit: int, now: datetime
    ) -> int | None:
        return self.add(account_id, removed.address, limit, now, removed.id)

    def remove(self, account_id: int, address_id: int) -> Address | None:
        if self.rows.get(address_id, (0,))[0] != account_id:
            return None
        return self.rows.pop(address_id)[1]

    def replace(
        self, account_id: int, address_id: int, shown: Address, address: Address
    ) -> Replaced:
        owner, now = self.rows.get(address_id, (0, None))
        if owner != account_id:
            return Replaced.GONE
        if now != shown:
            return Replaced.CHANGED
        if any(s.address == address and s.id != address_id for s in self.addresses(account_id)):
            return Replaced.DUPLICATE
        self.rows[address_id] = (account_id, address)
        return Replaced.DONE


def test_an_address_is_checked_normalised_and_kept_once() -> None:
    store = MemoryAddresses()
    book = AddressBook(store)
    saved = book.add(7, HOME, NOW)
    assert saved.address == Address(
        "Camille Martin", "12 rue des Lilas", "", "75011", "Paris", "FR"
    )
    assert book.add(7, {**HOME, "name": "Camille Martin"}, NOW).id == saved.id
    assert book.addresses(7) == [saved]
    assert book.addresses(8) == []


def test_a_bad_address_names_each_field_and_keeps_nothing() -> None:
    store = MemoryAddresses()
    with pytest.raises(AccountError) as refused:
        AddressBook(store).add(7, {**HOME, "postal_code": "7501", "city": ""}, NOW)
    assert refused.value.code == "account.error.address"
    assert refused.value.fields == {
        "postal_code": "checkout.error.postal_code",
        "city": "checkout.error.required",
    }
    assert store.rows == {}


def test_the_address_book_has_a_limit_and_removal_is_per_account() -> None:
    book = AddressBook(MemoryAddresses())
    for n in range(MAX_ADDRESSES):
        book.add(7, {**HOME, "line1": f"{n + 1} rue des Lilas"}, NOW)
    with pytest.raises(AccountError, match="address_book_full"):
        book.add(7, {**HOME, "line1": "99 rue des Lilas"}, NOW)
    first = book.addresses(7)[0]
    with pytest.raises(AccountError, match="address_unknown"):
        book.remove(8, first.id)  # someone else's address
    book.remove(7, first.id)
    assert len(book.addresses(7)) == MAX_ADDRESSES - 1


def test_an_edited_address_is_checked_and_replaced_in_place() -> None:
    store = MemoryAddresses()
    book = AddressBook(store)
    home = book.add(7, HOME, NOW)
    office = book.add(7, {**HOME, "line1": "3 quai Voltaire"}, NOW)
    edited = book.edit(7, home.id, home.address, {**HOME, "line2": " Bât. B;  3e étage "})
    assert edited == SavedAddress(home.id, replace(home.address, line2="Bât. B; 3e étage"))
    assert book.addresses(7) == [edited, office]  # same id, same place, nothing added


def test_a_bad_edit_names_each_field_and_changes_nothing() -> None:
    store = MemoryAddresses()
    book = AddressBook(store)
    home = book.add(7, HOME, NOW)
    with pytest.raises(AccountError) as refused:
        book.edit(7, home.id, home.address, {**HOME, "postal_code": "1011 AB", "name": "\x07"})
    assert refused.value.code == "account.error.address"
    assert refused.value.fields == {
        "postal_code": "checkout.error.postal_code",
        "name": "checkout.error.characters",
    }
    assert book.addresses(7) == [home]


def test_an_address_removed_or_changed_elsewhere_is_not_recreated_nor_overwritten() -> None:
    store = MemoryAddresses()
    book = AddressBook(store)
    home = book.add(7, HOME, NOW)
    office = book.add(7, {**HOME, "line1": "3 quai Voltaire"}, NOW)
    # Another tab changed the office meanwhile: this tab's edit, made on the old text, is refused.
    changed = book.edit(7, office.id, office.address, {**HOME, "line1": "4 quai Voltaire"})
    with pytest.raises(AccountError, match=r"address_changed$"):
        book.edit(7, office.id, office.address, {**HOME, "line1": "5 quai Voltaire"})
    # Another tab removed it: refused, not added again.
    book.remove(7, office.id)
    with pytest.raises(AccountError, match=r"address_unknown$"):
        book.edit(7, office.id, changed.address, {**HOME, "line1": "5 quai Voltaire"})
    with pytest.raises(AccountError, match=r"address_unknown$"):
        book.edit(8, home.id, home.address, HOME)  # someone else's address
    assert book.addresses(7) == [home]


def test_an_edit_into_another_saved_address_is_refused() -> None:
    book = AddressBook(MemoryAddresses())
    home = book.add(7, HOME, NOW)
    office = book.add(7, {**HOME, "line1": "3 quai Voltaire"}, NOW)
    with pytest.raises(AccountError, match=r"address_duplicate$"):
        book.edit(7, office.id, office.address, HOME)
    assert book.addresses(7) == [home, office]


def test_a_removed_address_is_returned_and_put_back_in_its_place() -> None:
    book = AddressBook(MemoryAddresses())
    home = book.add(7, HOME, NOW)
    office = book.add(7, {**HOME, "line1": "3 quai Voltaire"}, NOW)
    removed = book.remove(7, home.id)
    assert removed == home  # as it was: what an Undo keeps again
    assert book.addresses(7) == [office]
    assert book.put_back(7, removed, NOW) == home
    assert book.addresses(7) == [home, office]  # first again, not last


def test_a_put_back_keeps_an_address_added_again_meanwhile_once() -> None:
    book = AddressBook(MemoryAddresses())
    home = book.add(7, HOME, NOW)
    removed = book.remove(7, home.id)
    again = book.add(7, HOME, NOW)  # another tab
    assert again.id != home.id
    assert book.put_back(7, removed, NOW) == again
    assert book.addresses(7) == [again]


def test_a_put_back_into_a_book_filled_meanwhile_is_refused_and_keeps_nothing() -> None:
    book = AddressBook(MemoryAddresses())
    home = book.add(7, HOME, NOW)
    removed = book.remove(7, home.id)
    for n in range(MAX_ADDRESSES):  # another tab filled the book
        book.add(7, {**HOME, "line1": f"{n + 1} quai Voltaire"}, NOW)
    with pytest.raises(AccountError, match="address_book_full"):
        book.put_back(7, removed, NOW)
    assert home not in book.addresses(7)
    assert len(book.addresses(7)) == MAX_ADDRESSES


class MemoryWishlist:
    def __init__(self) -> None:
        self.ids: dict[int, list[int]] = {}

    def product_ids(self, account_id: int) -> list[int]:
        return list(reversed(self.ids.get(account_id, [])))

    def add(self, account_id: int, product_id: int, limit: int, now: datetime) -> bool:
        mine = self.ids.setdefault(account_id, [])
        if product_id in mine:
            return True
        if len(mine) >= limit:
            return False
        mine.append(product_id)
        return True

    def remove(self, account_id: int, product_id: int) -> None:
        if product_id in self.ids.get(account_id, []):
            self.ids[account_id].remove(product_id)


class Cards:
    def __init__(self, for_sale: set[int]) -> None:
        self.for_sale = for_sale

    def cards(self, product_ids: Sequence[int]) -> list[ProductCard]:
        return [
            ProductCard(i, f"p-{i}", f"P {i}", "", 100, None, "EUR", 4.0, 1, None, True)
            for i in product_ids
            if i in self.for_sale
        ]


def test_the_wishlist_keeps_products_for_sale_newest_first() -> None:
    catalog = Cards({1, 2, 3})
    wishlist = Wishlist(MemoryWishlist(), catalog)
    wishlist.add(7, 1, NOW)
    wishlist.add(7, 2, NOW)
    wishlist.add(7, 1, NOW)  # a repeat changes nothing
    assert [c.id for c in wishlist.items(7)] == [2, 1]
    with pytest.raises(AccountError, match=r"wishlist\.error\.unknown"):
        wishlist.add(7, 99, NOW)
    catalog.for_sale.discard(2)  # archived since: no longer shown
    assert [c.id for c in wishlist.items(7)] == [1]
    wishlist.remove(7, 1)
    assert wishlist.product_ids(7) == [2]


def test_the_wishlist_has_a_limit() -> None:
    wishlist = Wishlist(MemoryWishlist(), Cards(set(range(MAX_ITEMS + 1))))
    for product_id in range(MAX_ITEMS):
        wishlist.add(7, product_id, NOW)
    with pytest.raises(AccountError, match=r"wishlist\.error\.full"):
        wishlist.add(7, MAX_ITEMS, NOW)
    wishlist.add(7, 0, NOW)  # already there: still fine


def test_products_no_longer_for_sale_make_room_in_a_full_wishlist() -> None:
    """The list hides them and offers no way to remove them: they must not keep it full."""
    catalog = Cards(set(range(MAX_ITEMS + 1)))
    wishlist = Wishlist(MemoryWishlist(), catalog)
    for product_id in range(MAX_ITEMS):
        wishlist.add(7, product_id, NOW)
    catalog.for_sale -= {3, 5}  # archived since
    wishlist.add(7, MAX_ITEMS, NOW)
    assert len(wishlist.items(7)) == MAX_ITEMS - 1
    assert {3, 5}.isdisjoint(wishlist.product_ids(7))
