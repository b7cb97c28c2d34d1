"""The shopper's cart: a cookie names a guest cart held in the database; a signed-in shopper's
cart belongs to their account. Every view re-checks prices and stock."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

import reflex as rx

from models.types import utc_now
from state.locale import ONE_YEAR
from state.shop import call, media_url, shop
from state.visitor import visitor_of
from storefront.i18n import translations
from storefront.services.accounts.service import token_hash
from storefront.services.cart.service import CartError, Carts, CartView
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
    carts = shop().carts
    if carts is None:
        raise RuntimeError("carts need a database")
    return carts


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
    cart_token: str = rx.Cookie("", name="boutique_cart", max_age=ONE_YEAR, same_site="lax")
    lines: list[CartLineItem] = []  # noqa: RUF012
    count: int = 0
    subtotal_minor: int = 0
    currency: str = "EUR"
    message: dict[str, str] = {}  # noqa: RUF012
    loaded: bool = False

    async def _owner(self) -> tuple[str | None, int | None]:
        """(guest token hash, account id): the account wins when signed in."""
        from state.account import AccountState

        account = await self.get_state(AccountState)
        account_id = await call(_session_account, account.session)
        if not self.cart_token:
            self.cart_token = secrets.token_urlsafe(24)
        return token_hash(self.cart_token), account_id

    async def _refresh(self) -> CartView:
        """Re-read the cart against today's catalog; the view is returned for checkout."""
        owner = await self._owner()
        view = await call(_carts().view, *owner)
        self.lines = line_items(view)
        self.count, self.subtotal_minor, self.currency = (
            view.count,
            view.subtotal_minor,
            view.currency,
        )
        self.loaded = True
        return view

    @rx.event
    async def load(self) -> None:
        await self._refresh()

    @rx.event
    async def add(self, sku: str) -> None:
        owner = await self._owner()
        try:
            product_id = await call(_carts().add, *owner, str(sku)[:120], 1)
            self.message = translations("cart.added")
        except CartError as exc:
            self.message = translations(exc.code)
        else:  # a cart addition weighs on the shopper's recommendations
            visitor = await visitor_of(self)
            await call(record_activity, shop().search_store, visitor, "cart", product_id, None)
        await self._refresh()

    @rx.event
    async def set_quantity(self, sku: str, quantity: str) -> None:
        try:
            wanted = int(str(quantity).strip() or "0")
        except (TypeError, ValueError):
            self.message = translations("cart.error.quantity")
            return
        owner = await self._owner()
        try:
            await call(_carts().set_quantity, *owner, sku, wanted)
            self.message = {}
        except CartError as exc:
            self.message = translations(exc.code)
        await self._refresh()

    @rx.event
    async def remove(self, sku: str) -> None:
        await self.set_quantity(sku, "0")


def _session_account(session_token: str) -> int | None:
    accounts = shop().accounts
    return accounts.session(session_token, utc_now()) if accounts and session_token else None


def attach_guest_cart(cart_token: str, account_id: int) -> None:
    """At sign-in or sign-up: the guest cart joins the account's cart."""
    if cart_token:
        _carts().attach(token_hash(cart_token), account_id)
