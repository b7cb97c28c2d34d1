"""The order page's "Buy again" (for the order's account, or a guest by its link): its lines
go into this browser's cart through the cart's add path (services/cart/reorder.py), then a
note says line by line what went in and what did not, with the way to the cart."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import reflex as rx

from state.account_pages import account_page
from state.browser_input import whole
from state.cart import CartState, owner_of
from state.listing import last_segment
from state.live_updates import changed_since, changes_heard
from state.order_access import order_shown_to
from state.shop import call, shop, with_database
from state.visitor import visitor_of
from storefront.i18n import LOCALES, translate, translations
from storefront.i18n_format import format_money
from storefront.services.cart.reorder import BoughtAgain, LineAgain, buy_again
from storefront.services.orders.viewing import offers_buying_again
from storefront.services.recommendations.activity import record_activity


@dataclass
class AgainLine:
    labels: dict[str, str] = field(default_factory=dict)  # how it went, in each locale
    added: bool = False  # some of it went in


@account_page  # what the shopper's orders held leaves the tab with their account
class BuyAgainState(rx.State):
    about: str = ""  # the order (its reference) the note is about: no other order shows it
    summary: dict[str, str] = {}  # noqa: RUF012
    lines: list[AgainLine] = []  # noqa: RUF012
    added_any: bool = False  # the note offers the way to the cart
    busy: bool = False
    # The buy-agains of this tab. A click sends the count its page showed: a double click's
    # second, run once the first is done, finds it changed and adds nothing twice.
    runs: int = 0

    def _forget(self) -> None:
        """The order page opened (again): a note about an earlier click is not about it."""
        if self.about:  # assigned only then: a var set is saved and sent
            self.about, self.summary, self.lines, self.added_any = "", {}, [], False

    @rx.event
    async def buy_again(self, seen: int) -> AsyncIterator[None]:
        if self.busy or whole(seen, -1) != self.runs:
            return
        reference = last_segment(self.router.url.path)  # /order/<reference>
        key = str(self.router.url.query_parameters.get("key", ""))
        cart = await self.get_state(CartState)
        tokens = await cart._tokens()
        self.busy = True
        yield
        heard = changes_heard()
        try:
            done = await call(_buy_again, *tokens, reference, key)
        finally:
            self.busy = False
        self.about, self.runs = reference, self.runs + 1
        if done is None:
            self.summary = translations("reorder.error.not_found")
            self.lines, self.added_any = [], False
            return
        result, currency = done
        self._tell(result, currency)
        cart._show(result.view)  # the header's count, and the live updates of its products
        if changed_since(heard, cart._product_ids):  # as an add: a product newly watched
            await cart._refresh()
        if result.product_ids:
            yield  # the shopper sees how it went; the recommendations' note comes after
            await call(_record, await visitor_of(self), result.product_ids)

    def _tell(self, result: BoughtAgain, currency: str) -> None:
        if result.refusal is not None:
            self.summary = translations(result.refusal)
        elif result.lines and all(line.outcome == "added" for line in result.lines):
            self.summary = translations("reorder.done.all")
        elif result.added > 0:
            self.summary = translations("reorder.done.part")
        else:
            self.summary = translations("reorder.done.none")
        self.lines = [
            AgainLine(line_labels(line, currency), line.added > 0) for line in result.lines
        ]
        self.added_any = result.added > 0


def line_labels(line: LineAgain, currency: str) -> dict[str, str]:
    """How a line went, in each locale: "Oak chair (Red · M) × 2: in your cart.", with its
    price today when it is not what the order paid (in `currency`; "": not said)."""
    item = line.title + (f" ({line.options})" if line.options else "")
    labels = {}
    for lang in LOCALES:
        text = translate(
            lang,
            f"reorder.line.{line.outcome}",
            item=item,
            quantity=line.added,
            added=line.added,
            wanted=line.wanted,
        )
        if currency and line.price_changed and line.price_minor is not None:
            price = format_money(lang, line.price_minor, currency)
            paid = format_money(lang, line.paid_minor, currency)
            text += " " + translate(lang, "reorder.line.price", price=price, paid=paid)
        labels[lang] = text
    return labels


# What the handler runs in a worker thread: one hop.


def _buy_again(
    session_token: str, cart_token: str, reference: str, key: str
) -> tuple[BoughtAgain, str] | None:
    """The order the page shows, found again as the page found it (its key, or its owner
    signed in now), bought again into this browser's cart; None when it may not be (no
    longer this visitor's, or waiting for its payment). With the currency it was paid in."""
    token, account_id = owner_of(session_token, cart_token)
    order = order_shown_to(reference, key, account_id or 0)
    if order is None or not offers_buying_again(order):
        return None
    currency = order.amounts.currency
    carts = with_database(shop().carts, "carts")
    result = buy_again(carts, token, account_id, order.lines)
    # Its paid price is told beside today's only in the same currency.
    return result, currency if currency == result.view.currency else ""


def _record(visitor: str, product_ids: tuple[int, ...]) -> None:
    """Each product that went in, as an add to the cart (recommendations)."""
    for product_id in product_ids:
        record_activity(shop().search_store, visitor, "cart", product_id, None)
