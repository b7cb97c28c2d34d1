"""Where a checkout's order goes (state/checkout.py): the destination country, the address
fields, and a signed-in shopper's saved addresses that prefill them."""

from __future__ import annotations

import reflex as rx

from state.address_book import ADDRESS_FIELDS, AddressItem, address_items
from storefront.services.accounts.address_book import SavedAddress
from storefront.services.orders.ports import Address
from storefront.services.text import has_control

DEFAULT_COUNTRY = "FR"  # the destination a checkout starts from
MAX_TYPED = 254  # the longest field kept as typed (an email; address lines are shorter)


def blank_address() -> dict[str, str]:
    return dict.fromkeys(ADDRESS_FIELDS, "")


class AddressChoice(rx.State, mixin=True):
    """The checkout's destination. `address` prefills the fields when a saved address is
    picked (`saved_choice`, its id; the first one until the shopper picks), and
    `prefill_key` mounts them again to show it."""

    country: str = DEFAULT_COUNTRY
    saved_addresses: list[AddressItem] = []  # noqa: RUF012
    saved_choice: str = ""
    address: dict[str, str] = blank_address()
    prefill_key: int = 0
    # Whose saved address fills the form: another account's never shows.
    _account_id: int = 0
    _new_address: bool = False  # the shopper chose to enter one: no saved one fills the form

    def _show_addresses_of(
        self, account_id: int, saved: list[SavedAddress], *, keep_choices: bool
    ) -> None:
        """The page is for `account_id` (0: signed out), whose saved addresses are `saved`.
        Unless `keep_choices` (a payment under way keeps the choices it was priced with),
        the first saved one fills an empty form."""
        if account_id != self._account_id:  # signed out, or in as someone else
            self._forget_address()
            self._account_id = account_id
        self.saved_addresses = address_items(saved)
        if all(str(item.id) != self.saved_choice for item in self.saved_addresses):
            self.saved_choice = ""  # removed from the account meanwhile: its fields stay
        # Empty but for a name (the account's, filled while it had no address saved).
        typed = any(value for key, value in self.address.items() if key != "name")
        fill = self.saved_addresses and not self._new_address and not typed
        if fill and not keep_choices:
            self._fill_from(self.saved_addresses[0])

    @rx.event
    def keep_typed(self, name: str, value: str) -> None:
        """A field as the shopper leaves it (its email, a line of its address), kept before
        Pay: a reload, or Back then Forward, emptied every field (QA). Refused quietly if
        it holds a control character; Pay checks everything again."""
        text = str(value)[:MAX_TYPED]
        if has_control(text):
            return
        if name == "email":
            self.email = text.strip()
        elif name in ADDRESS_FIELDS and self.address.get(name) != text:
            self.address = {**self.address, name: text}
            self._unpick_if_changed()

    def _unpick_if_changed(self) -> None:
        """The saved address picked no longer named once a field says otherwise: the list
        named one address while the form held another (QA)."""
        picked = next((a for a in self.saved_addresses if str(a.id) == self.saved_choice), None)
        if picked is None:
            return
        typed = {**self.address, "country": self.country}
        if any(_same(picked.fields.get(k, "")) != _same(typed.get(k, "")) for k in typed):
            self.saved_choice = ""

    def _enter_new_address(self) -> None:
        """The shopper will type a new address: empty fields, not filled again on the next load."""
        self.address, self.saved_choice, self._new_address = blank_address(), "", True
        self.prefill_key += 1

    def _fill_from(self, chosen: AddressItem) -> None:
        self.address = {k: chosen.fields.get(k, "") for k in ADDRESS_FIELDS}
        self.saved_choice = str(chosen.id)
        self.prefill_key += 1
        self.country = chosen.fields.get("country", self.country)[:2].upper()

    def _fill_from_order(self, address: Address) -> None:
        """The address an unpaid attempt was placed with, in an empty form."""
        self.address = {k: getattr(address, k) for k in ADDRESS_FIELDS}
        self.saved_choice = ""
        self.country = address.country
        self.prefill_key += 1

    def _forget_address(self) -> None:
        """Nothing of an account's addresses stays (the country goes back to the shop's
        default, not the last account's address's)."""
        self.address, self.saved_addresses = blank_address(), []
        self.saved_choice, self._new_address, self._account_id = "", False, 0
        self.country = DEFAULT_COUNTRY
        self.prefill_key += 1


def _same(text: str) -> str:
    """A field as checkout keeps it, near enough: "1012lm" is the saved "1012 LM" (review)."""
    return "".join(text.split()).replace("-", "").casefold()
