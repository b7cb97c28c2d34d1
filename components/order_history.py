"""The account page's list of orders."""

from __future__ import annotations

import reflex as rx

from components.catalog_text import catalog_span
from components.guest_orders import guest_orders_offer
from components.i18n import pick, t
from components.money import long_date, money
from components.once_loaded import once_loaded
from state.order_history import OrderHistoryState, OrderSummary

ORDERS_ANCHOR = "orders"  # the list's id on the account page


def _holds(order: OrderSummary) -> rx.Component:
    """What the order holds: its first line's product, then "+ 2 more"."""
    return rx.text(
        catalog_span(order.first_title),
        rx.cond(
            order.more_labels.length() > 0,
            rx.el.span(" ", pick(order.more_labels), data_testid="history-more"),
        ),
        size="2",
        color_scheme="gray",
        class_name="long-words",
        data_testid="history-items",
    )


def _row(order: OrderSummary) -> rx.Component:
    # The first product's picture, then two groups that wrap apart on a narrow screen (the
    # reference and its date, then the status and the total, at the right), each kept on
    # one line, and what it holds under them.
    return rx.hstack(
        rx.cond(
            order.image != "",
            rx.el.img(
                src=order.image,
                alt="",  # the name beside it says what it is
                width="40",
                height="40",
                loading="lazy",
                class_name="thumb",
                data_testid="history-picture",
            ),
            rx.box(class_name="thumb"),
        ),
        rx.vstack(
            rx.hstack(
                rx.hstack(
                    rx.link(rx.code(order.reference), href=order.href),
                    rx.text(long_date(order.placed_at), color_scheme="gray"),
                    white_space="nowrap",
                ),
                rx.spacer(),
                rx.hstack(
                    # High contrast, as the admin's badges (components/admin_badge.py): a soft
                    # badge's small text in its colour's step 11 reads under WCAG's 4.5:1 on
                    # its tint.
                    rx.badge(
                        pick(order.status_labels), high_contrast=True, data_testid="history-status"
                    ),
                    rx.cond(
                        order.shipped_too,
                        rx.badge(
                            t("order.status.fulfilled"),
                            color_scheme="blue",
                            high_contrast=True,
                            data_testid="history-shipped",
                        ),
                    ),
                    rx.cond(
                        order.withdrawal_labels.length() > 0,
                        rx.badge(
                            pick(order.withdrawal_labels),
                            color_scheme="orange",
                            high_contrast=True,
                            data_testid="history-withdrawal",
                        ),
                    ),
                    rx.text(money(order.total_minor, order.currency), weight="bold"),
                    align="center",
                    white_space="nowrap",
                    margin_left="auto",
                ),
                align="center",
                wrap="wrap",
                row_gap="0.25em",
                width="100%",
            ),
            rx.cond(order.first_title != "", _holds(order)),
            spacing="1",
            flex="1",
            min_width="0",
        ),
        align="start",
        width="100%",
        padding_y="0.5em",
        border_bottom="1px solid var(--gray-a4)",
        data_testid="history-order",
    )


def order_history() -> rx.Component:
    return rx.vstack(
        rx.heading(t("account.orders"), size="5", as_="h2"),
        rx.cond(
            OrderHistoryState.orders.length() > 0,
            rx.foreach(OrderHistoryState.orders, _row),
            once_loaded(rx.text(t("account.no_orders"), color_scheme="gray")),
        ),
        # Guest orders join only when the shopper adds them (components/guest_orders.py).
        once_loaded(guest_orders_offer()),
        width="100%",
        max_width="720px",
        margin_top="2em",
        id=ORDERS_ANCHOR,  # the order page's link back here
    )
