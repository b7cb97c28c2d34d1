"""Admin: the product list (search, filters, sort, pages) with bulk actions."""

from __future__ import annotations

import reflex as rx

from components.admin_badge import named_badge
from components.admin_form import (
    category_option,
    filter_select,
    in_use,
    labelled,
    labelled_select,
    sort_order_options,
    stepper,
)
from components.admin_shell import admin_shell
from components.admin_table import admin_table
from components.i18n import pick, plural, t
from components.link_button import link_button
from components.money import money, number
from components.submit_button import submit_button
from models.catalog import ProductStatus
from state.admin.products import SORTS, ProductItem
from state.admin.products import AdminProductsState as S
from state.locale import LocaleState
from storefront.i18n import LOCALES

STATUS_KEYS = [
    ("", "admin.orders.all"),
    ("active", "admin.product.status.active"),
    ("draft", "admin.product.status.draft"),
    ("archived", "admin.product.status.archived"),
]


def _category_options() -> list[rx.Component]:
    return [
        rx.el.option(t("admin.orders.all"), value=""),
        rx.foreach(S.categories, category_option),
    ]


def _filters() -> rx.Component:
    return rx.form(
        rx.hstack(
            labelled(
                "admin.products.search",
                rx.input(
                    name="text",
                    placeholder=t("admin.products.search_hint"),
                    data_testid="field-text",
                    **in_use(S.filters, "text"),
                ),
            ),
            filter_select(
                "admin.status",
                "status",
                [rx.el.option(t(k), value=v) for v, k in STATUS_KEYS],
                S.filters,
            ),
            filter_select(
                "admin.product.category",
                "category",
                _category_options(),
                S.filters,
                S.categories.length(),
            ),
            labelled(
                "admin.products.low_stock",
                rx.input(
                    name="low_stock",
                    type="number",
                    min=0,
                    width="6em",
                    data_testid="field-low_stock",
                    **in_use(S.filters, "low_stock"),
                ),
            ),
            filter_select(
                "admin.products.sort",
                "sort",
                [rx.el.option(t(f"admin.sort.{k}"), value=k) for k in SORTS],
                S.filters,
            ),
            filter_select("admin.products.order", "order", sort_order_options(), S.filters),
            submit_button(t("admin.filter"), data_testid="products-filter"),
            align="end",
            wrap="wrap",
        ),
        on_submit=S.apply_filters,
    )


def _row(item: ProductItem) -> rx.Component:
    return rx.table.row(
        rx.table.cell(
            rx.checkbox(
                checked=S.selected.contains(item.id),
                on_change=lambda _v: S.toggle(item.id),
                aria_label=item.title,
                data_testid="product-select",
            ),
        ),
        rx.table.cell(
            rx.cond(
                item.image != "",
                rx.image(src=item.image, width="40px", height="40px", alt="", loading="lazy"),
            )
        ),
        rx.table.cell(
            rx.link(item.title, href=f"/admin/products/{item.id}", data_testid="product-link")
        ),
        rx.table.cell(named_badge(item.status, "admin.product.status", ProductStatus)),
        rx.table.cell(pick(item.category), data_testid="product-category"),
        rx.table.cell(item.brand),
        rx.table.cell(
            money(item.min_price_minor, item.currency),
            rx.cond(
                item.max_price_minor != item.min_price_minor,
                rx.text.span(" – ", money(item.max_price_minor, item.currency)),
            ),
        ),
        rx.table.cell(  # "1051 in 27 variants": the bare "(27)" said nothing
            item.stock,
            rx.text.span(
                " ",
                t("admin.products.stock_in"),
                " ",
                item.variants,
                " ",
                plural(item.variants, "admin.products.variants"),
                color_scheme="gray",
                size="1",
                data_testid="product-variant-count",
            ),
        ),
        data_testid="product-row",
    )


def _bulk() -> rx.Component:
    actions = [
        ("active", "admin.bulk.publish"),
        ("draft", "admin.bulk.unpublish"),
        ("archived", "admin.bulk.archive"),
        ("feature", "admin.bulk.feature"),
        ("unfeature", "admin.bulk.unfeature"),
        ("price", "admin.bulk.price"),
        ("move", "admin.bulk.move"),
    ]
    return rx.form(
        rx.hstack(
            rx.text(
                S.selected.length(),
                " ",
                t("admin.bulk.selected"),
                size="2",
                data_testid="bulk-count",
            ),
            labelled_select(
                "admin.bulk.action", "action", [rx.el.option(t(k), value=v) for v, k in actions]
            ),
            labelled(
                "admin.bulk.percent",
                rx.input(
                    name="percent",
                    placeholder=t("admin.bulk.percent_example"),
                    width="7em",
                    data_testid="field-percent",
                ),
            ),
            labelled_select("admin.bulk.to_category", "category", _category_options()),
            submit_button(t("admin.bulk.apply"), data_testid="bulk-apply"),
            align="end",
            wrap="wrap",
        ),
        on_submit=S.ask,
    )


def _confirm() -> rx.Component:
    return rx.alert_dialog.root(
        rx.alert_dialog.content(
            rx.alert_dialog.title(t("admin.bulk.confirm")),
            rx.alert_dialog.description(
                S.selected.length(),
                " ",
                t("admin.bulk.selected"),
                " — ",
                rx.match(
                    S.pending["action"].to(str),
                    ("active", t("admin.bulk.publish")),
                    ("draft", t("admin.bulk.unpublish")),
                    ("archived", t("admin.bulk.archive")),
                    ("feature", t("admin.bulk.feature")),
                    ("unfeature", t("admin.bulk.unfeature")),
                    ("price", t("admin.bulk.price_by")),
                    ("move", t("admin.bulk.move")),
                    "",
                ),
                " ",
                rx.text.strong(
                    rx.match(
                        LocaleState.locale,
                        *[(loc, S.pending[f"detail_{loc}"].to(str)) for loc in LOCALES],
                        S.pending["detail"].to(str),
                    ),
                    data_testid="bulk-detail",
                ),
            ),
            # What it touches, by name: the count alone did not say (QA).
            rx.el.ul(
                rx.foreach(S.selected_titles, rx.el.li),
                class_name="bulk-targets",
                data_testid="bulk-targets",
            ),
            rx.hstack(
                rx.alert_dialog.cancel(
                    rx.button(t("admin.cancel"), variant="soft", on_click=S.dismiss)
                ),
                rx.alert_dialog.action(
                    rx.button(t("admin.confirm"), on_click=S.confirm, data_testid="bulk-confirm")
                ),
                justify="end",
            ),
        ),
        open=S.pending.contains("action"),
    )


def products_page() -> rx.Component:
    return admin_shell(
        "admin.nav.products",
        rx.hstack(
            link_button(
                rx.icon("plus", size=16, aria_hidden="true"),
                t("admin.product.new"),
                href="/admin/products/new",
            ),
            rx.text(
                number(S.total),
                " ",
                plural(S.total, "admin.products.found"),
                size="2",
                color_scheme="gray",
                data_testid="products-found",
            ),
            align="center",
        ),
        _filters(),
        _bulk(),
        _confirm(),
        admin_table(
            rx.table.header(
                rx.table.row(
                    rx.table.column_header_cell(
                        rx.checkbox(
                            # Radix takes true, false or "indeterminate"; Reflex types
                            # the prop as a bool only (.to casts the type, not the value).
                            checked=S.page_ticked.to(bool),
                            on_change=lambda _v: S.toggle_page(),
                            aria_label=t("admin.bulk.page"),
                            data_testid="select-page",
                        )
                    ),
                    rx.table.column_header_cell(""),
                    *[
                        rx.table.column_header_cell(t(k))
                        for k in (
                            "admin.product.title",
                            "admin.status",
                            "admin.product.category",
                            "admin.product.brand",
                            "admin.product.price",
                            "admin.product.stock",
                        )
                    ],
                )
            ),
            rx.table.body(rx.foreach(S.rows, _row)),
            width="100%",
            long_list=True,
        ),
        stepper(S.page, S.pages, S.go),
    )
