"""The signed-in shopper's wishlist: the heart on product pages and the list on the account.
A guest's tap on the heart leads to signing in, and back to the product page, where the
product is then kept."""

from __future__ import annotations

import time
from urllib.parse import urlencode

import reflex as rx

from models.types import utc_now
from state.account import AccountState
from state.account_pages import account_page
from state.browser_input import whole
from state.product import ProductState
from state.shop import call, shop, with_database
from state.view_models import CardItem, card_item
from state.wish_on_return import WishOnReturn
from state.wishlist_cart import WishlistCartState, wishlist_ways
from storefront.i18n import translations
from storefront.services.accounts.errors import AccountError
from storefront.services.accounts.wishlist import Wishlist
from storefront.services.paths import local_path

SIGN_IN = "/account/sign-in"
# How long a guest's tap waits for the sign-in it led to: later, signing in and coming back
# to the product is another visit, which the tap is not about.
KEEP_AFTER_SIGN_IN_SECONDS = 30 * 60


def _wishlist() -> Wishlist:
    return with_database(shop().wishlist, "wishlists")


@account_page
class WishlistState(rx.State):
    items: list[CardItem] = []  # noqa: RUF012  (account page)
    product_ids: list[int] = []  # noqa: RUF012  (hearts on product pages)
    message: dict[str, str] = {}  # noqa: RUF012
    # On the account's list: what was removed, and how many removals (the note takes a focus
    # they took away).
    removed: dict[str, str] = {}  # noqa: RUF012
    removals: int = 0

    async def _account(self) -> int:
        return await (await self.get_state(AccountState))._current_account()

    @rx.event
    async def load_ids(self) -> None:
        """On a product page: the hearts; and the product a guest's tap asked to keep, if
        this is its page and they signed in meanwhile (any product page ends the wait)."""
        account_id = await self._account()
        self.message = {}
        waiting = await self.get_state(WishOnReturn)
        wished, until = waiting._product_id, waiting._until
        if wished:
            waiting._forget()
        # The product page's state is read only then: most product pages have no tap waiting.
        due = wished and account_id and time.time() < until
        if due and (await self.get_state(ProductState)).product_id == wished:
            await self._keep(account_id, wished)
        self.product_ids = await call(_wishlist().product_ids, account_id) if account_id else []

    @rx.event
    async def say_why_sign_in(self) -> None:
        """On the sign-in page (after its own load): why a guest who tapped a heart is there."""
        waiting = await self.get_state(WishOnReturn)
        if waiting._product_id and time.time() < waiting._until:
            (await self.get_state(AccountState))._say(translations("wishlist.sign_in_to_keep"))

    @rx.event
    async def load(self) -> None:
        self.removed = {}
        await self._read(page_opened=True)

    async def _read(self, *, page_opened: bool) -> None:
        """The list as it stands, each product with its way to be bought."""
        account_id = await self._account()
        cards = await call(_wishlist().items, account_id) if account_id else []
        self.items = [card_item(card) for card in cards]
        self.product_ids = [card.id for card in cards]
        ways = await call(wishlist_ways, cards) if cards else {}
        (await self.get_state(WishlistCartState))._offer(ways, page_opened=page_opened)

    @rx.event
    async def toggle(self, product_id: int) -> rx.event.EventSpec | None:
        """Keep or drop a product; a guest is sent to sign in first, and back to this page,
        where the product is then kept (`load_ids`)."""
        account_id = await self._account()
        wanted = whole(product_id, -1)
        if not account_id:
            if wanted in self.product_ids:
                # Shown as kept: the tab was signed out elsewhere meanwhile. A tap to drop it
                # is no wish to keep it once signed in ("...is saved to your wishlist").
                self.product_ids = []
                return await self._sign_in_first(-1)
            return await self._sign_in_first(wanted)
        try:
            if wanted < 0:
                raise AccountError("wishlist.error.unknown")
            if wanted in self.product_ids:
                await call(_wishlist().remove, account_id, wanted)
                self.message = translations("wishlist.removed")
            else:
                await self._keep(account_id, wanted)
        except AccountError as exc:
            self.message = translations(exc.code)
        self.product_ids = await call(_wishlist().product_ids, account_id)
        return None

    async def _keep(self, account_id: int, product_id: int) -> None:
        try:
            await call(_wishlist().add, account_id, product_id, utc_now())
            self.message = translations("wishlist.added")
        except AccountError as exc:
            self.message = translations(exc.code)

    async def _sign_in_first(self, product_id: int) -> rx.event.EventSpec:
        url = self.router.url
        here = local_path(url.path + (f"?{url.query}" if url.query else ""))
        if product_id > 0:
            waiting = await self.get_state(WishOnReturn)
            waiting._product_id = product_id
            waiting._until = time.time() + KEEP_AFTER_SIGN_IN_SECONDS
        return rx.redirect(f"{SIGN_IN}?{urlencode({'next': here})}")

    @rx.event
    async def remove(self, product_id: int) -> None:
        account_id = await self._account()
        if account_id and (wanted := whole(product_id, -1)) >= 0:
            await call(_wishlist().remove, account_id, wanted)
        await self._read(page_opened=False)
        self.removed, self.removals = translations("wishlist.removed"), self.removals + 1
