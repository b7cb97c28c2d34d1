"""Admin: the audit log of every admin action, newest first."""

from __future__ import annotations

import reflex as rx

from components.admin_form import labelled, stepper
from components.admin_shell import admin_shell
from components.admin_table import admin_table, table_head
from components.i18n import pick, t
from components.money import shop_date_time
from components.submit_button import submit_button
from state.admin.audit import AdminAuditState as S
from state.admin.audit import AuditItem


def _entry(entry: AuditItem) -> rx.Component:
    return rx.table.row(
        rx.table.cell(shop_date_time(entry.at), white_space="nowrap"),
        rx.table.cell(entry.actor),
        rx.table.cell(
            rx.text(pick(entry.action_labels), size="2"),
            rx.code(entry.action, size="1", color_scheme="gray"),
            data_testid="audit-action",
        ),
        rx.table.cell(entry.subject),
        _values(entry.before, "audit-before"),
        _values(entry.after, "audit-after"),
        data_testid="audit-entry",
    )


def _values(text: rx.Var[str], testid: str) -> rx.Component:
    """The values before or after, or a dash when there were none (a creation's before).
    At least 14em wide: on a phone the table scrolls sideways rather than squeeze them a
    letter a line."""
    return rx.table.cell(
        rx.cond(
            text != "",
            rx.code(text, size="1", white_space="pre-wrap", word_break="break-all"),
            rx.text("—", color_scheme="gray"),
        ),
        min_width="14em",
        data_testid=testid,
    )


def audit_page() -> rx.Component:
    return admin_shell(
        "admin.nav.audit",
        rx.form(
            rx.hstack(
                labelled(
                    "admin.audit.filter",
                    rx.input(
                        name="subject",
                        placeholder="product:12",
                        # The filter in use, also once the state arrives after a page load.
                        default_value=S.subject,
                        key=f"subject:{S.subject}",
                        data_testid="audit-subject",
                    ),
                ),
                submit_button(t("admin.filter")),
                align="end",
                wrap="wrap",
            ),
            on_submit=S.filter,
        ),
        admin_table(
            table_head(
                "admin.audit.at",
                "admin.audit.actor",
                "admin.audit.action",
                "admin.audit.subject",
                "admin.audit.before",
                "admin.audit.after",
            ),
            rx.table.body(rx.foreach(S.entries, _entry)),
            width="100%",
            long_list=True,
        ),
        stepper(S.page, S.pages, S.go),
    )
