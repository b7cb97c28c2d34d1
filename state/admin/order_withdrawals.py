"""The admin's view of an order's withdrawal statements (services/orders/withdrawal.py): when
each was received and from whom, which items, and what it owes: the amount and the day its
refund is due by while it is owed, the amount refunded and when once refunds cover it
(services/orders/withdrawal_refunds.py; the refund itself is the order's refund form, once
the goods are back)."""

from __future__ import annotations

from dataclasses import dataclass

from state.admin.guard import AdminState
from state.shop import shop
from storefront.i18n import LOCALES, translate
from storefront.i18n_format import format_date, format_money
from storefront.services.admin.order_views import OrderDetail
from storefront.services.orders.withdrawal import Statement
from storefront.services.orders.withdrawal_mail import received_text
from storefront.services.orders.withdrawal_refunds import Settlement, refund_to_offer


@dataclass
class StatementRow:
    received: dict[str, str]  # "Received 4 December 2026 at 21:05 (Europe/Paris time) from ..."
    # "Refund due by 21 December 2026: €39.59 for these goods", "Refunded €39.59 on ..."
    refund: dict[str, str]
    goods: list[str]  # "2 × Linen shirt (M · Navy)"
    owed: bool = False  # its refund is still due


def _refund_text(lang: str, statement: Statement, settled: Settlement, currency: str) -> str:
    zone = shop().settings.zone

    def money(minor: int) -> str:
        return format_money(lang, minor, currency)

    if settled.due_minor > 0:
        key = "admin.order.withdrawal_due_rest" if settled.refunded_minor else ""
        return translate(
            lang,
            key or "admin.order.withdrawal_due",
            date=format_date(lang, statement.refund_due_by.astimezone(zone).date()),
            amount=money(settled.due_minor),
            refunded=money(settled.refunded_minor),
        )
    if settled.refunded_at is not None:
        return translate(
            lang,
            "admin.order.withdrawal_refunded",
            amount=money(settled.refunded_minor),
            date=format_date(lang, settled.refunded_at.astimezone(zone).date()),
        )
    if settled.value_minor == 0:
        return translate(lang, "admin.order.withdrawal_nothing_paid")
    return translate(lang, "admin.order.withdrawal_nothing_left")


def statement_row(statement: Statement, settled: Settlement, currency: str) -> StatementRow:
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
        {lang: _refund_text(lang, statement, settled, currency) for lang in LOCALES},
        [item.label for item in statement.items],
        settled.due_minor > 0,
    )


def _settlements(order: OrderDetail) -> list[tuple[Statement, Settlement]]:
    commerce = shop().commerce
    return commerce.withdrawals.settlements(order) if commerce else []


class AdminOrderWithdrawalsState(AdminState):
    """Filled by the order page's load (AdminOrderState._display); no event of its own."""

    statements: list[StatementRow] = []  # noqa: RUF012
    owed: bool = False  # a statement's refund is still due

    async def _load(self, order: OrderDetail | None) -> int | None:
        """The order's statements, and the refund form's amount while one is owed (None:
        none is); its caller has checked the staff member may view it (a second check here
        was a second session lookup on every order page)."""
        self.statements, self.owed = [], False
        found = await self._read(_settlements, order) if order else None
        if not order or not found:
            return None
        currency = order.amounts.currency
        self.statements = [statement_row(s, settled, currency) for s, settled in found]
        self.owed = any(row.owed for row in self.statements)
        return refund_to_offer((settled for _, settled in found), order.pending_refund_minor)
