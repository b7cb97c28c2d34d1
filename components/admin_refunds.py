"""The admin order page's refunds: the form that asks for one (confirmed with the amount
it holds), and the table of those made, with what a refund not given back means."""

from __future__ import annotations

import reflex as rx

from components.admin_badge import named_badge
from components.admin_form import admin_field, in_readers_decimals
from components.admin_refund_confirm import refund_confirm
from components.admin_table import admin_table, table_head
from components.i18n import pick, t, t_with
from components.money import money, shop_date
from components.submit_button import submit_button
from models.orders import REFUND_STATUSES
from state.admin.order_view import RefundRow
from state.admin.orders import AdminOrderState as S

ORDER = S.order


def refund_form() -> rx.Component:
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
                        # What a withdrawal still owes, or all that is left; for staff no
                        # more than what is left of their limit.
                        default=in_readers_decimals(S.refund_default_text),
                        required=True,
                        # Drawn again for each order and amount left: filled only once, the
                        # field could keep the last order's amount.
                        key=ORDER.reference + ":" + in_readers_decimals(S.refund_default_text),
                    ),
                    # The refund's record keeps 200 characters (models/orders.py): no more can
                    # be typed, rather than cut when saved without a word (merchandiser QA).
                    admin_field("admin.order.reason", "reason", S.errors, max_length=200),
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
    return refund_confirm(
        t_with("admin.order.refund_confirm", amount=money(S.refund_asked_minor, ORDER.currency)),
        "admin.order.refund_confirm_body",
        open_when=S.refund_asked_minor > 0,
        dismiss=S.dismiss_refund,
        confirm=S.refund,
        testid="order-refund",
    )


def _refund(refund: RefundRow) -> rx.Component:
    return rx.table.row(
        rx.table.cell(shop_date(refund.created_at)),
        rx.table.cell(money(refund.amount_minor, ORDER.currency)),
        rx.table.cell(named_badge(refund.status, "admin.refund.status", REFUND_STATUSES)),
        rx.table.cell(
            rx.cond(
                refund.made_at_provider,
                t("admin.refund.at_provider"),
                rx.cond(
                    refund.method != "",
                    # Made outside the provider: how, and its reference.
                    rx.text(
                        pick(refund.method_labels),
                        rx.cond(refund.reason != "", " · " + refund.reason, ""),
                        as_="span",
                        data_testid="refund-method",
                    ),
                    rx.cond(
                        refund.reason_labels.contains("en"),
                        pick(refund.reason_labels),
                        refund.reason,
                    ),
                ),
            )
        ),
        rx.table.cell(_refund_note(refund), data_testid="refund-note"),
        data_testid="refund-row",
    )


def _refund_note(refund: RefundRow) -> rx.Component:
    """What a refund not given back means: still on its way, never made, or taken back."""
    return rx.cond(
        refund.reversed,
        rx.text(
            t_with("admin.refund.reversed_note", date=shop_date(refund.failed_at)),
            color_scheme="red",
            size="2",
        ),
        rx.match(
            refund.status,
            ("pending", rx.text(t("admin.refund.pending_note"), color_scheme="gray", size="2")),
            ("failed", rx.text(t("admin.refund.failed_note"), color_scheme="gray", size="2")),
            rx.cond(
                refund.method != "",
                rx.text(t("admin.refund.offline_note"), color_scheme="gray", size="2"),
            ),
        ),
    )


def refunds_table() -> rx.Component:
    """The order's refunds, when it has any: when, how much, where they stand and why."""
    return rx.cond(
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
    )
