"""Admin: orders, filtered by status, dates and customer, newest first."""

from __future__ import annotations

from typing import Any

import reflex as rx

from components.admin_badge import tinted_badge
from components.admin_form import admin_field, filter_select, in_use, stepper
from components.admin_shell import admin_shell
from components.admin_table import admin_table, table_head
from components.i18n import plural, t
from components.money import money, number, shop_date
from components.submit_button import submit_button
from state.admin.order_rows import OrderItemRow
from state.admin.orders import STATUSES
from state.admin.orders import AdminOrdersState as S
from storefront.services.admin.order_views import (
    CANCEL_RELEASED,
    REFUND_OWED,
    TO_SHIP,
    WITHDRAWAL_OWED,
    WITHDRAWN,
)


def status_badge(status: rx.Var[str]) -> rx.Component:
    return tinted_badge(
        rx.match(status, *[(s, t(f"order.status.{s}")) for s in STATUSES], status),
        color_scheme=rx.match(
            status,
            ("paid", "green"),
            ("fulfilled", "blue"),
            ("canceled", "gray"),
            ("failed", "red"),
            ("refunded", "orange"),
            ("partially_refunded", "orange"),
            "amber",
        ),
        data_testid="order-status",
    )


def shipped_badge(status: rx.Var[str], shipped: rx.Var[bool]) -> rx.Component:
    """A "Shipped" badge beside a status that does not say it: the order was refunded in part
    before it shipped, or in part or whole after."""
    return rx.cond(
        shipped & (status != "fulfilled"),
        tinted_badge(t("order.status.fulfilled"), color_scheme="blue", data_testid="order-shipped"),
    )


def _row(row: OrderItemRow) -> rx.Component:
    return rx.table.row(
        rx.table.cell(
            rx.link(row.reference, href=f"/admin/orders/{row.id}", data_testid="order-link")
        ),
        rx.table.cell(shop_date(row.created_at), white_space="nowrap"),
        rx.table.cell(
            rx.vstack(
                rx.text(row.customer),
                rx.text(row.email, size="1", color_scheme="gray"),
                spacing="0",
            ),
            class_name="long-words",  # a long email wraps: the totals stay in view on a tablet
        ),
        rx.table.cell(
            rx.hstack(
                status_badge(row.status),
                shipped_badge(row.status, row.shipped),
                # A declined card's attempt, not a sale canceled (QA: they looked alike).
                rx.cond(
                    row.never_paid,
                    tinted_badge(
                        t("admin.orders.never_paid"),
                        color_scheme="gray",
                        variant="outline",
                        data_testid="order-never-paid",
                    ),
                ),
                # Canceled, but a refund of it failed: the customer is owed it (its page says
                # what to do), seen before only by opening it.
                rx.cond(
                    row.refund_owed,
                    tinted_badge(
                        t("admin.orders.refund_owed"),
                        color_scheme="orange",
                        data_testid="order-refund-owed",
                    ),
                ),
                # Still to ship, but its customer asked to cancel it and the cancel was given
                # up (its refund refused): only its own page said so, and it was packed (QA).
                rx.cond(
                    row.cancel_released,
                    rx.badge(
                        rx.icon("triangle-alert", size=12),
                        t("admin.orders.cancel_released_badge"),
                        color_scheme="red",
                        variant="solid",
                        high_contrast=True,  # white on red-9 reads at 3.9:1, under WCAG's 4.5
                        title=t("admin.orders.cancel_released_hint"),
                        data_testid="order-cancel-released",
                    ),
                ),
                # A withdrawal still to refund stands out; one refunded is history.
                rx.cond(
                    row.withdrawal_owed,
                    tinted_badge(
                        t("admin.orders.withdrawal_owed_badge"),
                        color_scheme="orange",
                        data_testid="order-withdrawal-owed",
                    ),
                    rx.cond(
                        row.withdrawn,
                        tinted_badge(
                            t("admin.orders.withdrawn_badge"),
                            color_scheme="gray",
                            data_testid="order-withdrawn",
                        ),
                    ),
                ),
                spacing="1",
                wrap="wrap",
            )
        ),
        rx.table.cell(row.units),
        # What was refunded under the total, not a column of its own: on a tablet that column
        # was cut off once a refund was listed (the accessibility test, after the admin's).
        rx.table.cell(
            money(row.total_minor, row.currency),
            rx.cond(
                row.refunded_minor > 0,
                rx.text(
                    t("admin.orders.refunded"),
                    "\u00a0",
                    money(row.refunded_minor, row.currency),
                    size="1",
                    color_scheme="gray",
                    white_space="nowrap",
                    data_testid="order-refunded",
                ),
            ),
            white_space="nowrap",
        ),
        data_testid="order-row",
    )


def _field(label_key: str, name: str, errors: Any, **props: Any) -> rx.Component:
    """A filter field showing the filter in use."""
    shown = in_use(S.filters, name)
    return admin_field(
        label_key, name, errors, default=shown["default_value"], key=shown["key"], **props
    )


def _filters() -> rx.Component:
    return rx.form(
        rx.hstack(
            filter_select(
                "admin.status",
                "status",
                [
                    rx.el.option(t("admin.orders.all"), value=""),
                    rx.el.option(t("admin.orders.to_ship"), value=TO_SHIP),
                    rx.el.option(t("admin.orders.withdrawal_owed"), value=WITHDRAWAL_OWED),
                    rx.el.option(t("admin.orders.refund_owed"), value=REFUND_OWED),
                    rx.el.option(t("admin.orders.cancel_released"), value=CANCEL_RELEASED),
                    rx.el.option(t("admin.orders.withdrawn"), value=WITHDRAWN),
                    *[rx.el.option(t(f"order.status.{s}"), value=s) for s in STATUSES],
                ],
                S.filters,
            ),
            _field("admin.orders.from", "from", S.errors, kind="date"),
            _field("admin.orders.to", "to", S.errors, kind="date"),
            _field("admin.orders.find", "customer", S.errors),
            submit_button(t("admin.filter"), data_testid="orders-filter"),
            align="end",
            wrap="wrap",
        ),
        on_submit=S.apply_filters,
    )


def _cancel_warning() -> rx.Component:
    """Above "To ship"'s rows, whatever page they fall on: the orders whose customer asked
    to cancel them, with the way to list just those."""
    return rx.cond(
        S.cancel_released > 0,
        rx.callout.root(
            rx.callout.icon(rx.icon("triangle-alert")),
            rx.callout.text(
                number(S.cancel_released),
                " ",
                plural(S.cancel_released, "admin.orders.cancel_released_warning"),
                " ",
                rx.button(
                    t("admin.orders.cancel_released_show"),
                    on_click=S.show_cancel_released,
                    size="1",
                    variant="soft",
                    color_scheme="red",
                    margin_left="0.5em",
                    data_testid="orders-cancel-released-show",
                ),
            ),
            color_scheme="red",
            role="alert",
            data_testid="orders-cancel-released-warning",
        ),
    )


def orders_page() -> rx.Component:
    return admin_shell(
        "admin.nav.orders",
        _filters(),
        _cancel_warning(),
        rx.hstack(
            rx.text(
                number(S.total),
                " ",
                plural(S.total, "admin.orders.found"),
                size="2",
                color_scheme="gray",
                data_testid="orders-found",
            ),
            # The filter in use (applied), every page of it.
            # Asked in an action (audited, a ticket posted): no link (state/admin/downloads.py).
            rx.button(
                rx.icon("download", size=16),
                t("admin.orders.export"),
                on_click=S.download_orders,
                variant="soft",
                data_testid="orders-export",
            ),
            rx.button(
                rx.icon("download", size=16),
                t("admin.orders.export_refunds"),
                on_click=S.download_refunds,
                variant="soft",
                data_testid="refunds-export",
            ),
            align="center",
            spacing="4",
            wrap="wrap",
        ),
        admin_table(
            table_head(
                "order.reference",
                "admin.orders.date",
                "admin.orders.customer",
                "admin.status",
                "admin.orders.items",
                "checkout.total",
            ),
            rx.table.body(rx.foreach(S.rows, _row)),
            width="100%",
            long_list=True,
        ),
        # Not the columns' headings over nothing alone: a filter that matched no order says so
        # (once it has answered: not while the page's first rows are on their way).
        rx.cond(
            S.loaded & (S.rows.length() == 0),
            rx.text(t("admin.orders.empty"), size="2", data_testid="orders-empty"),
        ),
        stepper(S.page, S.pages, S.go),
    )
