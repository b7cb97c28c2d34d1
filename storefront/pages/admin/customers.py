"""Admin: shopper accounts, searched by email or name, sorted, paged."""

from __future__ import annotations

import reflex as rx

from components.admin_form import filter_select, in_use, labelled, sort_order_options, stepper
from components.admin_shell import admin_shell
from components.admin_table import admin_table, table_head
from components.i18n import plural, t
from components.money import money, number, shop_date
from components.submit_button import submit_button
from state.admin.customers import AdminCustomersState as S
from state.admin.customers import CustomerItem
from storefront.services.admin.customers import SORT_KEYS


def _filters() -> rx.Component:
    return rx.form(
        rx.hstack(
            labelled(
                "admin.customers.search",
                rx.input(
                    name="text",
                    placeholder=t("admin.customers.search_hint"),
                    data_testid="field-text",
                    **in_use(S.filters, "text"),
                ),
            ),
            filter_select(
                "admin.customers.sort",
                "sort",
                [rx.el.option(t(f"admin.customers.sort.{k}"), value=k) for k in SORT_KEYS],
                S.filters,
            ),
            filter_select("admin.products.order", "order", sort_order_options(), S.filters),
            submit_button(t("admin.filter"), data_testid="customers-filter"),
            align="end",
            wrap="wrap",
        ),
        on_submit=S.apply_filters,
    )


def _row(item: CustomerItem) -> rx.Component:
    return rx.table.row(
        rx.table.cell(
            rx.link(item.email, href=f"/admin/customers/{item.id}", data_testid="customer-link")
        ),
        rx.table.cell(item.name),
        rx.table.cell(shop_date(item.joined_at), white_space="nowrap"),
        rx.table.cell(item.paid_orders, data_testid="customer-paid-orders"),
        rx.table.cell(money(item.spent_minor, S.currency), data_testid="customer-spent"),
        rx.table.cell(
            rx.cond(item.last_order_at != "", shop_date(item.last_order_at), "—"),
            white_space="nowrap",
        ),
        data_testid="customer-row",
    )


def customers_page() -> rx.Component:
    return admin_shell(
        "admin.nav.customers",
        rx.text(t("admin.customers.note"), size="2", color_scheme="gray"),
        _filters(),
        rx.text(
            number(S.total),
            " ",
            plural(S.total, "admin.customers.count"),
            size="2",
            data_testid="customers-total",
        ),
        rx.cond(
            S.rows.length() > 0,
            admin_table(
                table_head(
                    "admin.customers.email",
                    "admin.customers.name",
                    "admin.customers.joined",
                    "admin.customers.paid_orders",
                    "admin.customers.spent",
                    "admin.customers.last_order",
                ),
                rx.table.body(rx.foreach(S.rows, _row)),
                width="100%",
                long_list=True,
            ),
            rx.cond(
                S.loaded,
                rx.text(
                    # Nothing searched: the shop has no account yet (guests are no customers).
                    rx.cond(S.searching, t("admin.customers.empty"), t("admin.customers.none")),
                    size="2",
                    data_testid="customers-empty",
                ),
            ),
        ),
        stepper(S.page, S.pages, S.go),
    )
