"""Admin: the audit log of every admin action, newest first."""

from __future__ import annotations

import reflex as rx

from components.admin_form import stepper
from components.admin_shell import admin_shell
from components.admin_table import admin_table, table_head
from components.i18n import t
from components.money import date_time
from components.submit_button import submit_button
from state.admin.audit import AdminAuditState as S
from state.admin.audit import AuditItem


def _entry(entry: AuditItem) -> rx.Component:
    return rx.table.row(
        rx.table.cell(date_time(entry.at), white_space="nowrap"),
        rx.table.cell(entry.actor),
        rx.table.cell(rx.code(entry.action)),
        rx.table.cell(entry.subject),
        rx.table.cell(
            rx.code(entry.before, size="1", white_space="pre-wrap", word_break="break-all")
        ),
        rx.table.cell(
            rx.code(entry.after, size="1", white_space="pre-wrap", word_break="break-all")
        ),
        data_testid="audit-entry",
    )


def audit_page() -> rx.Component:
    return admin_shell(
        "admin.nav.audit",
        rx.form(
            rx.hstack(
                rx.input(
                    name="subject",
                    placeholder="product:12, order:, discount:",
                    aria_label=t("admin.audit.subject"),
                    # The filter in use, also once the state arrives after a page load.
                    default_value=S.subject,
                    key=f"subject:{S.subject}",
                ),
                submit_button(t("admin.filter")),
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
        ),
        stepper(S.page, S.pages, S.go),
    )
