"""The order page: what was bought, where it goes, what was paid."""

from __future__ import annotations

import reflex as rx

from components.amounts import amounts_table
from components.catalog_text import catalog_lang, catalog_span
from components.i18n import pick, t, t_with
from components.layout import page_shell
from components.link_button import link_button
from components.money import date_time, long_date, money
from components.not_found import not_found_view
from components.order_buy_again import order_buy_again
from components.order_cancel import order_cancel
from components.order_documents import credit_note_links, invoice_link, reversal_invoice_links
from components.order_history import ORDERS_ANCHOR
from components.order_withdrawal import order_withdrawal
from state.order import OrderLineItem, OrderState
from state.order_withdrawal import OrderWithdrawalState as W
from storefront.services.inventory import HOLD_MINUTES


def _line(line: OrderLineItem) -> rx.Component:
    return rx.hstack(
        rx.vstack(
            rx.text(
                line.quantity,
                " × ",
                # Its product's page, to buy it again or see it (QA); plain once it is no
                # longer on sale (its page would say "not found").
                rx.cond(
                    line.href != "",
                    rx.link(
                        catalog_span(line.title),
                        href=line.href,
                        data_testid="order-line-link",
                    ),
                    catalog_span(line.title),
                ),
                class_name="long-words",
            ),
            rx.cond(
                line.options != "",
                rx.text(
                    line.options,
                    size="1",
                    color_scheme="gray",
                    lang=catalog_lang(),
                    data_testid="order-options",
                ),
            ),
            spacing="1",
        ),
        rx.spacer(),
        rx.text(money(line.line_total_minor, OrderState.amounts.currency)),
        width="100%",
        data_testid="order-line",
    )


def _order() -> rx.Component:
    return rx.vstack(
        rx.cond(
            OrderState.owned,
            rx.link(
                t("order.back_to_orders"),
                href=f"/account#{ORDERS_ANCHOR}",
                size="2",
                class_name="tap-line",
                data_testid="order-back-to-orders",
            ),
        ),
        rx.heading(
            rx.cond(
                OrderState.just_placed,
                t("order.title"),
                t_with("order.heading", reference=OrderState.reference),
            ),
            size="7",
            as_="h1",
            data_testid="order-heading",
        ),
        rx.text(t("order.reference"), " ", rx.code(OrderState.reference, data_testid="order-ref")),
        rx.text(t("order.placed"), " ", long_date(OrderState.placed_at), color_scheme="gray"),
        rx.hstack(
            rx.badge(
                pick(OrderState.status_labels),
                size="3",
                high_contrast=True,  # as the account's list of orders (order_history.py)
                data_testid="order-status",
            ),
            # Its withdrawal, which the status ("Shipped") does not say (QA).
            rx.cond(
                (W.about == OrderState.reference) & (W.mark.length() > 0),
                rx.badge(
                    pick(W.mark),
                    size="3",
                    color_scheme="orange",
                    high_contrast=True,
                    data_testid="order-withdrawal",
                ),
            ),
            spacing="2",
            wrap="wrap",
        ),
        order_cancel(),
        order_withdrawal(OrderState.reference),
        invoice_link(OrderState.invoice_url),
        credit_note_links(OrderState.credit_notes),
        reversal_invoice_links(OrderState.reversal_invoices),
        rx.cond(
            OrderState.shipped_at != "",
            rx.text(
                t("order.shipped_on"),
                " ",
                long_date(OrderState.shipped_at),
                ", ",
                pick(OrderState.carrier_labels),
                ". ",
                t("order.tracking"),
                " ",
                rx.cond(
                    OrderState.tracking_href != "",
                    rx.link(
                        rx.code(OrderState.tracking_number),
                        href=OrderState.tracking_href,
                        is_external=True,
                        rel="noopener noreferrer",
                        data_testid="order-tracking-link",
                    ),
                    rx.code(OrderState.tracking_number),
                ),
                data_testid="order-shipment",
            ),
        ),
        rx.cond(
            OrderState.authentication_left,
            rx.callout(
                rx.el.span(  # the callout's text is a paragraph already
                    t_with("order.authentication_left", minutes=str(HOLD_MINUTES)),
                    " ",
                    rx.link(t("order.to_checkout"), href="/checkout"),
                ),
                icon="info",
                data_testid="order-authentication-left",
            ),
        ),
        rx.cond(
            OrderState.declined,
            rx.callout(
                rx.el.span(
                    t_with("order.declined", time=date_time(OrderState.cancels_at)),
                    " ",
                    rx.link(t("order.to_checkout"), href="/checkout"),
                ),
                icon="info",
                data_testid="order-declined",
            ),
        ),
        rx.cond(
            OrderState.waiting,
            rx.callout(t("order.waiting"), icon="clock", data_testid="order-waiting"),
            rx.cond(
                OrderState.confirmed,
                rx.cond(
                    OrderState.mail_sent,
                    rx.text(
                        t_with("order.mail_sent", email=OrderState.email),
                        data_testid="order-mail-sent",
                    ),
                    rx.cond(
                        OrderState.mail_due,
                        rx.text(
                            t_with("order.mail_due", email=OrderState.email),
                            data_testid="order-mail-due",
                        ),
                        rx.text(t("order.mail_missed"), data_testid="order-mail-missed"),
                    ),
                ),
                # It said a confirmation was sent, of an order canceled unpaid (QA).
                rx.cond(
                    OrderState.canceled_unpaid,
                    rx.callout(t("order.canceled_unpaid"), icon="info", data_testid="order-void"),
                ),
            ),
        ),
        order_buy_again(),  # by the lines it adds to the cart again (QA: no way to reorder)
        rx.card(
            rx.vstack(
                rx.foreach(OrderState.lines, _line),
                rx.separator(),
                amounts_table(OrderState.amounts),
                rx.cond(
                    OrderState.refunded_minor > 0,
                    rx.hstack(
                        rx.text(t("order.refunded"), weight="medium"),
                        rx.spacer(),
                        rx.text("−", money(OrderState.refunded_minor, OrderState.amounts.currency)),
                        width="100%",
                        data_testid="order-refunded",
                    ),
                ),
                # Refunds the shop paid another way than the card (a bank transfer...).
                rx.foreach(
                    OrderState.paid_outside,
                    lambda said: rx.text(
                        pick(said), size="2", color_scheme="gray", data_testid="order-paid-outside"
                    ),
                ),
                width="100%",
            ),
            width="100%",
            max_width="640px",
        ),
        rx.heading(t("checkout.address"), size="4", as_="h2"),
        rx.foreach(OrderState.address_lines, rx.text),
        rx.cond(
            OrderState.country_labels.length() > 0,
            rx.text(pick(OrderState.country_labels), data_testid="order-country"),
        ),
        rx.cond(
            OrderState.delivery_labels.length() > 0,
            rx.text(pick(OrderState.delivery_labels), data_testid="order-delivery"),
        ),
        spacing="3",
        align="start",
    )


def _missing() -> rx.Component:
    """No such order, or not this visitor's (which the page does not tell apart, lest it
    tell a stranger which references exist): said as a not-found page, with a way to sign in
    for an owner who is not."""
    return not_found_view(
        "order.not_found",
        "order.not_found_title",
        action=rx.cond(
            OrderState.sign_in_href != "",
            link_button(
                t("account.sign_in"),
                href=OrderState.sign_in_href,
                size="3",
                variant="soft",
                data_testid="order-sign-in",
            ),
        ),
        data_testid="order-missing",
    )


def order_page() -> rx.Component:
    # Until this order has loaded (the browser marks the page unhydrated as a navigation
    # starts), the tab's last order is hidden: a second order's confirmation showed the first
    # one's reference and lines for a moment.
    ready = rx.State.is_hydrated
    return page_shell(
        rx.cond(
            ready & OrderState.found,
            _order(),
            rx.cond(
                ready & OrderState.loaded,
                _missing(),
                rx.center(rx.spinner(size="3"), padding="4em"),
            ),
        )
    )
