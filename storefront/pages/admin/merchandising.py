"""Admin: merchandising with embeddings: near-duplicate products, thin descriptions, and for
each search that found nothing, the products nearest in meaning."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx

from components.admin_badge import named_badge, tinted_badge
from components.admin_form import labelled
from components.admin_shell import admin_shell
from components.admin_table import admin_table, table_head
from components.i18n import t
from components.submit_button import submit_button
from models.catalog import ProductStatus
from state.admin.merchandising import AdminMerchandisingState as S
from state.admin.merchandising import FixItem, PairItem, ThinItem


def _pair(pair: PairItem) -> rx.Component:
    return rx.table.row(
        rx.table.cell(rx.link(pair.a_title, href=f"/admin/products/{pair.a_id}")),
        rx.table.cell(rx.link(pair.b_title, href=f"/admin/products/{pair.b_id}")),
        rx.table.cell(pair.similarity, t("punct.percent")),
        rx.table.cell(rx.cond(pair.same_title, tinted_badge(t("admin.merch.same_title")), "")),
        data_testid="duplicate-pair",
    )


def _thin(item: ThinItem) -> rx.Component:
    return rx.table.row(
        rx.table.cell(rx.link(item.title, href=f"/admin/products/{item.product_id}")),
        rx.table.cell(named_badge(item.status, "admin.product.status", ProductStatus)),
        rx.table.cell(item.words),
        rx.table.cell(
            rx.match(
                item.reason,
                ("missing", t("admin.merch.missing")),
                ("same_as_title", t("admin.merch.same_as_title")),
                t("admin.merch.short"),
            )
        ),
        data_testid="thin-description",
    )


def _fix(fix: FixItem) -> rx.Component:
    return rx.table.row(
        rx.table.cell(rx.code(fix.query)),
        rx.table.cell(
            rx.vstack(
                rx.foreach(
                    fix.products,
                    lambda p: rx.link(
                        p[1],
                        " (",
                        p[2],
                        t("punct.percent"),
                        ")",
                        href=f"/admin/products/{p[0]}",
                        size="2",
                    ),
                ),
                spacing="1",
            )
        ),
        rx.table.cell(rx.text(t("admin.merch.add_words"), " ", rx.code(fix.words), size="1")),
        data_testid="query-fix",
    )


def _table(
    items: Any, row: Callable[[Any], rx.Component], headers: tuple[str, ...], **props: Any
) -> rx.Component:
    """A table of `items` under its column headers (none while it has no row: a header alone
    would be a table of nothing)."""
    return rx.cond(
        items.length() > 0,
        admin_table(
            table_head(*headers), rx.table.body(rx.foreach(items, row)), width="100%", **props
        ),
    )


def _section(title_key: str, help_key: str, *children: rx.Component) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(t(title_key), size="4", as_="h2"),
            rx.text(t(help_key), size="2", color_scheme="gray"),
            *children,
            width="100%",
        ),
        width="100%",
    )


def merchandising_page() -> rx.Component:
    return admin_shell(
        "admin.nav.merchandising",
        rx.cond(~S.index_ready, rx.callout(t("admin.merch.index_loading"), icon="hourglass")),
        _section(
            "admin.merch.zero_title",
            "admin.merch.zero_help",
            rx.cond(
                S.index_ready & (S.fixes.length() == 0),
                rx.text(t("admin.merch.nothing"), size="2"),
            ),
            _table(
                S.fixes,
                _fix,
                ("admin.merch.col.search", "admin.merch.col.nearest", "admin.merch.col.fix"),
            ),
        ),
        _section(
            "admin.merch.duplicates_title",
            "admin.merch.duplicates_help",
            rx.form(
                rx.hstack(
                    labelled(
                        "admin.merch.threshold",
                        rx.input(
                            name="threshold",
                            type="number",
                            min=50,
                            max=100,
                            default_value="95",
                            width="6em",
                            data_testid="field-threshold",
                        ),
                    ),
                    submit_button(
                        t("admin.merch.find"), loading=S.finding, data_testid="find-duplicates"
                    ),
                    align="end",
                ),
                on_submit=S.find_duplicates,
            ),
            rx.cond(
                S.searched & (S.pairs.length() == 0),
                rx.text(t("admin.merch.no_duplicates"), size="2"),
            ),
            rx.cond(
                S.pairs_found > S.pairs.length(),
                rx.text(
                    t("admin.merch.closest_of"),
                    " ",
                    S.pairs.length(),
                    " / ",
                    S.pairs_found,
                    ". ",
                    t("admin.merch.raise_threshold"),
                    size="2",
                    data_testid="duplicates-capped",
                ),
            ),
            _table(
                S.pairs,
                _pair,
                (
                    "admin.merch.col.product",
                    "admin.merch.col.twin",
                    "admin.merch.col.similarity",
                    "admin.merch.col.note",
                ),
            ),
        ),
        _section(
            "admin.merch.thin_title",
            "admin.merch.thin_help",
            rx.cond(S.thin.length() == 0, rx.text(t("admin.merch.nothing"), size="2")),
            _table(
                S.thin,
                _thin,
                (
                    "admin.merch.col.product",
                    "admin.merch.col.status",
                    "admin.merch.col.words",
                    "admin.merch.col.problem",
                ),
                size="1",
            ),
        ),
    )
