"""Shipping addresses kept on an account and offered again at checkout; one removed can be
put back (the account page's Undo)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Protocol

from storefront.services.accounts.errors import AccountError
from storefront.services.accounts.ports import AccountGone
from storefront.services.checkout.address import validate_address
from storefront.services.orders.ports import Address

MAX_ADDRESSES = 10


@dataclass(frozen=True, slots=True)
class SavedAddress:
    id: int
    address: Address


class Replaced(Enum):
    """How replacing a saved address went."""

    DONE = "done"
    GONE = "gone"  # the account has no such address (removed meanwhile, or another's)
    CHANGED = "changed"  # it no longer reads as the shopper saw it (edited in another tab)
    DUPLICATE = "duplicate"  # the account keeps the new address already, under another id


class AddressStore(Protocol):
    def addresses(self, account_id: int) -> list[SavedAddress]:
        """Oldest first."""
        ...

    def add(self, account_id: int, address: Address, limit: int, now: datetime) -> int | None:
        """In one transaction that holds the account: the id of the same address if the account
        has it already, else of a new one; None when the account already has `limit`.
        AccountGone when the account is."""
        ...

    def remove(self, account_id: int, address_id: int) -> Address | None:
        """The address removed; None when the account has no such address."""
        ...

    def put_back(
        self, account_id: int, removed: SavedAddress, limit: int, now: datetime
    ) -> int | None:
        """As `add` (one transaction holding the account, the same address's id if the
        account has it, None at `limit`, AccountGone), the new row taking `removed.id` back
        while no row has it: the address returns to its place in the list."""
        ...

    def replace(
        self, account_id: int, address_id: int, shown: Address, address: Address
    ) -> Replaced:
        """In one transaction that holds the account: `address` in place of the account's
        address `address_id`, only while that still reads `shown`. AccountGone when the
        account is."""
        ...


class AddressBook:
    def __init__(self, store: AddressStore) -> None:
        self._store = store

    def addresses(self, account_id: int) -> list[SavedAddress]:
        """The account's addresses, oldest first."""
        return self._store.addresses(account_id)

    def add(self, account_id: int, form: Mapping[str, str], now: datetime) -> SavedAddress:
        """Check the address as checkout does, then keep it (once)."""
        address, errors = validate_address(form)
        if address is None:
            raise AccountError("account.error.address", errors)
        try:
            address_id = self._store.add(account_id, address, MAX_ADDRESSES, now)
        except AccountGone:  # closed in another tab since this one looked
            raise AccountError("account.error.signed_out") from None
        if address_id is None:
            raise AccountError("account.error.address_book_full")
        return SavedAddress(address_id, address)

    def remove(self, account_id: int, address_id: int) -> SavedAddress:
        """Forget one of the account's addresses (another account's is refused); returns it
        as it was, which `put_back` keeps again (an Undo)."""
        removed = self._store.remove(account_id, address_id)
        if removed is None:
            raise AccountError("account.error.address_unknown")
        return SavedAddress(address_id, removed)

    def put_back(self, account_id: int, removed: SavedAddress, now: datetime) -> SavedAddress:
        """Undo a removal: `removed` (as it was before `remove`) kept again, in its place. One
        added again meanwhile (another tab) is kept once: its id is then another. A book
        filled up meanwhile, or an account closed, is refused and nothing is kept."""
        try:
            address_id = self._store.put_back(account_id, removed, MAX_ADDRESSES, now)
        except AccountGone:
            raise AccountError("account.error.signed_out") from None
        if address_id is None:
            raise AccountError("account.error.address_book_full")
        return SavedAddress(address_id, removed.address)

    def edit(
        self, account_id: int, address_id: int, shown: Address, form: Mapping[str, str]
    ) -> SavedAddress:
        """Check the address as checkout does, then put it in place of the one the shopper
        edited (`shown`, as their page showed it); one removed or changed meanwhile (another
        tab) is refused, never recreated nor overwritten."""
        address, errors = validate_address(form)
        if address is None:
            raise AccountError("account.error.address", errors)
        try:
            outcome = self._store.replace(account_id, address_id, shown, address)
        except AccountGone:
            raise AccountError("account.error.signed_out") from None
        if outcome is not Replaced.DONE:
            raise AccountError(_REFUSED_EDITS[outcome])
        return SavedAddress(address_id, address)


_REFUSED_EDITS = {
    Replaced.GONE: "account.error.address_unknown",
    Replaced.CHANGED: "account.error.address_changed",
    Replaced.DUPLICATE: "account.error.address_duplicate",
}
