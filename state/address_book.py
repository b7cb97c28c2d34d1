"""The account's saved shipping addresses: listed, added (checked as at checkout), removed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import reflex as rx

from models.types import utc_now
from state.account import AccountState
from state.account_pages import account_page
from state.browser_input import CONTROL_REFUSED, holds_control, whole
from state.refusals import refusal
from state.shop import call, shop, with_database
from storefront.i18n import translations
from storefront.services.accounts.address_book import AddressBook, SavedAddress
from storefront.services.accounts.errors import AccountError
from storefront.services.checkout.address import POSTAL_CODES

ADDRESS_FIELDS = ("name", "line1", "line2", "postal_code", "city")
COUNTRIES = sorted(POSTAL_CODES)  # the countries we ship to
ADDRESS_FORM = "address-form"  # the form's id


@dataclass
class AddressItem:
    id: int = 0
    # The address on one line, per locale (its country named in that language).
    summaries: dict[str, str] = field(default_factory=dict)
    fields: dict[str, str] = field(default_factory=dict)


def address_items(saved: list[SavedAddress]) -> list[AddressItem]:
    items = []
    for entry in saved:
        a = entry.address
        parts = [a.name, a.line1, a.line2, f"{a.postal_code} {a.city}"]
        countries = translations(f"country.{a.country}", a.country)
        summaries = {
            locale: ", ".join(p for p in (*parts, country) if p)
            for locale, country in countries.items()
        }
        fields = {name: getattr(a, name) for name in (*ADDRESS_FIELDS, "country")}
        items.append(AddressItem(entry.id, summaries, fields))
    return items


def address_book() -> AddressBook:
    return with_database(shop().address_book, "saved addresses")


@account_page
class AddressBookState(rx.State):
    addresses: list[AddressItem] = []  # noqa: RUF012
    errors: dict[str, dict[str, str]] = {}  # noqa: RUF012  field -> message per locale
    message: dict[str, str] = {}  # noqa: RUF012
    refused: str = ""  # the last refusal (state/refusals.py): the field in error is focused
    # Bumped after a save so the form mounts again, empty.
    form_key: int = 0
    changes: int = 0  # addresses saved or removed: the note takes a focus they took away

    async def _account(self) -> int:
        return await (await self.get_state(AccountState))._current_account()

    @rx.event
    async def load(self) -> None:
        # A refusal of an earlier visit is not about this one.
        self.errors, self.message = {}, {}
        await self._show()

    async def _show(self) -> None:
        account_id = await self._account()
        saved = await call(address_book().addresses, account_id) if account_id else []
        self.addresses = address_items(saved)

    @rx.event
    async def add(self, form: dict[str, Any]) -> None:
        account_id = await self._account()
        if not account_id:
            return
        if holds_control(form):
            self.errors, self.message = {}, translations(CONTROL_REFUSED)
            return
        entered = {k: str(form.get(k, ""))[:250] for k in (*ADDRESS_FIELDS, "country")}
        try:
            await call(address_book().add, account_id, entered, utc_now())
        except AccountError as exc:
            self.errors = {f: translations(key) for f, key in exc.fields.items()}
            self.message = translations(exc.code)
            self.refused = refusal(ADDRESS_FORM, self.refused)
            return
        self.errors, self.message = {}, translations("account.address_saved")
        self.form_key += 1  # the form drawn empty again, its focused field with it
        self.changes += 1
        await self._show()

    @rx.event
    async def remove(self, address_id: int) -> None:
        account_id = await self._account()
        if not account_id:
            return
        try:
            await call(address_book().remove, account_id, whole(address_id, -1))
            self.message = translations("account.address_removed")
        except (AccountError, TypeError, ValueError):
            self.message = translations("account.error.address_unknown")
        self.changes += 1
        await self._show()
