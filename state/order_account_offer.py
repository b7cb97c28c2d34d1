"""The thank-you page's offer to a guest: an account to follow the order in.

Made only to the tab that placed the order, signed out: it typed the order's email there
itself, so telling it whether that address has an account tells it nothing it could not
learn from the sign-up form (which says an address is taken). Whoever else holds the
order's link (a forwarded mail) is offered nothing: the page shows them the address masked,
and should not tell them whose accounts exist.

- No account with that address: "create an account", its form prefilled with the address
  (kept in this tab's state, never put in a URL, where logs and history would keep it).
- An account has it: "sign in". Its guest orders join it once its address is confirmed
  (adapters/sql_guest_orders.py), this one with them; the account page says so until then.
"""

from __future__ import annotations

import reflex as rx

from state.account import accounts
from state.account_pages import account_page
from state.shop import call
from storefront.services.orders.ports import OrderRecord

CREATE, SIGN_IN = "create", "sign_in"
SIGN_UP_PATH = "/account/sign-in"  # the page holding the sign-up form, beside the sign-in one


@account_page  # the address it holds leaves the tab when an account signs in or out
class AccountOfferState(rx.State):
    offer: str = ""  # CREATE, SIGN_IN, or "" (nothing offered)
    # The sign-up form's email, once the shopper took the offer (pages/account.py).
    sign_up_email: str = ""
    _email: str = ""  # the order's, backend only until the offer is taken

    async def _make(self, order: OrderRecord | None, *, placed_here: bool, account_id: int) -> None:
        """What the order page offers (state/order.py calls it as it loads)."""
        self.offer, self._email = "", ""
        if order is None or account_id or not placed_here or not order.email:
            return
        self._email = order.email
        if order.account_id is not None:  # placed with a confirmed account's address
            self.offer = SIGN_IN
            return
        known = await call(accounts().account_by_email, order.email)
        self.offer = SIGN_IN if known is not None else CREATE

    @rx.event
    def create_account(self) -> rx.event.EventSpec | None:
        """Open the sign-up form, the order's email in it."""
        if self.offer != CREATE:
            return None
        self.sign_up_email = self._email
        return rx.redirect(SIGN_UP_PATH)
