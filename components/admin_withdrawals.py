"""The admin order page's withdrawal statements: received when and from whom, which items,
and the day the refund is due by (state/admin/order_withdrawals.py)."""

from __future__ import annotations

import reflex as rx

from components.i18n import pick, t
from state.admin.order_withdrawals import AdminOrderWithdrawalsState as W
from state.admin.order_withdrawals import StatementRow


def _statement(row: StatementRow) -> rx.Component:
    return rx.vstack(
        rx.text(pick(row.received), weight="medium"),
        rx.foreach(row.goods, lambda item: rx.text(item, size="2")),
        rx.text(pick(row.refund_by), size="2", color_scheme="orange", high_contrast=True),
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
            color_scheme="orange",
            # Orange-11 on the callout's orange-3 reads at 4.0:1 (axe color-contrast, under
            # WCAG's 4.5); orange-12's dark brown still says it is a refund to make.
            high_contrast=True,
            width="100%",
        ),
    )
