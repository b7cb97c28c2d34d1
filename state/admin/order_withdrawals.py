"""The admin's view of an order's withdrawal statements (services/orders/withdrawal.py): when
each was received and from whom, which items, and the day its refund is due by (the refund
itself is the order's refund form, once the goods are back)."""

from __future__ import annotations

from dataclasses import dataclass

from state.admin.guard import AdminState
from state.shop import shop
from storefront.i18n import LOCALES, translate
from storefront.i18n_format import format_date
from storefront.services.orders.withdrawal import Statement
from storefront.services.orders.withdrawal_mail import received_text


@dataclass
class StatementRow:
    received: dict[str, str]  # "Received 4 December 2026 at 21:05 (Europe/Paris time) from ..."
    refund_by: dict[str, str]
    goods: list[str]  # "2 × Linen shirt (M · Navy)"


def statement_row(statement: Statement) -> StatementRow:
    zone = shop().settings.zone
    return StatementRow(
        {
            lang: translate(
                lang,
                "admin.order.withdrawal_received",
                at=received_text(lang, statement.received_at, zone),
                name=statement.name,
                email=statement.email,
            )
            for lang in LOCALES
        },
        {
            lang: translate(
                lang,
                "admin.order.withdrawal_refund_by",
                date=format_date(lang, statement.refund_due_by.astimezone(zone).date()),
            )
            for lang in LOCALES
        },
        [item.label for item in statement.items],
    )


def _statements(order_id: int) -> list[Statement]:
    commerce = shop().commerce
    return commerce.withdrawals.statements(order_id) if commerce and order_id else []


class AdminOrderWithdrawalsState(AdminState):
    """Filled by the order page's load (AdminOrderState._show); no event of its own."""

    statements: list[StatementRow] = []  # noqa: RUF012

    async def _load(self, order_id: int) -> None:
        """The order's statements; its caller has checked the staff member may view it (a
        second check here was a second session lookup on every order page)."""
        self.statements = []
        found = await self._read(_statements, order_id)
        self.statements = [statement_row(s) for s in found or []]
