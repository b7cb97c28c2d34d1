"""The admin product page's stock card: adjust a variant's stock with a reason, see the
history of the product's adjustments."""

from __future__ import annotations

import reflex as rx

from components.admin_form import admin_field, labelled
from components.admin_table import admin_table, table_head
from components.form_fields import field_error
from components.i18n import t
from components.money import number, shop_date_time
from components.submit_button import submit_button
from state.admin.product_edit import AdminProductState as S
from state.admin.product_edit import HistoryItem
from storefront.services.admin.stock import StockReason

# The history's columns, as _history fills them.
HISTORY_COLUMNS = (
    "admin.audit.at",
    "admin.variant.sku",
    "admin.stock.delta",
    "admin.stock.after",
    "admin.stock.reason",
    "admin.stock.note",
    "admin.audit.actor",
)


def _history(item: HistoryItem) -> rx.Component:
    reasons = [(r.value, t(f"admin.stock.reason.{r.value}")) for r in StockReason]
    return rx.table.row(
        rx.table.cell(shop_date_time(item.at), white_space="nowrap"),
        rx.table.cell(rx.code(item.sku)),
        # Signed, as typed: "+5" received, "-2" taken out (QA: "Change 5" read as a count).
        rx.table.cell(
            rx.cond(item.delta > 0, "+", ""),
            number(item.delta),
            white_space="nowrap",
            data_testid="stock-history-delta",
        ),
        rx.table.cell(item.stock_after),
        rx.table.cell(rx.match(item.reason, *reasons, item.reason)),
        rx.table.cell(item.note),
        rx.table.cell(item.actor),
        data_testid="stock-history-row",
    )


def stock_card() -> rx.Component:
    """Adjust a variant's stock with a reason (a recount asks for the units on the shelf),
    and its history."""
    return rx.card(
        rx.vstack(
            rx.heading(t("admin.stock.adjust"), size="3", as_="h2"),
            rx.form(
                rx.el.input(type="hidden", name="stock_key", value=S.stock_key),
                rx.hstack(
                    labelled(
                        "admin.variant.sku",
                        rx.el.select(
                            rx.foreach(
                                S.variants,
                                lambda r: rx.el.option(r["sku"].to(str), value=r["sku"].to(str)),
                            ),
                            name="sku",
                            default_value=S.stock_sku,
                            class_name="admin-select",
                            data_testid="field-sku",
                        ),
                        field_error("sku", S.stock_errors),
                    ),
                    labelled(
                        "admin.stock.reason",
                        rx.el.select(
                            *[
                                rx.el.option(t(f"admin.stock.reason.{r.value}"), value=r.value)
                                for r in StockReason
                            ],
                            name="reason",
                            value=S.stock_reason,
                            on_change=S.pick_stock_reason,
                            class_name="admin-select",
                            data_testid="field-reason",
                        ),
                    ),
                    # A recount is entered as the units on the shelf, a move as a change.
                    rx.cond(
                        S.stock_reason == StockReason.RECOUNT.value,
                        admin_field(
                            "admin.stock.counted",
                            "delta",
                            S.stock_errors,
                            placeholder="12",
                            required=True,
                            input_mode="numeric",
                        ),
                        admin_field(
                            "admin.stock.delta",
                            "delta",
                            S.stock_errors,
                            placeholder="+10, -2",
                            required=True,
                        ),
                    ),
                    admin_field("admin.stock.note", "note", S.stock_errors, max_length=200),
                    submit_button(t("admin.save"), data_testid="stock-save"),
                    align="end",
                    wrap="wrap",
                ),
                rx.cond(
                    S.stock_reason == StockReason.RECOUNT.value,
                    rx.text(t("admin.stock.counted_help"), size="1", color_scheme="gray"),
                ),
                on_submit=S.adjust_stock,
                key=S.stock_form_key,
            ),
            rx.cond(
                S.history.length() > 0,
                admin_table(
                    table_head(*HISTORY_COLUMNS),
                    rx.table.body(rx.foreach(S.history, _history)),
                    width="100%",
                    size="1",
                    data_testid="stock-history",
                ),
            ),
            width="100%",
        ),
        width="100%",
    )
