"""The signed-in shopper's orders, newest first, on the account page."""

from __future__ import annotations

from dataclasses import dataclass, field

import reflex as rx

from models.orders import OrderStatus
from models.views import ProductCard
from state.account import AccountState
from state.account_pages import account_page
from state.order_access import on_sale
from state.shop import call, media_url, shop
from storefront.i18n import LOCALES, plural_key, translate, translations
from storefront.services.orders.ports import OrderRecord
from storefront.services.orders.viewing import not_shipped_yet, order_history


@dataclass
class OrderSummary:
    reference: str = ""
    href: str = ""
    placed_at: str = ""
    total_minor: int = 0
    currency: str = "EUR"
    status_labels: dict[str, str] = field(default_factory=dict)
    # Shipped, where the status does not say so (refunded in part or whole, before or after).
    shipped_too: bool = False
    # What it holds (QA: the list named no product): its first line's name as bought, its
    # product's picture ("" once the product is no longer on sale), and "+ 2 more" lines.
    first_title: str = ""
    image: str = ""
    more_labels: dict[str, str] = field(default_factory=dict)
    # "Withdrawal received" (or "Partial ..."), where the shopper sent one: the list said
    # only "Shipped" (QA).
    withdrawal_labels: dict[str, str] = field(default_factory=dict)


def _orders(
    account_id: int,
) -> tuple[list[OrderRecord], dict[int, ProductCard], dict[int, str]]:
    """The account's orders, with the cards of their first lines' products on sale and the
    withdrawal mark of those with a statement."""
    commerce = shop().commerce
    if commerce is None:
        return [], {}, {}
    orders = order_history(commerce.orders, account_id)
    cards = on_sale(order.lines[0].product_id for order in orders if order.lines)
    return orders, cards, commerce.withdrawals.marks(orders)


def order_summary(
    order: OrderRecord, cards: dict[int, ProductCard], marks: dict[int, str] | None = None
) -> OrderSummary:
    """An order's row; `cards`: the products on sale, by id (a picture for its first);
    `marks`: the withdrawal marks of the orders with a statement, by id."""
    marks = marks or {}
    first = order.lines[0] if order.lines else None
    card = cards.get(first.product_id) if first else None
    more = len(order.lines) - 1
    return OrderSummary(
        reference=order.reference,
        href=f"/order/{order.reference}",
        placed_at=order.created_at.isoformat(),
        total_minor=order.amounts.total_minor,
        currency=order.amounts.currency,
        status_labels=translations(f"order.status.{order.status.value}"),
        shipped_too=order.fulfilled_at is not None and order.status is not OrderStatus.FULFILLED,
        first_title=first.title if first else "",
        image=media_url(card.image_path) if card else "",
        more_labels={lang: translate(lang, "history.more", count=more) for lang in LOCALES}
        if more > 0
        else {},
        withdrawal_labels=(
            translations(f"order.withdrawn.{marks[order.id]}") if order.id in marks else {}
        ),
    )


def unshipped_text(orders: list[OrderRecord]) -> dict[str, str]:
    """What closing the account does not do to its orders not shipped yet, in each language
    (nothing when all have shipped)."""
    unshipped = [order.reference for order in orders if not_shipped_yet(order)]
    if not unshipped:
        return {}
    references = ", ".join(unshipped)
    return {
        lang: translate(
            lang, plural_key(lang, "account.close_unshipped", len(unshipped)), references=references
        )
        for lang in LOCALES
    }


@account_page
class OrderHistoryState(rx.State):
    orders: list[OrderSummary] = []  # noqa: RUF012
    # Said by the close-account form: closing does not cancel these orders.
    unshipped: dict[str, str] = {}  # noqa: RUF012

    @rx.event
    async def load(self) -> None:
        account = await self.get_state(AccountState)
        # The session checked again now: another tab may have signed out, or a password
        # reset ended every session.
        records, cards, marks = await call(_orders, await account._current_account())
        self.orders = [order_summary(order, cards, marks) for order in records]
        self.unshipped = unshipped_text(records)
