"""The account's saved shipping addresses: listed, added and edited (checked as at checkout),
removed (with an Undo: state/address_undo.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import reflex as rx

from models.types import utc_now
from state.account import AccountState
from state.account_pages import account_page
from state.address_undo import AddressUndo
from state.browser_input import CONTROL_REFUSED, as_form, holds_control, whole
from state.refusals import refusal
from state.shop import call, shop, with_database
from storefront.i18n import translations
from storefront.services.accounts.address_book import AddressBook, SavedAddress
from storefront.services.accounts.errors import AccountError
from storefront.services.checkout.address import POSTAL_CODES
from storefront.services.orders.ports import Address

ADDRESS_FIELDS = ("name", "line1", "line2", "postal_code", "city")
COUNTRIES = sorted(POSTAL_CODES)  # the countries we ship to
ADDRESS_FORM = "address-form"  # the form's id
EMPTY_FORM = {**dict.fromkeys(ADDRESS_FIELDS, ""), "country": "FR"}


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
class AddressBookState(AddressUndo, rx.State):
    addresses: list[AddressItem] = []  # noqa: RUF012
    errors: dict[str, dict[str, str]] = {}  # noqa: RUF012  field -> message per locale
    message: dict[str, str] = {}  # noqa: RUF012
    refused: str = ""  # the last refusal (state/refusals.py): the field in error is focused
    # Bumped after a save, and as editing starts or ends, so the form mounts again with
    # `form_values` (empty, or the address being edited).
    form_key: int = 0
    form_values: dict[str, str] = EMPTY_FORM
    editing: int = 0  # the id of the address the form edits; 0: the form adds one
    # The edited address as this tab showed it: a change made meanwhile elsewhere is refused.
    _shown: dict[str, str] = {}  # noqa: RUF012
    changes: int = 0  # addresses saved, edited or removed: the note takes a focus they took away

    async def _account(self) -> int:
        return await (await self.get_state(AccountState))._current_account()

    @rx.event
    async def load(self) -> None:
        # A refusal of an earlier visit is not about this one, nor its edit. The form is drawn
        # again only if it was editing: drawn again, it would lose what the shopper typed
        # while the page loaded.
        self.errors, self.message = {}, {}
        self._forget_removal()  # its Undo was for that visit
        if self.editing:
            self._close_form()
        await self._show()

    def _close_form(self) -> None:
        """The form back to adding an address, drawn again empty."""
        self.editing, self._shown, self.form_values = 0, {}, dict(EMPTY_FORM)
        self.form_key += 1

    async def _show(self) -> None:
        account_id = await self._account()
        saved = await call(address_book().addresses, account_id) if account_id else []
        self.addresses = address_items(saved)

    @rx.event
    async def save(self, form: dict[str, Any]) -> None:
        """The form sent: the address it edits replaced, or a new one added."""
        if self.editing:
            await self._replace(form)
        else:
            await self.add(form)

    @rx.event
    async def add(self, form: dict[str, Any]) -> None:
        account_id = await self._account()
        if not account_id or not (entered := self._entered(form)):
            return
        shown = {item.id for item in self.addresses}
        try:
            saved = await call(address_book().add, account_id, entered, utc_now())
        except AccountError as exc:
            self._refuse(exc)
            return
        # One already in the book is kept once: said so, not "saved" as if it were new (QA).
        self._done("account.address_known" if saved.id in shown else "account.address_saved")
        await self._show()

    @rx.event
    async def edit(self, address_id: int) -> None:
        """The form filled with the address `address_id`, to change it."""
        if not await self._account():
            return
        wanted = whole(address_id, -1)
        item = next((i for i in self.addresses if i.id == wanted), None)
        if item is None:
            self._done("account.error.address_unknown")
            await self._show()
            return
        self.errors, self.message = {}, {}
        self.editing, self._shown, self.form_values = item.id, dict(item.fields), dict(item.fields)
        self.form_key += 1  # drawn again, filled in; its first field takes the focus

    @rx.event
    def cancel_edit(self) -> None:
        self._done("account.address_unchanged")

    async def _replace(self, form: dict[str, Any]) -> None:
        account_id = await self._account()
        if not account_id or not (entered := self._entered(form)):
            return
        shown = Address(**{k: self._shown.get(k, "") for k in (*ADDRESS_FIELDS, "country")})
        try:
            await call(address_book().edit, account_id, self.editing, shown, entered)
        except AccountError as exc:
            if exc.fields or exc.code == "account.error.address_duplicate":
                self._refuse(exc)  # theirs to fix: the form stays as typed
                return
            self._done(exc.code)  # removed, changed or signed out meanwhile: nothing saved
        else:
            self._done("account.address_updated")
        await self._show()

    def _entered(self, form: dict[str, Any]) -> dict[str, str]:
        """The address fields sent, or {} (with the message) for a form holding a control
        character."""
        sent = as_form(form)  # a crafted event may send anything
        if holds_control(sent):
            self.errors, self.message = {}, translations(CONTROL_REFUSED)
            return {}
        return {k: str(sent.get(k, ""))[:250] for k in (*ADDRESS_FIELDS, "country")}

    def _refuse(self, exc: AccountError) -> None:
        self.errors = {f: translations(key) for f, key in exc.fields.items()}
        self.message = translations(exc.code)
        self.refused = refusal(ADDRESS_FORM, self.refused)

    def _done(self, message_key: str) -> None:
        """The form closed (drawn again empty, its focused field with it) and the note says
        what happened, taking the focus."""
        self.errors, self.message = {}, translations(message_key)
        self._close_form()
        self.changes += 1

    @rx.event
    async def remove(self, address_id: int) -> None:
        account_id = await self._account()
        if not account_id:
            return
        removed = whole(address_id, -1)
        try:
            gone = await call(address_book().remove, account_id, removed)
        except (AccountError, TypeError, ValueError):
            self.message = translations("account.error.address_unknown")
        else:
            self.message = {}  # the note names it, with its Undo
            self._offer_undo(account_id, gone, address_items([gone])[0].summaries)
        if removed == self.editing:  # nothing left to edit
            self.errors = {}
            self._close_form()
        self.changes += 1
        await self._show()
