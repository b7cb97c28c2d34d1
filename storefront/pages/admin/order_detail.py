"""Admin: one order: lines, amounts, address, payment; ship it, cancel it, refund it."""

from __future__ import annotations

import reflex as rx

from components.admin_badge import named_badge
from components.admin_form import admin_field, confirmed, in_readers_decimals, labelled
from components.admin_shell import admin_shell
from components.admin_table import admin_table, table_head
from components.admin_withdrawals import withdrawal_statements
from components.i18n import named, t, t_with
from components.money import long_date, money
from components.order_documents import credit_note_links, invoice_link
from components.submit_button import submit_button
from models.orders import REFUND_STATUSES
from state.admin.order_view import LineRow, RefundRow
from state.admin.orders import CARRIER_CHOICES, SHIPPING_METHODS
from state.admin.orders import AdminOrderState as S
from storefront.pages.admin.orders import shipped_badge, status_badge

ORDER = S.order


def _line(line: LineRow) -> rx.Component:
    return rx.table.row(
        rx.table.cell(rx.code(line.sku)),
        rx.table.cell(line.title),
        rx.table.cell(line.quantity),
        rx.table.cell(money(line.line_total_minor, ORDER.currency)),
    )


def _amount(key: str, label: str, *, taken_off: bool = False) -> rx.Component:
    """One of the order's amounts; `taken_off` ones (the discount) read as a reduction."""
    amount = money(ORDER.amounts[key], ORDER.currency)
    return rx.hstack(
        rx.text(t(label)),
        rx.spacer(),
        rx.text(rx.cond(ORDER.amounts[key] > 0, "−", ""), amount) if taken_off else rx.text(amount),
        width="100%",
        data_testid=f"order-amount-{key}",
    )


def _refund(refund: RefundRow) -> rx.Component:
    return rx.table.row(
        rx.table.cell(long_date(refund.created_at)),
        rx.table.cell(money(refund.amount_minor, ORDER.currency)),
        rx.table.cell(named_badge(refund.status, "admin.refund.status", REFUND_STATUSES)),
        rx.table.cell(
            rx.cond(refund.made_at_provider, t("admin.refund.at_provider"), refund.reason)
        ),
        rx.table.cell(_refund_note(refund), data_testid="refund-note"),
        data_testid="refund-row",
    )


def _refund_note(refund: RefundRow) -> rx.Component:
    """What a refund not given back means: still on its way, never made, or taken back."""
    return rx.cond(
        refund.reversed,
        rx.text(
            t_with("admin.refund.reversed_note", date=long_date(refund.failed_at)),
            color_scheme="red",
            size="2",
        ),
        rx.match(
            refund.status,
            ("pending", rx.text(t("admin.refund.pending_note"), color_scheme="gray", size="2")),
            ("failed", rx.text(t("admin.refund.failed_note"), color_scheme="gray", size="2")),
            rx.fragment(),
        ),
    )


def _ship() -> rx.Component:
    return rx.card(
        rx.form(
            # What this page says is left to refund: a refund settled since is refused.
            rx.el.input(type="hidden", name="shown_refundable", value=ORDER.refundable_minor),
            rx.el.input(type="hidden", name="ship_key", value=S.ship_key),
            rx.vstack(
                rx.heading(t("admin.order.ship_title"), size="4", as_="h2"),
                rx.hstack(
                    labelled(
                        "admin.order.carrier",
                        rx.el.select(
                            *[
                                rx.el.option(t(f"admin.carrier.{c}"), value=c)
                                for c in CARRIER_CHOICES
                            ],
                            name="carrier",
                            class_name="admin-select",
                            data_testid="field-carrier",
                        ),
                    ),
                    admin_field("admin.order.tracking", "tracking_number", S.errors, required=True),
                    submit_button(t("admin.order.ship"), data_testid="order-ship"),
                    align="end",
                    wrap="wrap",
                ),
            ),
            on_submit=S.fulfil,
            key=S.form_key,
        ),
        width="100%",
    )


def _refund_form() -> rx.Component:
    return rx.card(
        rx.form(
            rx.vstack(
                rx.heading(t("admin.order.refund_title"), size="4", as_="h2"),
                rx.el.input(type="hidden", name="key", value=S.refund_key),
                rx.text(
                    t("admin.order.refundable"),
                    " ",
                    money(ORDER.refundable_minor, ORDER.currency),
                    size="2",
                ),
                # Staff see their limit before they ask, not in the refusal after confirming.
                rx.cond(
                    S.refund_limit_minor >= 0,
                    rx.text(
                        t_with(
                            "admin.order.refund_limit",
                            limit=money(S.refund_limit_minor, ORDER.currency),
                            left=money(S.refund_limit_left_minor, ORDER.currency),
                        ),
                        size="2",
                        color_scheme="gray",
                        data_testid="order-refund-limit",
                    ),
                ),
                rx.hstack(
                    admin_field(
                        "admin.order.amount",
                        "amount",
                        S.errors,
                        # All that is left, or for staff what is left of their limit.
                        default=in_readers_decimals(S.refund_default_text),
                        required=True,
                        # Drawn again for each order and amount left: filled only once, the
                        # field could keep the last order's amount.
                        key=ORDER.reference + ":" + in_readers_decimals(S.refund_default_text),
                    ),
                    admin_field("admin.order.reason", "reason", S.errors),
                    submit_button(
                        t("admin.order.refund"),
                        color_scheme="orange",
                        high_contrast=True,  # white on orange-9 reads at 2.9:1
                        data_testid="order-refund",
                    ),
                    align="end",
                    wrap="wrap",
                ),
            ),
            on_submit=S.ask_refund,
            key=S.form_key,
        ),
        _refund_confirm(),
        width="100%",
    )


def _refund_confirm() -> rx.Component:
    """Asks with the amount the form holds, read by the server: a merchant who meant to
    refund part of the order sees the whole amount still in the field before it goes."""
    return rx.alert_dialog.root(
        rx.alert_dialog.content(
            rx.alert_dialog.title(
                t_with(
                    "admin.order.refund_confirm", amount=money(S.refund_asked_minor, ORDER.currency)
                ),
                data_testid="order-refund-question",
            ),
            rx.alert_dialog.description(t("admin.order.refund_confirm_body")),
            rx.hstack(
                rx.alert_dialog.cancel(
                    rx.button(t("admin.cancel"), variant="soft", on_click=S.dismiss_refund)
                ),
                rx.alert_dialog.action(
                    rx.button(
                        t("admin.confirm"),
                        color_scheme="orange",
                        # White on orange-9 reads at 2.9:1 (axe color-contrast); orange-12's
                        # dark brown still says it is the refund's button.
                        high_contrast=True,
                        on_click=S.refund,
                        data_testid="order-refund-confirm",
                    )
                ),
                justify="end",
            ),
        ),
        open=S.refund_asked_minor > 0,
    )


def _cancel() -> rx.Component:
    return confirmed(
        rx.button(
            t("admin.order.cancel"), color_scheme="red", variant="soft", data_testid="order-cancel"
        ),
        "admin.order.cancel_confirm",
        rx.button(
            t("admin.confirm"),
            color_scheme="red",
            high_contrast=True,  # white on red-9 reads at 3.9:1, under WCAG's 4.5
            on_click=S.cancel,
            data_testid="order-cancel-confirm",
        ),
    )


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
            t("admin.confirm"),
            color_scheme="amber",
            high_contrast=True,
            on_click=S.release_cancel,
            data_testid="order-release-cancel-confirm",
        ),
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
            status_badge(ORDER.status),
            shipped_badge(ORDER.status, ORDER.shipped_at != ""),
            rx.cond(
                ORDER.canceled_by_customer,
                rx.badge(
                    t("admin.order.canceled_by_customer"),
                    color_scheme="gray",
                    data_testid="order-customer-cancel",
                ),
            ),
            rx.cond(
                ORDER.customer_canceling,
                rx.badge(
                    t("admin.order.customer_canceling"),
                    color_scheme="amber",
                    data_testid="order-customer-canceling",
                ),
            ),
            rx.text(long_date(ORDER.created_at), color_scheme="gray", white_space="nowrap"),
            invoice_link(S.invoice_url, ORDER.invoice_number),
            credit_note_links(S.credit_note_links),
            align="center",
            # On a phone the date and documents go to a line of their own rather than
            # squeeze into columns (the invoice number was broken in two).
            wrap="wrap",
            class_name="admin-order-heading",
        ),
        _alert(ORDER.stock_short, "admin.order.stock_short", "order-stock-short"),
        _alert(ORDER.refund_reversed, "admin.order.refund_reversed", "order-refund-reversed"),
        _alert(ORDER.cancel_released, "admin.order.cancel_released", "order-cancel-released"),
        withdrawal_statements(),
        rx.grid(
            rx.card(
                rx.vstack(
                    admin_table(rx.table.body(rx.foreach(ORDER.lines, _line)), width="100%"),
                    _amount("subtotal", "checkout.subtotal"),
                    _amount("discount", "checkout.discount", taken_off=True),
                    _amount("shipping", "checkout.shipping"),
                    _amount("total", "checkout.total"),
                    _amount("vat", "admin.order.vat"),
                    _amount("refunded", "admin.orders.refunded"),
                    width="100%",
                ),
            ),
            rx.card(
                rx.vstack(
                    rx.text(ORDER.email, weight="medium"),
                    rx.foreach(ORDER.address, rx.text),
                    rx.text(
                        t("admin.order.method"),
                        " ",
                        named(ORDER.shipping_method, "order.method", SHIPPING_METHODS),
                        data_testid="order-method",
                    ),
                    rx.cond(
                        ORDER.discount_code != "",
                        rx.text(t("checkout.discount"), " ", rx.code(ORDER.discount_code)),
                    ),
                    rx.cond(
                        ORDER.tracking_number != "",
                        rx.text(
                            t("admin.order.shipped_on"),
                            " ",
                            long_date(ORDER.shipped_at),
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
        rx.cond(ORDER.can_fulfil, _ship()),
        rx.cond(
            ORDER.tracking_number != "",
            rx.form(
                rx.el.input(type="hidden", name="resend_key", value=S.resend_key),
                submit_button(t("admin.order.resend"), variant="soft", data_testid="resend-mail"),
                on_submit=S.resend_mail,
            ),
        ),
        rx.cond(ORDER.customer_canceling, _release_cancel()),
        rx.cond((ORDER.refundable_minor > 0) & ~ORDER.customer_canceling, _refund_form()),
        rx.cond(
            ORDER.refunds.length() > 0,
            admin_table(
                table_head(
                    "admin.refund.when",
                    "admin.refund.amount",
                    "admin.refund.state",
                    "admin.refund.reason",
                    "admin.refund.note",
                ),
                rx.table.body(rx.foreach(ORDER.refunds, _refund)),
                width="100%",
                data_testid="refunds",
            ),
        ),
        rx.cond(ORDER.can_cancel, _cancel()),
        spacing="4",
        width="100%",
    )


def order_detail_page() -> rx.Component:
    return admin_shell(
        "admin.order.title",
        rx.link(t("admin.order.back"), href="/admin/orders"),
        rx.cond(S.missing, rx.text(t("admin.order.error.not_found")), _order()),
    )
