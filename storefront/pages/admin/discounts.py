"""Admin: discount codes with their use counts; create, edit, expire, switch off and on."""

from __future__ import annotations

import reflex as rx

from components.admin_badge import named_badge
from components.admin_form import (
    admin_field,
    admin_select,
    confirmed,
    in_readers_decimals,
    stepper,
)
from components.admin_shell import admin_shell
from components.admin_table import admin_table, table_head
from components.i18n import pick, t, t_with
from components.money import long_day, money
from components.submit_button import submit_button
from state.admin.discounts import AdminDiscountsState as S
from state.admin.discounts import DiscountItem
from storefront.services.admin.discounts import STATUSES

KINDS = [("percent", "admin.discount.percent"), ("fixed", "admin.discount.fixed")]


def _named(key: str, code: rx.Var[str]) -> rx.Var[str]:
    """A row's action with its code: "Switch off SUMMER-10"."""
    return t(key).to(str) + " " + code.to(str)


def _value(item: DiscountItem) -> rx.Component:
    return rx.cond(
        item.kind == "percent",
        rx.text(item.value, t("punct.percent")),
        rx.text(money(item.value, S.currency)),
    )


def _row(item: DiscountItem) -> rx.Component:
    return rx.table.row(
        rx.table.cell(rx.code(item.code)),
        rx.table.cell(_value(item)),
        rx.table.cell(money(item.minimum_minor, S.currency)),
        rx.table.cell(
            rx.cond(
                pick(item.expired_time) != "",
                t_with(
                    "admin.discount.expired_on",
                    day=long_day(item.expires),
                    time=pick(item.expired_time),
                ),
                long_day(item.expires),
            ),
            data_testid="discount-expires",
        ),
        rx.table.cell(
            item.used,
            rx.cond(item.limit != "", rx.text.span(" / ", item.limit)),
            rx.cond(
                item.awaiting > 0,
                rx.text(
                    t_with("admin.discount.awaiting", count=item.awaiting.to_string()),
                    size="1",
                    color_scheme="gray",
                    data_testid="discount-awaiting",
                ),
            ),
        ),
        rx.table.cell(
            named_badge(
                item.status, "admin.discount.status", STATUSES, data_testid="discount-status"
            )
        ),
        rx.table.cell(
            rx.hstack(
                # Each action names its code, for a list of the page's buttons (QA).
                rx.button(
                    t("admin.edit"),
                    size="1",
                    variant="soft",
                    on_click=S.edit(item.code),
                    aria_label=_named("admin.edit", item.code),
                ),
                # Ending a code cannot be undone but by editing its date: asked first, and
                # not offered on a code that has expired already.
                rx.cond(
                    item.status != "expired",
                    confirmed(
                        rx.button(
                            t("admin.discount.expire"),
                            size="1",
                            variant="soft",
                            color_scheme="orange",
                            high_contrast=True,  # orange-11 on its tint read at 3.98:1
                            aria_label=_named("admin.discount.expire", item.code),
                            data_testid=f"expire-{item.code}",
                        ),
                        "admin.discount.expire_title",
                        rx.button(
                            t("admin.discount.expire"),
                            color_scheme="orange",
                            high_contrast=True,  # white on orange-9 reads at 2.9:1
                            on_click=S.expire(item.code),
                            data_testid=f"expire-confirm-{item.code}",
                        ),
                        t("admin.discount.expire_body"),
                    ),
                ),
                rx.cond(
                    item.status == "off",
                    rx.button(
                        t("admin.discount.on"),
                        size="1",
                        variant="soft",
                        on_click=S.switch(item.code, True),
                        aria_label=_named("admin.discount.on", item.code),
                    ),
                    rx.button(
                        t("admin.discount.off"),
                        size="1",
                        variant="soft",
                        color_scheme="gray",
                        on_click=S.switch(item.code, False),
                        aria_label=_named("admin.discount.off", item.code),
                    ),
                ),
            )
        ),
        data_testid="discount-row",
    )


def _form() -> rx.Component:
    values = S.form_values
    return rx.card(
        rx.form(
            rx.el.input(type="hidden", name="save_key", value=S.save_key),
            rx.vstack(
                rx.heading(
                    rx.cond(
                        S.editing != "",
                        t("admin.discount.edit_title"),
                        t("admin.discount.new_title"),
                    ),
                    size="4",
                    as_="h2",
                ),
                rx.hstack(
                    admin_field(
                        "admin.discount.code",
                        "code",
                        S.errors,
                        default=values["code"].to(str),
                        read_only=S.editing != "",
                    ),
                    admin_select(
                        "admin.discount.kind",
                        "kind",
                        KINDS,
                        S.errors,
                        default=values["kind"].to(str),
                    ),
                    admin_field(
                        "admin.discount.value",
                        "value",
                        S.errors,
                        default=in_readers_decimals(values["value"]),
                    ),
                    admin_field(
                        "admin.discount.minimum",
                        "minimum",
                        S.errors,
                        default=in_readers_decimals(values["minimum"]),
                    ),
                    admin_field(
                        "admin.discount.expires",
                        "expires",
                        S.errors,
                        kind="date",
                        default=values["expires"].to(str),
                    ),
                    admin_field(
                        "admin.discount.limit", "limit", S.errors, default=values["limit"].to(str)
                    ),
                    wrap="wrap",
                    align="start",
                ),
                rx.hstack(
                    submit_button(t("admin.save"), data_testid="discount-save"),
                    rx.button(
                        t("admin.discount.new_title"), type="button", variant="soft", on_click=S.new
                    ),
                ),
            ),
            on_submit=S.save,
            key=S.form_key,
        ),
        width="100%",
    )


def discounts_page() -> rx.Component:
    return admin_shell(
        "admin.nav.discounts",
        _form(),
        admin_table(
            table_head(
                "admin.discount.code",
                "admin.discount.value",
                "admin.discount.minimum",
                "admin.discount.expires",
                "admin.discount.used",
                "admin.status",
                "admin.actions",
            ),
            rx.table.body(rx.foreach(S.items, _row)),
            width="100%",
        ),
        rx.cond(
            S.loaded & (S.items.length() == 0),
            rx.text(t("admin.discount.none"), size="2", data_testid="discounts-empty"),
        ),
        stepper(S.page, S.pages, S.go),
    )
