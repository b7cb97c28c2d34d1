"""The signed-in shopper's wishlist: the heart on product pages and the list on the account."""

from __future__ import annotations

import reflex as rx

from models.types import utc_now
from state.account import AccountState
from state.account_pages import account_page
from state.browser_input import whole
from state.shop import call, shop, with_database
from state.view_models import CardItem, card_item
from storefront.i18n import translations
from storefront.services.accounts.service import AccountError
from storefront.services.accounts.wishlist import Wishlist

SIGN_IN = "/account/sign-in"


def _wishlist() -> Wishlist:
    return with_database(shop().wishlist, "wishlists")


@account_page
class WishlistState(rx.State):
    items: list[CardItem] = []  # noqa: RUF012  (account page)
    product_ids: list[int] = []  # noqa: RUF012  (hearts on product pages)
    message: dict[str, str] = {}  # noqa: RUF012

    async def _account(self) -> int:
        return await (await self.get_state(AccountState))._current_account()

    @rx.event
    async def load_ids(self) -> None:
        account_id = await self._account()
        self.product_ids = await call(_wishlist().product_ids, account_id) if account_id else []
        self.message = {}

    @rx.event
    async def load(self) -> None:
        account_id = await self._account()
        cards = await call(_wishlist().items, account_id) if account_id else []
        self.items = [card_item(card) for card in cards]
        self.product_ids = [card.id for card in cards]

    @rx.event
    async def toggle(self, product_id: int) -> rx.event.EventSpec | None:
        """Keep or drop a product; a guest is sent to sign in first."""
        account_id = await self._account()
        if not account_id:
            return rx.redirect(SIGN_IN)
        wanted = whole(product_id, -1)
        try:
            if wanted < 0:
                raise AccountError("wishlist.error.unknown")
            if wanted in self.product_ids:
                await call(_wishlist().remove, account_id, wanted)
                self.message = translations("wishlist.removed")
            else:
                await call(_wishlist().add, account_id, wanted, utc_now())
                self.message = translations("wishlist.added")
        except AccountError as exc:
            self.message = translations(exc.code)
        self.product_ids = await call(_wishlist().product_ids, account_id)
        return None

    @rx.event
    async def remove(self, product_id: int) -> None:
        account_id = await self._account()
        if account_id and (wanted := whole(product_id, -1)) >= 0:
            await call(_wishlist().remove, account_id, wanted)
        await self.load()
