"""The shopper's cart: a cookie names a guest cart held in the database; a signed-in shopper's
cart belongs to their account. Every view re-checks prices and stock."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import reflex as rx

from models.types import utc_now
from state.browser_input import whole
from state.cookies import shop_cookie
from state.live_updates import watch
from state.shop import call, media_url, shop, with_database
from state.visitor import visitor_of
from storefront.i18n import translations
from storefront.services.accounts.service import token_hash
from storefront.services.cart.service import Added, Carts, CartView
from storefront.services.recommendations.activity import record_activity


@dataclass
class CartLineItem:
    sku: str = ""
    href: str = ""
    title: str = ""
    options: str = ""
    image: str = ""
    quantity: int = 0
    price_minor: int = 0
    price_seen_minor: int = 0
    line_total_minor: int = 0
    status: str = "ok"
    status_labels: dict[str, str] = field(default_factory=dict)


def _carts() -> Carts:
    return with_database(shop().carts, "carts")


def line_items(view: CartView) -> list[CartLineItem]:
    items = []
    for line in view.lines:
        item = line.item
        items.append(
            CartLineItem(
                sku=line.sku,
                href=f"/product/{item.product_slug}?sku={line.sku}" if item else "",
                title=item.title if item else line.sku,
                options=item.options if item else "",
                image=media_url(item.image_path) if item else "",
                quantity=line.quantity,
                price_minor=item.price_minor if item else 0,
                price_seen_minor=line.price_seen_minor,
                line_total_minor=line.line_total_minor,
                status=line.status,
                status_labels=translations(f"cart.status.{line.status}")
                if line.status != "ok"
                else {},
            )
        )
    return items


class CartState(rx.State):
    cart_token: str = shop_cookie("boutique_cart")
    lines: list[CartLineItem] = []  # noqa: RUF012
    count: int = 0
    subtotal_minor: int = 0
    currency: str = "EUR"
    message: dict[str, str] = {}  # noqa: RUF012
    loaded: bool = False
    _shown: int = 0  # hash of the cart the page shows
    _product_ids: list[int] = []  # noqa: RUF012  # what the cart holds, for live updates

    async def _tokens(self) -> tuple[str, str]:
        """(session cookie, cart cookie): who owns the cart, resolved in the worker thread."""
        from state.account import AccountState

        account = await self.get_state(AccountState)
        if not self.cart_token:
            self.cart_token = secrets.token_urlsafe(24)
        return account._session_token(), self.cart_token

    async def _owner(self) -> Owner:
        """(guest token hash, account id): the account wins when signed in."""
        return await call(owner_of, *(await self._tokens()))

    def _show(self, view: CartView) -> None:
        """Show this cart; one the page shows already is left alone, so it adds nothing to
        the update (and costs no mapping: a checkout step re-reads an unchanged cart)."""
        self._product_ids = sorted({line.item.product_id for line in view.lines if line.item})
        # Every view renews the watch: this process (the one holding the tab's socket now)
        # pushes changes of these products to it.
        watch(self.router.session.client_token, "cart", self._product_ids)
        shown = hash((view.lines, view.currency))
        if self.loaded and shown == self._shown:
            return
        self._shown = shown
        self.lines = line_items(view)
        self.count, self.subtotal_minor, self.currency = (
            view.count,
            view.subtotal_minor,
            view.currency,
        )
        self.loaded = True

    async def _refresh(self) -> CartView:
        """Re-read the cart against today's catalog; the view is returned for checkout."""
        view = await call(view_cart, *(await self._tokens()))
        self._show(view)
        return view

    @rx.event
    async def load(self) -> None:
        self.message = {}  # a note on the last page's add is not about this page
        await self._refresh()

    def _shows_any(self, product_ids: set[int]) -> bool:
        return not product_ids.isdisjoint(self._product_ids)

    @rx.event
    async def add(self, sku: str) -> AsyncIterator[None]:
        tokens = await self._tokens()
        added = await call(_add, *tokens, str(sku)[:120])
        self.message = translations(added.refusal or "cart.added")
        self._show(added.view)
        if added.product_id is not None:
            yield  # the shopper sees the cart now; the recommendations' note comes after
            visitor = await visitor_of(self)
            store = shop().search_store
            await call(record_activity, store, visitor, "cart", added.product_id, None)

    @rx.event
    async def set_quantity(self, sku: str, quantity: str) -> None:
        """A quantity typed in the cart; 0 removes the line (as the Remove button does),
        and a blank or negative one is refused: a slip must not empty the line."""
        wanted = whole(quantity, -1)
        if wanted < 0:
            self.message = translations("cart.error.quantity")
            return
        code, view = await call(_set_quantity, *(await self._tokens()), str(sku)[:120], wanted)
        self.message = translations(code) if code else {}
        self._show(view)

    @rx.event
    async def remove(self, sku: str) -> None:
        await self.set_quantity(sku, "0")


# What the handlers run in a worker thread: one hop per event, however many queries.

Owner = tuple[str, int | None]  # (guest token hash, account id)


def owner_of(session_token: str, cart_token: str) -> Owner:
    accounts = shop().accounts
    signed_in = accounts.session(session_token, utc_now()) if accounts and session_token else None
    return token_hash(cart_token), signed_in


def view_cart(session_token: str, cart_token: str) -> CartView:
    return _carts().view(*owner_of(session_token, cart_token))


def _add(session_token: str, cart_token: str, sku: str) -> Added:
    return _carts().add_and_view(*owner_of(session_token, cart_token), sku, 1)


def _set_quantity(
    session_token: str, cart_token: str, sku: str, quantity: int
) -> tuple[str, CartView]:
    changed = _carts().set_quantity_and_view(*owner_of(session_token, cart_token), sku, quantity)
    return changed.refusal or "", changed.view


def attach_guest_cart(cart_token: str, account_id: int) -> None:
    """At sign-in or sign-up: the guest cart joins the account's cart."""
    if cart_token:
        _carts().attach(token_hash(cart_token), account_id)
