"""The page a guest's back-in-stock link opens (state/restock_link.py): the alert's product
and address, a button to confirm it, one to stop it. Each button's outcome takes the focus
(the button goes with it)."""

from __future__ import annotations

import reflex as rx

from components.focus_note import focus_after
from components.i18n import t, t_with
from components.link_confirm import link_confirm_page
from state.restock_link import RestockLinkState as Link

# What a button did, as the focus finds it (only one is drawn at a time).
_OUTCOMES = ", ".join(
    f'[data-testid="restock-link-{name}"]' for name in ("waiting", "done", "error")
)


def restock_link_page() -> rx.Component:
    """/restock/confirm?token=…"""
    # Back in stock and not confirmed: nothing to wait for, so no question (it asked to be
    # told "when it is back" beside "it is back already"; QA); the alert may be forgotten.
    asks = ~Link.confirmed & ~Link.in_stock
    return link_confirm_page(
        "restock.link.title",
        Link.email != "",
        [
            rx.link(Link.product, href=Link.href, data_testid="restock-link-product"),
            rx.cond(
                Link.in_stock,
                rx.callout(
                    t("restock.link.in_stock"),
                    icon="info",
                    color_scheme="green",
                    data_testid="restock-link-in-stock",
                ),
            ),
            rx.cond(
                Link.confirmed,
                rx.callout(
                    t_with("restock.link.waiting", email=Link.email),
                    icon="check",
                    role="status",
                    tab_index=-1,
                    data_testid="restock-link-waiting",
                ),
            ),
            rx.cond(asks, rx.text(t_with("restock.link.question", email=Link.email))),
            rx.hstack(
                rx.cond(
                    asks,
                    rx.button(
                        t("restock.link.confirm"),
                        on_click=Link.confirm,
                        size="3",
                        data_testid="restock-link-confirm",
                    ),
                ),
                rx.button(
                    rx.cond(Link.confirmed, t("restock.account.remove"), t("restock.link.stop")),
                    on_click=Link.stop,
                    size="3",
                    variant="soft",
                    color_scheme="gray",
                    data_testid="restock-link-stop",
                ),
                spacing="3",
                wrap="wrap",
            ),
        ],
        error=Link.error,
        error_id="restock-link-error",
        done=Link.done,
        done_id="restock-link-done",
        back=("nav.home", "/"),
        # The button pressed goes with its outcome: the reader lands on what it did (QA).
        step=focus_after("restock_link_step", Link.steps, _OUTCOMES),
    )
