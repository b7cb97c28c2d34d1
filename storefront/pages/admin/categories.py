"""Admin: the category tree with its product counts; a category's names in each language and
its description edited; an empty category deleted."""

from __future__ import annotations

import reflex as rx

from components.admin_form import admin_field, admin_text_area, confirmed, edit_card
from components.admin_shell import admin_shell
from components.admin_table import admin_table, table_head
from components.catalog_text import catalog_lang
from components.i18n import t, t_with
from components.money import number
from state.admin.categories import AdminCategoriesState as S
from state.admin.categories import CategoryItem
from storefront.i18n import LOCALES


def _named(key: str, name: rx.Var[str]) -> rx.Var[str]:
    """A row's action with its category: "Delete Lighting › Desk Lamps"."""
    return t(key).to(str) + " " + name.to(str)


def _others(base: str) -> list[str]:
    """The locales a category's name is translated into: all but the catalog's own."""
    return [locale for locale in LOCALES if locale != base]


def _translation(item: CategoryItem, locale: str, base: str) -> rx.Component:
    name = item.translations[locale].to(str)
    return rx.table.cell(
        rx.cond(
            name != "",
            rx.text(name, lang=locale, data_testid=f"category-name-{locale}"),
            # The shop shows its own name there: "(the English name)".
            rx.text(t(f"admin.category.own_{base}"), color_scheme="gray", size="2"),
        )
    )


def _counted(key: str, count: rx.Var[int]) -> rx.Var[str]:
    """`key`'s text for `count` above 0: its singular ".one" for 1 (in English and French)."""
    shown = number(count)
    return rx.cond(count == 1, t_with(f"{key}.one", count=shown), t_with(key, count=shown))


def _delete_body(item: CategoryItem) -> rx.Component:
    """What deleting does, or why this category cannot be deleted yet: it said it holds a
    product only once Delete was pressed (QA)."""
    return rx.text(
        rx.cond(
            item.products > 0,
            _counted("admin.category.delete_blocked_products", item.products),
            rx.cond(
                item.subcategories > 0,
                _counted("admin.category.delete_blocked_subcategories", item.subcategories),
                t("admin.category.delete_body"),
            ),
        ),
        as_="span",
        data_testid=f"category-delete-body-{item.slug}",
    )


def _row(item: CategoryItem) -> rx.Component:
    base = catalog_lang()
    return rx.table.row(
        rx.table.cell(
            rx.text(item.name, lang=base, padding_left=item.indent, data_testid="category-name"),
        ),
        *[_translation(item, locale, base) for locale in _others(base)],
        rx.table.cell(item.products, data_testid="category-products"),
        rx.table.cell(item.subcategories),
        rx.table.cell(
            rx.hstack(
                rx.button(
                    t("admin.edit"),
                    size="1",
                    variant="soft",
                    on_click=S.edit(item.id),
                    aria_label=_named("admin.edit", item.path),
                    data_testid=f"category-edit-{item.slug}",
                ),
                confirmed(
                    rx.button(
                        t("admin.category.delete"),
                        size="1",
                        variant="soft",
                        color_scheme="red",
                        aria_label=_named("admin.category.delete", item.path),
                        data_testid=f"category-delete-{item.slug}",
                    ),
                    "admin.category.delete_title",
                    rx.button(
                        t("admin.category.delete"),
                        color_scheme="red",
                        on_click=S.delete(item.id),
                        # Not empty: refused anyway, and the dialog says why up front.
                        disabled=(item.products > 0) | (item.subcategories > 0),
                        data_testid=f"category-delete-confirm-{item.slug}",
                    ),
                    _delete_body(item),
                ),
            )
        ),
        data_testid="category-row",
    )


def _form() -> rx.Component:
    values = S.form_values
    base = catalog_lang()
    return rx.cond(
        S.editing != 0,
        edit_card(
            S,
            "category",
            rx.heading(t("admin.category.edit_title"), " · ", S.editing_name, size="4", as_="h2"),
            rx.hstack(
                # Its own name, in the catalog's language, then its translations.
                admin_field(
                    f"admin.category.name_{base}",
                    f"name_{base}",
                    S.errors,
                    default=values[f"name_{base}"].to(str),
                    required=True,
                    lang=base,
                ),
                *[
                    admin_field(
                        f"admin.category.name_{locale}",
                        f"name_{locale}",
                        S.errors,
                        default=values[f"name_{locale}"].to(str),
                        lang=locale,
                    )
                    for locale in _others(base)
                ],
                wrap="wrap",
                align="start",
            ),
            admin_text_area(
                "admin.category.description",
                "description",
                S.errors,
                default=values["description"].to(str),
                rows="4",
            ),
        ),
    )


def categories_page() -> rx.Component:
    base = catalog_lang()
    return admin_shell(
        "admin.nav.categories",
        rx.text(t(f"admin.category.note_{base}"), size="2"),
        _form(),
        admin_table(
            table_head(
                "admin.category.name",
                *[f"admin.category.column_{locale}" for locale in _others(base)],
                "admin.category.products",
                "admin.category.subcategories",
                "admin.actions",
            ),
            rx.table.body(rx.foreach(S.items, _row)),
            width="100%",
            long_list=True,
        ),
        rx.cond(
            S.loaded & (S.items.length() == 0),
            rx.text(t("admin.category.none"), size="2", data_testid="categories-empty"),
        ),
    )
