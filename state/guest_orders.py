"""Adding the orders placed as a guest to the account (services/accounts/guest_orders.py): the
account page's "Add the orders I placed as a guest", which mails a link to the account's
address, and the page that link opens (GUEST_ORDERS_PATH), whose button adds them, only in a
browser signed in to the account that asked for it."""

from __future__ import annotations

from urllib.parse import quote

import reflex as rx

from models.types import utc_now
from state.account import AccountState
from state.account_pages import account_page
from state.mailed_link import MailedLinkState
from state.shop import call, shop, with_database
from storefront.i18n import LOCALES, plural_key, translations
from storefront.services.accounts.errors import AccountError
from storefront.services.accounts.guest_orders import (
    GUEST_ORDERS_PATH,
    LINK_MINUTES,
    MAX_TOKEN,
    SIGN_IN,
    GuestOrders,
    GuestOrdersJoined,
)


def _guest_orders() -> GuestOrders:
    commerce = shop().commerce
    return with_database(commerce.guest_orders if commerce else None, "guest orders")


def joined_text(joined: GuestOrdersJoined) -> dict[str, str]:
    """How many orders were added, in each language (none said as such)."""
    count = len(joined.references)
    if not count:
        return translations("guest_orders.done.none", email=joined.email)
    return {
        locale: translations(
            plural_key(locale, "guest_orders.done", count), count=count, email=joined.email
        )[locale]
        for locale in LOCALES
    }


@account_page
class GuestOrdersState(MailedLinkState, rx.State):
    # Signed out, on the link's page: the way to sign in and come back.
    sign_in_href: str = ""

    def _token(self) -> str:
        return self._link_token(MAX_TOKEN)

    @rx.event
    async def request_link(self) -> None:
        """Mail the signed-in account's address a link adding its guest orders."""
        await self._ask(_guest_orders().request_link, "guest_orders.sent", minutes=LINK_MINUTES)

    @rx.event
    async def load_link_page(self) -> None:
        """What the link can do in this browser now (opening it adds nothing)."""
        account = await self.get_state(AccountState)
        await account.load()
        found = await call(_guest_orders().check, self._token(), account.account_id, utc_now())
        self.link_done = {}
        self.link_email = found.email
        self._refused(found.problem)

    @rx.event
    async def join(self) -> None:
        """The button: the orders join, if this browser is signed in to the link's account."""
        account = await self.get_state(AccountState)
        account_id = await account._current_account()  # signed out in another tab since?
        try:
            joined = await call(_guest_orders().join, self._token(), account_id, utc_now())
        except AccountError as exc:
            self.link_email = ""
            self._refused(exc.code)
            return
        self.link_email = ""
        self.link_done = joined_text(joined)

    def _refused(self, problem: str) -> None:
        self.link_error = translations(problem, minutes=LINK_MINUTES) if problem else {}
        # Signed out: the sign-in page brings the shopper back to this link.
        back = quote(f"{GUEST_ORDERS_PATH}?token={self._token()}", safe="/")
        self.sign_in_href = f"/account/sign-in?next={back}" if problem == SIGN_IN else ""
