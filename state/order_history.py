"""The signed-in shopper's orders, newest first, on the account page."""

from __future__ import annotations

from dataclasses import dataclass, field

import reflex as rx

from models.orders import OrderStatus
from state.account import AccountState
from state.account_pages import account_page
from state.shop import call, shop
from storefront.i18n import translations
from storefront.services.orders.ports import OrderRecord
from storefront.services.orders.viewing import order_history


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
    # "Withdrawal received" (or "Partial ..."), where the shopper sent one: the list said
    # only "Shipped" (QA).
    withdrawal_labels: dict[str, str] = field(default_factory=dict)


def _orders(account_id: int) -> tuple[list[OrderRecord], dict[int, str]]:
    """The account's orders, and the withdrawal mark of those with a statement."""
    commerce = shop().commerce
    if commerce is None:
        return [], {}
    records = order_history(commerce.orders, account_id)
    return records, commerce.withdrawals.marks(records)


@account_page
class OrderHistoryState(rx.State):
    orders: list[OrderSummary] = []  # noqa: RUF012

    @rx.event
    async def load(self) -> None:
        account = await self.get_state(AccountState)
        # The session checked again now: another tab may have signed out, or a password
        # reset ended every session.
        records, marks = await call(_orders, await account._current_account())
        self.orders = [
            OrderSummary(
                reference=order.reference,
                href=f"/order/{order.reference}",
                placed_at=order.created_at.isoformat(),
                total_minor=order.amounts.total_minor,
                currency=order.amounts.currency,
                status_labels=translations(f"order.status.{order.status.value}"),
                shipped_too=order.fulfilled_at is not None
                and order.status is not OrderStatus.FULFILLED,
                withdrawal_labels=(
                    translations(f"order.withdrawn.{marks[order.id]}") if order.id in marks else {}
                ),
            )
            for order in records
        ]
