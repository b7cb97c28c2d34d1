"""Admin: the low-stock view (variants at or under a threshold), each linked to its product
page, where stock is adjusted with a reason."""

from __future__ import annotations

import reflex as rx

from components.admin_badge import tinted_badge
from components.admin_form import labelled
from components.admin_shell import admin_shell
from components.admin_table import admin_table, table_head
from components.i18n import pick, t
from components.submit_button import submit_button
from state.admin.stock import AdminStockState as S
from state.admin.stock import LowStockItem


def _row(item: LowStockItem) -> rx.Component:
    return rx.table.row(
        rx.table.cell(rx.link(item.title, href=f"/admin/products/{item.product_id}")),
        rx.table.cell(rx.code(item.sku)),
        rx.table.cell(pick(item.options)),
        rx.table.cell(
            tinted_badge(item.stock, color_scheme=rx.cond(item.stock == 0, "red", "amber"))
        ),
        data_testid="low-stock-row",
    )


def stock_page() -> rx.Component:
    return admin_shell(
        "admin.nav.stock",
        rx.form(
            rx.hstack(
                labelled(
                    "admin.stock.threshold",
                    rx.input(
                        name="threshold",
                        type="number",
                        min=0,
                        default_value=S.threshold.to(str),
                        width="6em",
                        data_testid="field-threshold",
                    ),
                ),
                submit_button(t("admin.filter")),
                align="end",
            ),
            on_submit=S.apply_threshold,
            key=S.form_key,
        ),
        admin_table(
            table_head(
                "admin.product.title",
                "admin.variant.sku",
                "admin.variant.options",
                "admin.product.stock",
            ),
            rx.table.body(rx.foreach(S.rows, _row)),
            width="100%",
            long_list=True,
        ),
        rx.cond(
            S.more,
            rx.callout(t("admin.stock.more"), icon="info", size="1", data_testid="low-stock-more"),
        ),
    )
