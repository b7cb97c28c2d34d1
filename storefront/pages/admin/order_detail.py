"""Admin: one order: lines, amounts, address, payment; ship it, cancel it, refund it."""

from __future__ import annotations

from typing import Any

import reflex as rx

from components.admin_form import confirmed
from components.admin_offline_refund import offline_refund_form
from components.admin_refunds import refund_form, refunds_table
from components.admin_shell import admin_shell, back_link
from components.admin_shipping import resend_mail, ship_form
from components.admin_table import admin_table
from components.admin_withdrawals import withdrawal_statements
from components.amounts import amount_row, amounts_table
from components.i18n import named, pick, t, t_with
from components.money import money, shop_date
from components.order_documents import credit_note_links, invoice_link, reversal_invoice_links
from state.admin.order_view import LineRow
from state.admin.orders import CARRIER_CHOICES, SHIPPING_METHODS
from state.admin.orders import AdminOrderState as S
from storefront.pages.admin.orders import shipped_badge, status_badge

ORDER = S.order


def _line(line: LineRow) -> rx.Component:
    return rx.table.row(
        # A SKU is one word: never broken across lines, whatever the width.
        rx.table.cell(rx.code(line.sku, white_space="nowrap")),
        rx.table.cell(
            line.title,
            rx.cond(
                line.options != "",
                rx.text(line.options, size="1", color_scheme="gray", data_testid="line-options"),
            ),
        ),
        rx.table.cell(
            line.quantity, " × ", money(line.unit_price_minor, ORDER.currency), white_space="nowrap"
        ),
        rx.table.cell(money(line.line_total_minor, ORDER.currency)),
    )


def _amounts() -> rx.Component:
    """As checkout, the shopper's order page and mail write them, then what was refunded."""
    return rx.fragment(
        amounts_table(ORDER.amounts),
        rx.cond(
            ORDER.refunded_minor > 0,
            amount_row(
                rx.text(t("admin.orders.refunded")),
                rx.text(money(ORDER.refunded_minor, ORDER.currency)),
                "order-amount-refunded",
            ),
        ),
    )


def _cancel(
    label: str, question: str, suffix: str, action: rx.EventHandler, *said: Any
) -> rx.Component:
    """The cancel button (unpaid: `admin.order.cancel`; paid: refunded in full first),
    confirmed first, the dialog saying `said`; its test ids `order-cancel{suffix}`."""
    testid = f"order-cancel{suffix}"
    return confirmed(
        rx.button(t(label), color_scheme="red", variant="soft", data_testid=testid),
        question,
        rx.button(
            t(label),
            color_scheme="red",
            high_contrast=True,  # white on red-9 reads at 3.9:1, under WCAG's 4.5
            on_click=action,
            data_testid=f"{testid}-confirm",
        ),
        *said,
        keep_key="admin.order.keep",
    )


def _badge(showing: rx.Var[bool], key: str, color: str, testid: str) -> rx.Component:
    return rx.cond(showing, rx.badge(t(key), color_scheme=color, data_testid=testid))


def _release_cancel() -> rx.Component:
    return confirmed(
        rx.button(
            t("admin.order.release_cancel"),
            color_scheme="amber",
            variant="soft",
            data_testid="order-release-cancel",
        ),
        "admin.order.release_cancel_confirm",
        rx.button(
            t("admin.order.release_cancel"),
            color_scheme="amber",
            high_contrast=True,
            on_click=S.release_cancel,
            data_testid="order-release-cancel-confirm",
        ),
        keep_key="admin.dialog.back",
    )


def _alert(showing: rx.Var[bool], key: str, testid: str) -> rx.Component:
    """A red callout over the order, while `showing`: something the merchant must act on."""
    return rx.cond(
        showing,
        rx.callout(t(key), icon="triangle-alert", color_scheme="red", data_testid=testid),
    )


def _order() -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.heading(ORDER.reference, size="5", as_="h2", data_testid="order-reference"),
            # A cancel's own badge says who canceled it: "Canceled" beside it said it twice.
            rx.cond(
                ORDER.canceled_by_customer | ORDER.canceled_by_shop,
                rx.fragment(),
                status_badge(ORDER.status),
            ),
            shipped_badge(ORDER.status, ORDER.shipped_at != ""),
            _badge(
                ORDER.canceled_by_customer,
                "admin.order.canceled_by_customer",
                "gray",
                "order-customer-cancel",
            ),
            _badge(
                ORDER.customer_canceling,
                "admin.order.customer_canceling",
                "amber",
                "order-customer-canceling",
            ),
            _badge(
                ORDER.canceled_by_shop, "admin.order.canceled_by_shop", "gray", "order-shop-cancel"
            ),
            _badge(
                ORDER.shop_canceling, "admin.order.shop_canceling", "amber", "order-shop-canceling"
            ),
            rx.text(shop_date(ORDER.created_at), color_scheme="gray", white_space="nowrap"),
            invoice_link(S.invoice_url, ORDER.invoice_number),
            credit_note_links(S.credit_note_links),
            reversal_invoice_links(S.reversal_invoice_links),
            align="center",
            # On a phone the date and documents go to a line of their own rather than
            # squeeze into columns (the invoice number was broken in two).
            wrap="wrap",
            class_name="admin-order-heading",
        ),
        _alert(ORDER.stock_short, "admin.order.stock_short", "order-stock-short"),
        _alert(ORDER.refund_reversed, "admin.order.refund_reversed", "order-refund-reversed"),
        _alert(ORDER.refund_owed, "admin.order.refund_owed", "order-refund-owed"),
        _alert(ORDER.cancel_released, "admin.order.cancel_released", "order-cancel-released"),
        _alert(
            ORDER.shop_cancel_released,
            "admin.order.shop_cancel_released",
            "order-shop-cancel-released",
        ),
        withdrawal_statements(),
        rx.grid(
            rx.card(
                rx.vstack(
                    admin_table(rx.table.body(rx.foreach(ORDER.lines, _line)), width="100%"),
                    _amounts(),
                    width="100%",
                ),
            ),
            rx.card(
                rx.vstack(
                    rx.text(ORDER.email, weight="medium"),
                    rx.foreach(ORDER.address, rx.text),
                    rx.text(pick(ORDER.country_labels), data_testid="order-country"),
                    rx.text(
                        t("admin.order.method"),
                        " ",
                        named(ORDER.shipping_method, "order.method", SHIPPING_METHODS),
                        data_testid="order-method",
                    ),
                    rx.cond(
                        ORDER.tracking_number != "",
                        rx.text(
                            t("admin.order.shipped_on"),
                            " ",
                            shop_date(ORDER.shipped_at),
                            ", ",
                            named(ORDER.carrier, "admin.carrier", CARRIER_CHOICES),
                            " ",
                            rx.code(ORDER.tracking_number, data_testid="order-tracking"),
                            data_testid="order-shipment",
                        ),
                    ),
                    rx.text(
                        t("admin.order.payment"), " ", rx.code(ORDER.payment_intent_id), size="1"
                    ),
                    rx.cond(
                        ORDER.payment_error != "",
                        rx.text(ORDER.payment_error, color_scheme="red", size="1"),
                    ),
                    spacing="1",
                ),
            ),
            columns=rx.breakpoints(initial="1", md="2"),
            spacing="4",
            width="100%",
        ),
        rx.cond(ORDER.can_fulfil, ship_form()),
        resend_mail(),
        rx.cond(ORDER.customer_canceling, _release_cancel()),
        rx.cond(
            (ORDER.refundable_minor > 0) & ~ORDER.customer_canceling & ~ORDER.shop_canceling,
            # Money paid back outside the provider (a closed card) is recorded beside it.
            rx.fragment(refund_form(), offline_refund_form()),
        ),
        refunds_table(),
        rx.cond(
            ORDER.can_cancel,
            _cancel("admin.order.cancel", "admin.order.cancel_confirm", "", S.cancel),
        ),
        rx.cond(
            ORDER.can_cancel_paid,
            _cancel(
                "admin.order.cancel_paid",
                "admin.order.cancel_paid_confirm",
                "-paid",
                S.cancel_paid,
                # What goes back, and to whom, named where it is confirmed (QA).
                t("admin.order.cancel_paid_refund"),
                " ",
                # What is left: a partial refund before the cancel stays given.
                money(ORDER.amounts.total_minor - ORDER.refunded_minor, ORDER.currency),
                " · ",
                ORDER.reference,
            ),
        ),
        rx.cond(
            ORDER.cancel_needs_admin,
            rx.text(
                t_with(
                    "admin.order.cancel_needs_admin",
                    amount=money(ORDER.amounts.total_minor - ORDER.refunded_minor, ORDER.currency),
                ),
                size="2",
                color_scheme="gray",
                data_testid="order-cancel-needs-admin",
            ),
        ),
        spacing="4",
        width="100%",
    )


def order_detail_page() -> rx.Component:
    return admin_shell(
        "admin.order.title",
        back_link("admin.order.back", "/admin/orders"),
        rx.cond(S.missing, rx.text(t("admin.order.error.not_found")), _order()),
    )
