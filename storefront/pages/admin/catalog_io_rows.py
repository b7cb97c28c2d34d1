"""The import preview's rows and price warning: what applying the file changes of each
product (new, changed, unchanged; prices and titles old → new), the price moves that look
like a slip, and the stock figures of the file the import ignores."""

from __future__ import annotations

import reflex as rx

from components.i18n import plural, t, t_with
from components.money import number
from state.admin.catalog_io import AdminImportState as S
from state.admin.catalog_io import SampleItem

STOCK_PAGE = "/admin/stock"


def _status(row: SampleItem) -> rx.Component:
    return rx.match(
        row.status,
        ("new", rx.badge(t("admin.import.status.new"), color_scheme="green")),
        ("changed", rx.badge(t("admin.import.status.changed"), color_scheme="amber")),
        rx.badge(t("admin.import.status.unchanged"), color_scheme="gray"),
    )


def _title(row: SampleItem) -> rx.Component:
    return rx.table.cell(
        rx.cond(
            row.old_title != "",
            rx.text(row.old_title, " →", size="1", color_scheme="gray", as_="div"),
        ),
        row.title,
    )


def _price(row: SampleItem) -> rx.Component:
    """The lowest price, then each price the file changes, old → new, in red when the move
    looks like a slip: the new price alone let "9,90 €" for 259.99 through (QA)."""
    return rx.table.cell(
        rx.cond(row.price_changes.length() == 0, row.price, ""),
        rx.foreach(
            row.price_changes,
            lambda change: rx.text(
                change,
                size="1",
                as_="div",
                weight=rx.cond(row.price_alarm, "bold", "regular"),
                color_scheme=rx.cond(row.price_alarm, "red", "gray"),
            ),
        ),
        rx.cond(
            row.more_price_changes > 0,
            rx.text("+", row.more_price_changes, size="1", as_="div", color_scheme="gray"),
        ),
        rx.cond(row.price_alarm, rx.icon("triangle-alert", size=14, color="var(--red-11)")),
        data_testid="import-sample-price",
    )


def _stock(row: SampleItem) -> rx.Component:
    """The stock after the import; where the file said another figure for variants the shop
    has, that it was ignored and where stock is changed (it read "shop's kept" as every
    other row, QA)."""
    return rx.table.cell(
        row.stock,
        rx.cond(
            row.stock_ignored,
            rx.text(
                " (",
                t_with("admin.import.stock_ignored", stock=number(row.file_stock)),
                " ",
                rx.link(t("admin.import.stock_page"), href=STOCK_PAGE),
                ")",
                as_="span",
                size="1",
                color_scheme="amber",
                data_testid="import-stock-ignored",
            ),
            rx.cond(
                row.kept_stock > 0,
                rx.text(" (", t("admin.import.stock_kept"), ")", as_="span", color_scheme="gray"),
            ),
        ),
        data_testid="import-sample-stock",
    )


def sample_row(row: SampleItem) -> rx.Component:
    return rx.table.row(
        rx.table.cell(_status(row), data_testid="import-sample-status"),
        rx.table.cell(rx.code(row.external_id)),
        _title(row),
        rx.table.cell(row.category),
        _price(row),
        _stock(row),
        rx.table.cell(row.variants),
        data_testid="import-sample",
    )


def price_alarms() -> rx.Component:
    """Before applying: prices falling by more than half or growing over 5×, likely a slip
    (a decimal mark, a digit). A warning: the confirm dialog repeats it."""
    return rx.cond(
        S.price_alarms > 0,
        rx.callout.root(
            rx.callout.icon(rx.icon("triangle-alert")),
            rx.callout.text(t_with("admin.import.price_alarms", count=number(S.price_alarms))),
            rx.el.ul(
                rx.foreach(S.price_alarm_examples, rx.el.li),
                rx.cond(S.price_alarms > S.price_alarm_examples.length(), rx.el.li("…")),
                margin_left="1.5em",
            ),
            color_scheme="red",
            width="100%",
            data_testid="import-price-alarms",
        ),
    )


def confirm_warnings() -> rx.Component:
    """The confirm dialog's own lines: the categories applying creates (a typo such as
    "Beddding" becomes a live category, QA) and the price slips to acknowledge."""
    categories = S.new_categories.length()
    return rx.fragment(
        rx.cond(
            categories > 0,
            rx.text(
                " ",
                t("admin.import.confirm_creates"),
                " ",
                categories,
                " ",
                plural(categories, "admin.import.categories"),
                t("punct.colon"),
                S.new_categories.join(", "),
                as_="span",
                data_testid="import-confirm-categories",
            ),
        ),
        rx.cond(
            S.price_alarms > 0,
            rx.text(
                t_with("admin.import.confirm_alarms", count=number(S.price_alarms)),
                as_="span",
                display="block",
                color_scheme="red",
                weight="bold",
                data_testid="import-confirm-alarms",
            ),
        ),
    )
