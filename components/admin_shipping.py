"""The admin order page's shipping: the form that ships the order (carrier and tracking
number), and the button that sends the shipping mail again."""

from __future__ import annotations

import reflex as rx

from components.admin_form import admin_field, labelled
from components.i18n import t
from components.submit_button import submit_button
from state.admin.orders import CARRIER_CHOICES
from state.admin.orders import AdminOrderState as S

ORDER = S.order


def ship_form() -> rx.Component:
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


def resend_mail() -> rx.Component:
    """Once shipped: the shipping mail again, to a customer who lost it."""
    return rx.cond(
        ORDER.tracking_number != "",
        rx.form(
            rx.el.input(type="hidden", name="resend_key", value=S.resend_key),
            submit_button(t("admin.order.resend"), variant="soft", data_testid="resend-mail"),
            on_submit=S.resend_mail,
        ),
    )
