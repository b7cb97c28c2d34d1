"""The question the admin order page's refund forms ask before anything goes back (a refund
through the payment provider, one recorded as made outside it): open while the server holds
what was asked, with the amount it read, Cancel forgetting it and Confirm acting on it."""

from __future__ import annotations

from typing import Any

import reflex as rx

from components.i18n import t


def refund_confirm(
    question: Any,
    body_key: str,
    *,
    open_when: Any,
    dismiss: Any,
    confirm: Any,
    testid: str,
) -> rx.Component:
    """`question` is the dialog's title (its amount, read by the server), `body_key` the
    message below it; `dismiss` and `confirm` are the handlers of Cancel and Confirm, and
    `testid` names the title `<testid>-question` and Confirm `<testid>-confirm`."""
    return rx.alert_dialog.root(
        rx.alert_dialog.content(
            rx.alert_dialog.title(question, data_testid=f"{testid}-question"),
            rx.alert_dialog.description(t(body_key)),
            rx.hstack(
                rx.alert_dialog.cancel(
                    rx.button(t("admin.cancel"), variant="soft", on_click=dismiss)
                ),
                rx.alert_dialog.action(
                    rx.button(
                        t("admin.confirm"),
                        color_scheme="orange",
                        # White on orange-9 reads at 2.9:1 (axe color-contrast); orange-12's
                        # dark brown still says it is a refund's button.
                        high_contrast=True,
                        on_click=confirm,
                        data_testid=f"{testid}-confirm",
                    )
                ),
                justify="end",
            ),
        ),
        open=open_when,
    )
