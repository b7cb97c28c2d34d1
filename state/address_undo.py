"""Undo of a saved address's removal (state/address_book.py takes this in), as the cart's Undo
of a removed line (state/cart_undo.py): the address removed last stays offered back until the
shopper leaves the page, removes another or undoes it. Keeping it again is the address book's
(AddressBook.put_back); this says how it went."""

from __future__ import annotations

import reflex as rx

from models.types import utc_now
from state.shop import call
from storefront.i18n import LOCALES, translate
from storefront.services.accounts.address_book import SavedAddress
from storefront.services.accounts.errors import AccountError

BACK = "account.address_back"  # in its place again
KNOWN = "account.address_known"  # added again meanwhile (another tab): kept once
# A refusal of put_back said for this address ("… could not be put back").
_NOT_BACK = {"account.error.address_book_full": "account.address_undo_full"}


class AddressUndo(rx.State, mixin=True):
    """Its event uses the address book's own: its account, message, list and `changes`."""

    # "Address removed: 12 rue …", per locale: while set, the note offers Undo.
    removed_note: dict[str, str] = {}  # noqa: RUF012
    undo_label: dict[str, str] = {}  # noqa: RUF012  # "Undo, put back 12 rue …"
    _removed: SavedAddress | None = None
    _removed_from: int = 0  # its account: another's signing in here never gets it
    _removed_names: dict[str, str] = {}  # noqa: RUF012  # its summary per locale

    def _offer_undo(self, account_id: int, removed: SavedAddress, names: dict[str, str]) -> None:
        """An address was removed: the note says which, with Undo (this one, not one before)."""
        self._removed, self._removed_from, self._removed_names = removed, account_id, names
        self.removed_note = in_each_locale("account.address_removed", names)
        self.undo_label = in_each_locale("account.address_undo_label", names)

    def _forget_removal(self) -> None:
        if self._removed is not None:  # assigned only then: a var set is saved and sent
            self._removed, self._removed_from, self._removed_names = None, 0, {}
            self.removed_note, self.undo_label = {}, {}

    @rx.event
    async def undo_removal(self) -> None:
        """The address removed last kept again, in its place, and the note says how it went."""
        from state.address_book import address_book  # the book's module takes this mixin in

        removed, names, owner = self._removed, self._removed_names, self._removed_from
        if removed is None:  # undone already (a second click on its way)
            return
        self._forget_removal()
        account_id = await self._account()
        if not account_id or account_id != owner:  # signed out, or as someone else, since
            self.message = in_each_locale("account.error.signed_out", names)
        else:
            try:
                kept = await call(address_book().put_back, account_id, removed, utc_now())
            except AccountError as exc:
                self.message = in_each_locale(_NOT_BACK.get(exc.code, exc.code), names)
            else:
                self.message = in_each_locale(BACK if kept.id == removed.id else KNOWN, names)
        self.changes += 1
        await self._show()


def in_each_locale(key: str, names: dict[str, str]) -> dict[str, str]:
    return {locale: translate(locale, key, address=names.get(locale, "")) for locale in LOCALES}
