"""The admin order page's withdrawal statements: received when and from whom, which items,
and what each owes: due by which day, or refunded when (state/admin/order_withdrawals.py)."""

from __future__ import annotations

import reflex as rx

from components.i18n import pick, t
from state.admin.order_withdrawals import AdminOrderWithdrawalsState as W
from state.admin.order_withdrawals import StatementRow


def _statement(row: StatementRow) -> rx.Component:
    return rx.vstack(
        rx.text(pick(row.received), weight="medium"),
        rx.foreach(row.goods, lambda item: rx.text(item, size="2")),
        rx.text(
            pick(row.refund),
            size="2",
            weight=rx.cond(row.owed, "medium", "regular"),
            color_scheme=rx.cond(row.owed, "orange", "gray"),
            high_contrast=True,
            data_testid="order-withdrawal-refund",
        ),
        spacing="1",
        data_testid="order-withdrawal",
    )


def withdrawal_statements() -> rx.Component:
    return rx.cond(
        W.statements.length() > 0,
        rx.callout.root(
            rx.vstack(
                rx.heading(t("admin.order.withdrawals"), size="3", as_="h3"),
                rx.foreach(W.statements, _statement),
                spacing="3",
            ),
            # Orange while a refund is owed; gray once every statement is settled.
            color_scheme=rx.cond(W.owed, "orange", "gray"),
            # Orange-11 on the callout's orange-3 reads at 4.0:1 (axe color-contrast, under
            # WCAG's 4.5); orange-12's dark brown still says it is a refund to make.
            high_contrast=True,
            width="100%",
        ),
    )
