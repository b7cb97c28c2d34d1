"""Shipping addresses kept on an account and offered again at checkout."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
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


class AddressStore(Protocol):
    def addresses(self, account_id: int) -> list[SavedAddress]:
        """Oldest first."""
        ...

    def add(self, account_id: int, address: Address, limit: int, now: datetime) -> int | None:
        """In one transaction that holds the account: the id of the same address if the account
        has it already, else of a new one; None when the account already has `limit`.
        AccountGone when the account is."""
        ...

    def remove(self, account_id: int, address_id: int) -> bool:
        """False when the account has no such address."""
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

    def remove(self, account_id: int, address_id: int) -> None:
        """Forget one of the account's addresses (another account's is refused)."""
        if not self._store.remove(account_id, address_id):
            raise AccountError("account.error.address_unknown")
