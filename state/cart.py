"""The shopper's cart: a cookie names a guest cart held in the database; a signed-in shopper's
cart belongs to their account. Every view re-checks prices and stock."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field, replace
from typing import Any

import reflex as rx

from models.types import utc_now
from state.browser_input import as_form, whole
from state.cart_undo import CartUndo
from state.cookies import cookie_value, shop_cookie
from state.live_updates import CHECKOUT_PATH, changed_since, changes_heard, watch
from state.shop import call, media_url, shop, with_database
from state.visitor import visitor_of
from storefront.i18n import translations
from storefront.services.accounts.credentials import token_hash
from storefront.services.browser_ids import CART_COOKIE, is_cart_token, new_cart_token
from storefront.services.cart.service import Added, Carts, CartView, Changed, RemovedLine
from storefront.services.cart.undo import Restored, restore
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
    # Counts the times this line's quantity changed other than through its own box: the box
    # is keyed on it, so it mounts afresh (showing the new quantity) only then. A change the
    # box made keeps the box, and the focus in it (its value is set in place).
    box: int = 0


# Sets a quantity box to what the cart holds, in place: the shopper's focus stays in it.
_SHOW_IN_BOX = """(() => {
  const box = document.getElementById(%s);
  if (box) box.value = %s;
})()"""


QUANTITY_BOX = "quantity-"  # and the SKU: the id of a line's quantity box
# The pages that show the cart's lines, and so tell a line cut to the stock (Carts.view).
LINES_SHOWN = ("/cart", CHECKOUT_PATH)


def _carts() -> Carts:
    return with_database(shop().carts, "carts")


def line_items(view: CartView) -> list[CartLineItem]:
    items = []
    for line in view.lines:
        item, former = line.item, line.former
        # A variant the merchant removed is named by its product and options as they were,
        # and leads to its product (another size, colour); one whose product is gone too has
        # no title: components say so.
        named = item or former
        href = f"/product/{item.product_slug}?sku={line.sku}" if item else ""
        items.append(
            CartLineItem(
                sku=line.sku,
                href=href or (f"/product/{former.product_slug}" if former else ""),
                title=named.title if named else "",
                options=named.options if named else "",
                image=media_url(named.image_path) if named else "",
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


class CartState(CartUndo, rx.State):
    cart_token: str = shop_cookie(CART_COOKIE)
    lines: list[CartLineItem] = []  # noqa: RUF012
    count: int = 0
    subtotal_minor: int = 0
    currency: str = "EUR"
    # A discount code the checkout applied, kept with the cart: its subtotal then says
    # nothing of free delivery, which counts the goods after the discount.
    has_code: bool = False
    code: str = ""  # that code, named under the subtotal (the cart said nothing of it: QA)
    message: dict[str, str] = {}  # noqa: RUF012
    loaded: bool = False
    # Counts the lines removed in this tab: after each, the page takes the focus (gone with
    # the line's Remove button) to the note saying what was removed, with its Undo
    # (state/cart_undo.py, components/cart_note.py).
    removals: int = 0
    adds: int = 0  # the adds of this tab: each one's note is heard, the same words too
    refused_sku: str = ""  # the line whose typed quantity the note refuses (marked invalid)
    # A payment of this cart waits for the bank in another tab or window (the cart page says).
    paying_elsewhere: bool = False
    _shown: int = 0  # hash of the cart the page shows
    _product_ids: list[int] = []  # noqa: RUF012  # what the cart holds, for live updates
    # The lines this page was told were cut to the stock left, and to what (Carts.view).
    _cut: dict[str, int] = {}  # noqa: RUF012

    async def _tokens(self) -> tuple[str, str]:
        """(session cookie, cart cookie): who owns the cart, resolved in the worker thread."""
        from state.account import AccountState

        account = await self.get_state(AccountState)
        if not self.cart_token:  # assigned only when new: an assignment is sent to the page
            self.cart_token = self._guest_token() or new_cart_token()
        return account._session_token(), self.cart_token

    def _guest_token(self) -> str:
        """This browser's cart token, "" when it has none yet. A tab whose state was lost
        (an hour idle, Redis restarted empty) has the cookie its connection brought, which
        the page's answer set (storefront/api/browser_ids.py): a new one had left the
        shopper's cart behind (QA), and a sign-in there had not merged it (review)."""
        if self.cart_token:
            return self.cart_token
        brought = cookie_value(self.router.headers.cookie, CART_COOKIE)
        return brought if is_cart_token(brought) else ""

    def _show(self, view: CartView, typed_in: str = "") -> bool:
        """Show this cart (whether it differs from the one shown); one the page shows already
        is left alone, so it adds nothing to the update (and costs no mapping: a checkout step
        re-reads an unchanged cart). `typed_in`: the line whose box made this change."""
        view = self._still_cut(view)
        self._product_ids = sorted({line.item.product_id for line in view.lines if line.item})
        # Every view renews the watch: this process (the one holding the tab's socket now)
        # pushes changes of these products to it.
        watch(self.router.session.client_token, "cart", self._product_ids)
        shown = hash((view.lines, view.currency, view.discount_code))
        if self.loaded and shown == self._shown:
            return False
        self._shown = shown
        before = {line.sku: line for line in self.lines}
        lines = line_items(view)
        for line in lines:
            if (was := before.get(line.sku)) is not None:
                moved = was.quantity != line.quantity and line.sku != typed_in
                line.box = was.box + 1 if moved else was.box
        self.lines = lines
        self.count, self.subtotal_minor, self.currency = (
            view.count,
            view.subtotal_minor,
            view.currency,
        )
        self.has_code, self.code = bool(view.discount_code), view.discount_code
        self.loaded = True
        return True

    def _still_cut(self, view: CartView) -> CartView:
        """A line cut to the stock left keeps saying so while this page shows it at that
        quantity: the read that cut it is not always the page's last (a read again after a
        change came, a live update, a checkout step), and later reads find it in order
        (review: the note could go before it was seen)."""
        cut = {line.sku: line.quantity for line in view.lines if line.status == "reduced"}
        if cut:  # assigned only then: every cart event passes here, and a var set is saved
            self._cut = self._cut | cut
        if not self._cut:
            return view
        lines = tuple(
            replace(line, status="reduced")
            if line.status == "ok" and self._cut.get(line.sku) == line.quantity
            else line
            for line in view.lines
        )
        return replace(view, lines=lines) if lines != view.lines else view

    async def _refresh(self) -> CartView:
        """Re-read the cart against today's catalog; the view is returned for checkout."""
        heard = changes_heard()
        shown = self.router.url.path.rstrip("/") in LINES_SHOWN
        view = await call(view_cart, *(await self._tokens()), shown)
        self._show(view)
        if changed_since(heard, self._product_ids):  # a change came while the cart was
            # read, before the watch that would have pushed it: read it again
            view = await call(view_cart, *(await self._tokens()), shown)
            self._show(view)
        return view

    @rx.event
    async def load(self) -> None:
        self._page_opened()
        await self._refresh()
        await self._tell_payment_under_way()

    async def _tell_payment_under_way(self) -> None:
        """A payment of this cart waits for the bank in another tab: it pays for the cart
        as it was, so a line removed here was charged all the same, with no word (QA)."""
        paying = await call(payment_under_way, *(await self._tokens()))
        if paying != self.paying_elsewhere:
            self.paying_elsewhere = paying

    def _page_opened(self) -> None:
        """A new page (this one's load, or checkout's, which runs no other): the last
        page's notes are not about it."""
        self.message = {}  # a note on the last page's add
        self._forget_removal()  # its Undo was for that page
        if self.refused_sku:  # nor is the quantity the note refused
            self.refused_sku = ""
        if self._cut:  # the lines it told were cut (QA: checkout told them on every visit)
            self._cut = {}

    @rx.event
    async def catch_up(self) -> None:
        """The tab is in front again (components/cart_catch_up.py)."""
        await self._refresh_page()

    async def _refresh_page(self) -> None:
        """The cart as it stands now, and at checkout the totals for it (Pay would be
        refused for a total the page no longer shows)."""
        if self.router.url.path.rstrip("/") == CHECKOUT_PATH:
            from state.checkout import CheckoutState

            await (await self.get_state(CheckoutState))._requote_live()
        else:
            await self._refresh()
            if self.router.url.path.rstrip("/") == "/cart":
                await self._tell_payment_under_way()

    @rx.event
    async def add(self, sku: str) -> AsyncIterator[None]:
        tokens = await self._tokens()
        heard = changes_heard()
        added = await call(_add, *tokens, str(sku)[:120])
        self.message = translations(added.refusal or "cart.added")
        self.adds += 1
        if self.refused_sku:  # the note now says how the add went
            self.refused_sku = ""
        self._show(added.view)
        if changed_since(heard, self._product_ids):  # as in _refresh: a product newly watched
            await self._refresh()
        if added.product_id is not None:
            yield  # the shopper sees the cart now; the recommendations' note comes after
            visitor = await visitor_of(self)
            store = shop().search_store
            await call(record_activity, store, visitor, "cart", added.product_id, None)

    @rx.event
    async def set_quantity(self, sku: str, quantity: str) -> rx.event.EventSpec | None:
        """A quantity typed in the cart (applied on Enter or on leaving the box); 0 removes
        the line (as the Remove button does), and a blank or negative one is refused: a slip
        must not empty the line. Whatever the cart then holds is what the box shows, with
        the reason when it is not what was typed."""
        sku = str(sku)[:120]
        wanted = whole(quantity, -1)
        if wanted < 0:
            self.message = translations("cart.error.line_quantity")
            self.refused_sku = sku
            return self._show_in_box(sku)
        result = await call(_set_quantity, *(await self._tokens()), sku, wanted)
        code = result.refusal or ""
        changed = self._show(result.view, typed_in=sku)
        if code or changed:  # marked as long as the note gives its reason
            self.refused_sku = sku if code else ""
        if code:
            self.message = translations(code)
        elif result.removed is not None:
            # Said, since the line is no longer there to show it (a screen reader heard
            # nothing of a Remove), and offered back.
            self._offer_undo(result.removed)
        elif changed:  # a refusal's reason stays until the cart changes (leaving the box
            self.message = {}  # after Enter sends what the box shows again)
        return self._show_in_box(sku)

    @rx.event
    async def apply_quantity(self, form: dict[str, Any]) -> rx.event.EventSpec | None:
        """Enter in a line's quantity box (its form: the SKU and the quantity)."""
        form = as_form(form)
        return await self.set_quantity(form.get("sku", ""), form.get("quantity", ""))

    def _show_in_box(self, sku: str) -> rx.event.EventSpec | None:
        """The line's quantity box shows what the cart holds (not a refused number)."""
        line = next((line for line in self.lines if line.sku == sku), None)
        if line is None:
            return None
        box, held = json.dumps(QUANTITY_BOX + sku), json.dumps(str(line.quantity))
        return rx.call_script(_SHOW_IN_BOX % (box, held))

    @rx.event
    async def remove(self, sku: str) -> None:
        await self.set_quantity(sku, "0")


# What the handlers run in a worker thread: one hop per event, however many queries.

Owner = tuple[str, int | None]  # (guest token hash, account id)


def owner_of(session_token: str, cart_token: str) -> Owner:
    accounts = shop().accounts
    signed_in = accounts.session(session_token, utc_now()) if accounts and session_token else None
    return token_hash(cart_token), signed_in


def payment_under_way(session_token: str, cart_token: str) -> bool:
    """Whether a payment of the cart waits for the bank (False in a shop taking none)."""
    commerce = shop().commerce
    checkout = commerce.checkout if commerce is not None else None
    if checkout is None:
        return False
    return checkout.payment_under_way(owner_of(session_token, cart_token), utc_now())


def view_cart(session_token: str, cart_token: str, shown: bool = False) -> CartView:
    """`shown`: the page shows the lines (Carts.view)."""
    return _carts().view(*owner_of(session_token, cart_token), shown=shown)


def _add(session_token: str, cart_token: str, sku: str) -> Added:
    return _carts().add_and_view(*owner_of(session_token, cart_token), sku, 1)


def _set_quantity(session_token: str, cart_token: str, sku: str, quantity: int) -> Changed:
    return _carts().set_quantity_and_view(*owner_of(session_token, cart_token), sku, quantity)


def put_back(session_token: str, cart_token: str, removed: RemovedLine) -> Restored:
    """A removed line back in the cart (state/cart_undo.py)."""
    return restore(_carts(), *owner_of(session_token, cart_token), removed)


def keep_code(view: CartView, code: str) -> None:
    """The discount code the checkout applied to this cart ("": none), kept with it."""
    _carts().keep_code(view, code)


def attach_guest_cart(cart_token: str, account_id: int) -> None:
    """At sign-in or sign-up: the guest cart joins the account's cart."""
    if cart_token:
        _carts().attach(token_hash(cart_token), account_id)
