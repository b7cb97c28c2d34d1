"""Admin: create or edit one product: details, variants, image, stock with reasons."""

from __future__ import annotations

from typing import Any

import reflex as rx

from components.admin_form import (
    admin_field,
    category_name,
    category_option,
    in_readers_decimals,
    labelled,
)
from components.admin_shell import admin_shell, back_link
from components.admin_table import admin_table, table_head
from components.form_fields import field_error
from components.i18n import pick, t
from components.submit_button import submit_button
from state.admin.product_edit import AdminProductState as S
from storefront.i18n import LOCALES
from storefront.pages.admin.product_images import images_card
from storefront.pages.admin.product_stock import stock_card

STATUSES = ("draft", "active", "archived")


def _labelled(label_key: str, control: rx.Component, name: str) -> rx.Component:
    return labelled(label_key, control, field_error(name, S.errors), width="100%")


def _variant(row: Any, index: rx.Var[int]) -> rx.Component:
    existing = row["existing"].to(str) == "1"

    def control(field: str, **props: Any) -> rx.Component:
        return rx.input(
            name=f"variants.{index}.{field}",
            aria_label=t(f"admin.variant.{field}"),
            data_testid=f"variant-{field}",
            **props,
        )

    def cell(field: str, shown: rx.Component | None = None, **props: Any) -> rx.Component:
        name = f"variants.{index}.{field}"
        if shown is None:
            shown = control(field, default_value=row[field].to(str), **props)
        return rx.table.cell(
            shown,
            rx.cond(
                S.errors.contains(name),
                rx.text(
                    pick(S.errors[name]), size="1", color_scheme="red", data_testid="variant-error"
                ),
            ),
        )

    def price(field: str, **props: Any) -> rx.Component:
        shown = in_readers_decimals(row[field])
        return cell(field, control(field, default_value=shown, width="7em", **props))

    stock = row["stock"].to(str)
    return rx.table.row(
        # At least 10em: on a phone the table scrolls sideways rather than squeeze a SKU or
        # "size=M, colour=Blue" into a field a few letters wide.
        cell("sku", read_only=existing, min_width="10em"),
        cell("options", placeholder="size=M, colour=Blue", min_width="10em"),
        price("price", placeholder=in_readers_decimals("12.90")),
        price("compare_at"),
        cell(
            "stock",
            rx.cond(
                existing,
                # Bound to the state: an adjustment changes it while the form is being edited.
                control("stock", value=stock, read_only=True, width="5em"),
                control("stock", default_value=stock, width="5em"),
            ),
        ),
        # An existing variant is removed by ticking it, on saving (its SKU and stock cannot
        # be blanked: there was no way to remove one but an import; merchandiser QA). A new
        # row is left out when left blank.
        rx.table.cell(
            rx.cond(
                existing,
                rx.el.input(
                    type="checkbox",
                    name=f"variants.{index}.remove",
                    value="1",
                    aria_label=t("admin.variant.remove_one").to(str) + " " + row["sku"].to(str),
                    data_testid="variant-remove",
                ),
            ),
        ),
    )


def _suggestion(category: rx.Var[list[str]]) -> rx.Component:
    return rx.button(
        category_name(category),  # as the select names it (it was the English path; QA)
        " (",
        category[1 + len(LOCALES)],
        t("punct.percent"),
        ")",
        size="1",
        variant="soft",
        type="button",
        on_click=S.pick_category(category[0]),
        data_testid="suggested-category",
    )


def _suggestions() -> rx.Component:
    return rx.cond(
        S.suggested.length() > 0,
        rx.vstack(
            rx.hstack(
                rx.text(t("admin.product.suggested"), size="1", color_scheme="gray"),
                rx.foreach(S.suggested, _suggestion),
                wrap="wrap",
                align="center",
            ),
            rx.cond(
                S.suggested_attributes.length() > 0,
                rx.text(
                    t("admin.product.suggested_attributes"),
                    " ",
                    pick(S.suggested_attributes),
                    size="1",
                    color_scheme="gray",
                ),
            ),
            spacing="1",
        ),
    )


def _details() -> rx.Component:
    v = S.values
    return rx.card(
        rx.form(
            rx.el.input(type="hidden", name="save_key", value=S.save_key),
            rx.vstack(
                admin_field(
                    "admin.product.title",
                    "title",
                    S.errors,
                    default=v["title"].to(str),
                    required=True,
                    width="100%",
                    on_blur=S.suggest,
                ),
                _suggestions(),
                _labelled(
                    "admin.product.description",
                    rx.text_area(
                        name="description",
                        default_value=v["description"].to(str),
                        rows="5",
                        data_testid="field-description",
                    ),
                    "description",
                ),
                rx.hstack(
                    _labelled(
                        "admin.product.category",
                        rx.el.select(
                            rx.el.option("—", value=""),
                            rx.foreach(S.categories, category_option),
                            name="category_id",
                            value=v["category_id"].to(str),
                            on_change=S.pick_category,
                            class_name="admin-select",
                            data_testid="field-category_id",
                        ),
                        "category_id",
                    ),
                    # Not shrunk by the category and status beside it, which take the rest of
                    # the row (QA: a brand of two words did not show whole).
                    rx.box(
                        admin_field(
                            "admin.product.brand",
                            "brand",
                            S.errors,
                            default=v["brand"].to(str),
                            width="100%",
                        ),
                        flex="0 0 16em",
                        max_width="100%",
                        data_testid="brand-box",
                    ),
                    _labelled(
                        "admin.status",
                        rx.el.select(
                            *[
                                rx.el.option(t(f"admin.product.status.{s}"), value=s)
                                for s in STATUSES
                            ],
                            name="status",
                            default_value=v["status"].to(str),
                            class_name="admin-select",
                            data_testid="field-status",
                        ),
                        "status",
                    ),
                    width="100%",
                    align="start",
                    # On a phone the brand and status go below the category: on one row
                    # they ran past the card's edge, which hid them.
                    wrap=rx.breakpoints(initial="wrap", lg="nowrap"),
                ),
                rx.heading(t("admin.product.variants"), size="3", as_="h2"),
                field_error("variants", S.errors),
                admin_table(
                    table_head(
                        *[
                            f"admin.variant.{f}"
                            for f in ("sku", "options", "price", "compare_at", "stock", "remove")
                        ]
                    ),
                    rx.table.body(rx.foreach(S.variants, _variant)),
                    width="100%",
                ),
                rx.text(t("admin.product.stock_help"), size="1", color_scheme="gray"),
                rx.hstack(
                    rx.button(
                        t("admin.product.add_variant"),
                        type="button",
                        variant="soft",
                        on_click=S.add_variant,
                        data_testid="add-variant",
                    ),
                    submit_button(t("admin.save"), data_testid="product-save"),
                ),
                width="100%",
            ),
            on_submit=S.save,
            key=S.form_key,
        ),
        width="100%",
    )


def product_edit_page() -> rx.Component:
    return admin_shell(
        "admin.product.page",
        rx.hstack(
            back_link("admin.product.back", "/admin/products"),
            rx.cond(
                S.slug != "",
                # A draft's or an archived product's shop page is a 404 (QA): say when the
                # shop shows it instead.
                rx.cond(
                    S.on_sale,
                    rx.link(
                        t("admin.product.view"),
                        href=f"/product/{S.slug}",
                        is_external=True,
                        data_testid="product-in-shop",
                    ),
                    rx.text(
                        t("admin.product.not_in_shop"),
                        size="2",
                        color_scheme="gray",
                        data_testid="product-not-in-shop",
                    ),
                ),
            ),
            spacing="4",
        ),
        rx.cond(
            S.missing,
            rx.text(t("admin.product.error.not_found")),
            rx.vstack(
                _details(),
                rx.cond(
                    S.product_id > 0,
                    rx.grid(
                        images_card(),
                        stock_card(),
                        columns=rx.breakpoints(initial="1", lg="2"),
                        spacing="4",
                        width="100%",
                    ),
                ),
                width="100%",
                spacing="4",
            ),
        ),
    )
