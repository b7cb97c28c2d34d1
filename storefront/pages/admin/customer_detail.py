"""Admin: one customer: profile, saved addresses, orders, counts; their data to download and
their account to close, at their request, each confirmed first."""

from __future__ import annotations

import reflex as rx

from components.admin_form import admin_field, confirmed
from components.admin_shell import admin_shell, back_link
from components.admin_table import admin_table, table_head
from components.i18n import pick, t
from components.money import money, shop_date
from components.submit_button import submit_button
from state.admin.customer_view import AdminCustomerState as S
from state.admin.customer_view import CustomerOrderItem
from storefront.pages.admin.orders import status_badge

C = S.customer


def _fact(key: str, value: object, testid: str) -> rx.Component:
    return rx.hstack(
        rx.text(t(key), weight="bold", size="2"), rx.text(value, size="2", data_testid=testid)
    )


def _profile() -> rx.Component:
    return rx.vstack(
        rx.heading(C.email, size="4", as_="h2", data_testid="customer-email"),
        rx.text(C.name, data_testid="customer-name"),
        _fact("admin.customers.joined", shop_date(C.joined_at), "customer-joined"),
        # Whether its owner proved the address theirs: until then the shop mails it nothing
        # it did not directly ask for (its back-in-stock alerts wait for a link each).
        _fact(
            "admin.customer.email_confirmed",
            rx.cond(
                C.email_confirmed_at != "",
                shop_date(C.email_confirmed_at),
                t("admin.customer.email_unconfirmed"),
            ),
            "customer-email-confirmed",
        ),
        _fact("admin.customers.paid_orders", C.paid_orders, "customer-paid-orders"),
        _fact("admin.customers.spent", money(C.spent_minor, S.currency), "customer-spent"),
        _fact("admin.customer.wishlist", S.wishlist_count, "customer-wishlist"),
        _fact("admin.customer.alerts", S.alert_count, "customer-alerts"),
        rx.cond(
            S.refused_alert_count > 0,
            _fact(
                "admin.customer.alerts_refused", S.refused_alert_count, "customer-alerts-refused"
            ),
        ),
        spacing="1",
    )


def _addresses() -> rx.Component:
    return rx.vstack(
        rx.heading(t("admin.customer.addresses"), size="3", as_="h2"),
        rx.cond(
            S.addresses.length() > 0,
            rx.el.ul(
                rx.foreach(S.addresses, lambda a: rx.el.li(pick(a), data_testid="customer-address"))
            ),
            rx.text(t("admin.customer.no_addresses"), size="2"),
        ),
        spacing="1",
    )


def _order(order: CustomerOrderItem) -> rx.Component:
    return rx.table.row(
        rx.table.cell(
            rx.link(
                rx.cond(order.reference != "", order.reference, order.id.to(str)),
                href=f"/admin/orders/{order.id}",
                data_testid="customer-order-link",
            )
        ),
        rx.table.cell(shop_date(order.placed_at)),
        rx.table.cell(status_badge(order.status)),
        rx.table.cell(money(order.total_minor, S.currency)),
        rx.table.cell(
            rx.cond(order.refunded_minor > 0, money(order.refunded_minor, S.currency), "")
        ),
        data_testid="customer-order",
    )


def _orders() -> rx.Component:
    return rx.vstack(
        rx.heading(t("admin.customer.orders"), size="3", as_="h2"),
        rx.cond(
            S.orders.length() > 0,
            admin_table(
                table_head(
                    "admin.customer.order",
                    "admin.customer.placed",
                    "admin.status",
                    "admin.customer.total",
                    "admin.customer.refunded",
                ),
                rx.table.body(rx.foreach(S.orders, _order)),
                width="100%",
            ),
            rx.text(t("admin.customer.no_orders"), size="2"),
        ),
        spacing="1",
        width="100%",
    )


def _download() -> rx.Component:
    return confirmed(
        rx.button(t("admin.customer.data"), variant="soft", data_testid="customer-data"),
        "admin.customer.data_confirm",
        rx.button(
            rx.icon("download", size=16),
            t("admin.customer.data_go"),
            on_click=S.download_data,
            data_testid="customer-data-confirm",
        ),
        t("admin.customer.data_help"),
    )


def _close() -> rx.Component:
    return rx.dialog.root(
        rx.dialog.trigger(
            rx.button(
                t("admin.customer.close"),
                color_scheme="red",
                variant="soft",
                # Red-11 on the open trigger's red-a4 reads at 4.2:1, under WCAG's 4.5.
                high_contrast=True,
                data_testid="customer-close",
            )
        ),
        rx.dialog.content(
            rx.dialog.title(t("admin.customer.close_confirm")),
            rx.dialog.description(t("admin.customer.close_help"), size="2"),
            rx.form(
                rx.vstack(
                    rx.el.input(type="hidden", name="close_key", value=S.close_key),
                    admin_field(
                        "admin.customer.confirm_email",
                        "confirm_email",
                        S.errors,
                        kind="email",
                        required=True,
                        auto_complete="off",
                    ),
                    rx.hstack(
                        rx.dialog.close(
                            rx.button(t("admin.cancel"), variant="soft", type="button")
                        ),
                        submit_button(
                            t("admin.customer.close_go"),
                            color_scheme="red",
                            high_contrast=True,
                            data_testid="customer-close-confirm",
                        ),
                        justify="end",
                    ),
                ),
                on_submit=S.close_account,
            ),
        ),
    )


def customer_detail_page() -> rx.Component:
    return admin_shell(
        "admin.customer.title",
        back_link("admin.customer.back", "/admin/customers"),
        rx.cond(
            S.found,
            rx.vstack(
                _profile(),
                _addresses(),
                _orders(),
                rx.heading(t("admin.customer.requests"), size="3", as_="h2"),
                rx.hstack(_download(), _close()),
                spacing="4",
                width="100%",
            ),
        ),
    )
