"""Admin: import a catalog CSV (check, preview, apply all or nothing) and export it."""

from __future__ import annotations

import reflex as rx

from components.admin_form import confirmed, labelled
from components.admin_shell import admin_shell
from components.admin_table import admin_table, table_head
from components.admin_upload import drop_zone
from components.i18n import plural, t, t_with
from components.money import number
from state.admin.catalog_io import CATALOG_UPLOAD, ProblemItem
from state.admin.catalog_io import AdminImportState as S
from state.locale import LocaleState
from storefront.pages.admin.catalog_io_rows import confirm_warnings, price_alarms, sample_row
from storefront.services.admin.catalog_import import MAX_FILE_BYTES


def _upload() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(t("admin.import.title"), size="4", as_="h2"),
            rx.text(t("admin.import.help"), size="2", color_scheme="gray"),
            labelled(
                "admin.import.format",
                rx.el.select(
                    rx.el.option(t("admin.import.format.auto"), value="auto"),
                    rx.el.option(t("admin.import.format.generic"), value="generic"),
                    rx.el.option(t("admin.import.format.shopify"), value="shopify"),
                    value=S.file_format,
                    on_change=S.choose_format,
                    class_name="admin-select",
                    data_testid="import-format",
                ),
            ),
            drop_zone(
                CATALOG_UPLOAD,
                "file-up",
                "admin.import.drop",
                accept={"text/csv": [".csv"], "text/plain": [".txt"]},
                max_files=1,
                # Refused in the browser, with its message: the upload route's own cap would
                # refuse it without a word.
                max_size=MAX_FILE_BYTES,
                on_refused=S.refuse_file,
                border="1px dashed var(--gray-a7)",
                padding="1.5em",
                width="100%",
                data_testid="import-drop",
            ),
            rx.foreach(rx.selected_files(CATALOG_UPLOAD), lambda name: rx.text(name, size="2")),
            rx.button(
                t("admin.import.check"),
                on_click=S.check_file(rx.upload_files(upload_id=CATALOG_UPLOAD)),
                data_testid="import-check",
            ),
            width="100%",
        ),
        width="100%",
    )


def _problem(problem: ProblemItem) -> rx.Component:
    return rx.table.row(
        rx.table.cell(problem.line),
        rx.table.cell(problem.column),
        rx.table.cell(rx.cond(LocaleState.locale == "fr", problem.reason_fr, problem.reason)),
        data_testid="import-problem",
    )


def _problems() -> rx.Component:
    return rx.cond(
        S.problem_count > 0,
        rx.card(
            rx.vstack(
                rx.heading(
                    S.problem_count,
                    " ",
                    plural(S.problem_count, "admin.import.problems"),
                    size="4",
                    as_="h2",
                    data_testid="import-problem-count",
                ),
                rx.text(t("admin.import.nothing_written"), size="2"),
                admin_table(
                    table_head("admin.import.line", "admin.import.column", "admin.import.reason"),
                    rx.table.body(rx.foreach(S.problems, _problem)),
                    width="100%",
                ),
                width="100%",
            ),
            width="100%",
        ),
    )


def _new_categories() -> rx.Component:
    """Before applying: a category path the shop lacks is created, not refused, so a typo
    ("Dog Toyz") would make a new category without a word."""
    return rx.cond(
        S.new_categories.length() > 0,
        rx.callout.root(
            rx.callout.icon(rx.icon("folder-plus")),
            rx.callout.text(t("admin.import.new_categories")),
            rx.el.ul(
                rx.foreach(S.new_categories, rx.el.li),
                margin_left="1.5em",
                data_testid="import-new-categories",
            ),
            color_scheme="amber",
            width="100%",
        ),
    )


def _removed_variants() -> rx.Component:
    """Before applying: a product's row lacking some of the variants the shop has deletes
    them, and their stock, which the preview did not say (QA)."""
    return rx.cond(
        S.removed_variants > 0,
        rx.callout.root(
            rx.callout.icon(rx.icon("triangle-alert")),
            rx.callout.text(
                t_with(
                    "admin.import.removed_variants",
                    count=number(S.removed_variants),
                    units=number(S.removed_units),
                )
            ),
            rx.el.ul(
                rx.foreach(S.removed_skus, rx.el.li),
                rx.cond(S.removed_variants > S.removed_skus.length(), rx.el.li("…")),
                margin_left="1.5em",
                data_testid="import-removed-variants",
            ),
            color_scheme="red",
            width="100%",
        ),
    )


def _changes() -> tuple[rx.Component | rx.Var, ...]:
    """ "3 created, 2 updated": what applying the file would change (summary and confirm)."""
    return (
        S.created,
        " ",
        t("admin.import.created"),
        ", ",
        S.updated,
        " ",
        t("admin.import.updated"),
    )


def _preview() -> rx.Component:
    return rx.cond(
        S.token != "",
        rx.card(
            rx.vstack(
                rx.heading(t("admin.import.preview"), " ", S.filename, size="4", as_="h2"),
                rx.text(
                    S.products,
                    " ",
                    plural(S.products, "admin.import.products"),
                    " (",
                    # The format as the select names it, not its id ("(generic):" in the
                    # French page; QA).
                    rx.match(
                        S.detected,
                        ("shopify", t("admin.import.format.shopify")),
                        t("admin.import.format.generic"),
                    ),
                    ")",
                    t("punct.colon"),
                    *_changes(),
                    ", ",
                    S.unchanged,
                    " ",
                    t("admin.import.unchanged"),
                    size="2",
                    data_testid="import-summary",
                ),
                rx.cond(  # only when the file updates products of the shop
                    (S.updated + S.unchanged) > 0,
                    rx.text(
                        t_with("admin.import.price_changes", count=number(S.price_changes)),
                        " ",
                        t("admin.import.changed_first"),
                        size="1",
                        color_scheme="gray",
                        data_testid="import-price-changes",
                    ),
                ),
                price_alarms(),
                _new_categories(),
                _removed_variants(),
                admin_table(
                    table_head(
                        "admin.import.change",
                        "admin.import.id",
                        "admin.product.title",
                        "admin.product.category",
                        "admin.product.price",
                        "admin.import.stock_after",
                        "admin.product.variants",
                    ),
                    rx.table.body(rx.foreach(S.sample, sample_row)),
                    width="100%",
                    size="1",
                ),
                rx.cond(  # only when the file updates products of the shop
                    (S.updated + S.unchanged) > 0,
                    rx.text(t("admin.import.stock_note"), size="1", color_scheme="gray"),
                ),
                rx.cond(  # the shop has it all as it is: applying would do nothing
                    (S.created + S.updated) > 0,
                    confirmed(
                        rx.button(
                            t("admin.import.apply"),
                            disabled=S.applying,
                            data_testid="import-apply",
                        ),
                        "admin.import.confirm",
                        rx.button(
                            t("admin.confirm"), on_click=S.apply, data_testid="import-confirm"
                        ),
                        *_changes(),
                        confirm_warnings(),
                    ),
                    rx.callout.root(
                        rx.callout.icon(rx.icon("info")),
                        rx.callout.text(t("admin.import.nothing_to_change")),
                        size="1",
                        data_testid="import-nothing",
                    ),
                ),
                width="100%",
            ),
            width="100%",
        ),
    )


def _progress() -> rx.Component:
    return rx.cond(
        S.applying | (S.saved > 0),
        rx.vstack(
            rx.progress(value=S.progress, max=100, width="100%", data_testid="import-progress"),
            rx.text(S.saved, " / ", S.products, size="1", color_scheme="gray"),
            width="100%",
        ),
    )


def _download(file_format: str) -> rx.Component:
    # Asked in an action (audited, a ticket posted): no link (state/admin/downloads.py).
    return rx.button(
        rx.icon("download", size=16),
        t(f"admin.import.format.{file_format}"),
        on_click=S.download_catalog(file_format),
        variant="soft",
        data_testid=f"export-{file_format}",
    )


def _export() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(t("admin.export.title"), size="4", as_="h2"),
            rx.hstack(_download("generic"), _download("shopify")),
        ),
        width="100%",
    )


def catalog_io_page() -> rx.Component:
    return admin_shell(
        "admin.nav.import",
        _upload(),
        _problems(),
        _preview(),
        _progress(),
        _export(),
    )
