"""The admin order page's record of a refund made outside the payment provider: the amount,
how it went back and its reference, confirmed with the amount and method the server read.
Shown with the refund form, wherever that is (a refund owed after a failed one first of all:
the card is closed and the merchant pays by transfer, cheque or cash)."""

from __future__ import annotations

import reflex as rx

from components.admin_form import admin_field, admin_select, in_readers_decimals
from components.admin_refund_confirm import refund_confirm
from components.i18n import pick, t, t_with
from components.money import money
from components.submit_button import submit_button
from state.admin.order_offline_refund import AdminOfflineRefundState as F
from state.admin.orders import AdminOrderState as S
from storefront.services.orders.offline_refunds import OFFLINE_METHODS

ORDER = S.order
METHODS = [("", "admin.offline_refund.method_choose")] + [
    (method, f"admin.offline_refund.method.{method}") for method in OFFLINE_METHODS
]


def offline_refund_form() -> rx.Component:
    return rx.card(
        rx.form(
            rx.vstack(
                rx.heading(t("admin.offline_refund.title"), size="4", as_="h2"),
                rx.text(t("admin.offline_refund.intro"), size="2", color_scheme="gray"),
                # The refund form's key: a double submit of this form records once.
                rx.el.input(type="hidden", name="key", value=S.refund_key),
                rx.hstack(
                    # Named apart from the refund form's fields, on the same page.
                    admin_field(
                        "admin.order.amount",
                        "offline_amount",
                        F.errors,
                        default=in_readers_decimals(S.refund_default_text),
                        required=True,
                        key=ORDER.reference + ":" + in_readers_decimals(S.refund_default_text),
                    ),
                    admin_select(
                        "admin.offline_refund.method", "offline_method", METHODS, F.errors
                    ),
                    # Kept in the refund's reason (200 characters): no more can be typed.
                    admin_field(
                        "admin.offline_refund.reference",
                        "offline_reference",
                        F.errors,
                        max_length=200,
                    ),
                    submit_button(
                        t("admin.offline_refund.record"),
                        variant="soft",
                        color_scheme="orange",
                        data_testid="order-offline-refund",
                    ),
                    align="end",
                    wrap="wrap",
                ),
            ),
            on_submit=F.ask,
            key=S.form_key.to(str) + "-" + F.form_key.to(str),
        ),
        _confirm(),
        width="100%",
        data_testid="order-offline-refund-form",
    )


def _confirm() -> rx.Component:
    """Asks with the amount and method the form holds, read by the server."""
    return refund_confirm(
        t_with(
            "admin.offline_refund.confirm",
            amount=money(F.asked_minor, ORDER.currency),
            method=pick(F.asked_method_labels),
        ),
        "admin.offline_refund.confirm_body",
        open_when=(F.asked_minor > 0) & (F.asked_order == ORDER.id),
        dismiss=F.dismiss,
        confirm=F.record,
        testid="order-offline-refund",
    )
