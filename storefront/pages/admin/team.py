"""Admin: the team (admins only): staff and admin roles, granted and revoked by email."""

from __future__ import annotations

import reflex as rx

from components.admin_badge import named_badge
from components.admin_form import admin_field, admin_select
from components.admin_shell import admin_shell
from components.admin_table import admin_table, table_head
from components.i18n import t
from components.submit_button import submit_button
from models.admin import Role
from state.admin.team import AdminTeamState as S
from state.admin.team import MemberItem

ROLES = [
    ("staff", "admin.role.staff"),
    ("admin", "admin.role.admin"),
    ("shopper", "admin.role.shopper"),
]


def _member(member: MemberItem) -> rx.Component:
    return rx.table.row(
        rx.table.cell(member.email),
        rx.table.cell(member.name),
        rx.table.cell(named_badge(member.role, "admin.role", Role)),
        data_testid="team-member",
    )


def team_page() -> rx.Component:
    return admin_shell(
        "admin.nav.team",
        rx.card(
            rx.form(
                rx.hstack(
                    admin_field("admin.team.email", "email", S.errors, kind="email", required=True),
                    admin_select("admin.team.role", "role", ROLES, S.errors),
                    submit_button(t("admin.save"), data_testid="team-save"),
                    align="end",
                    wrap="wrap",
                ),
                on_submit=S.set_role,
                key=S.form_key,
            ),
            width="100%",
        ),
        rx.text(t("admin.team.help"), size="2", color_scheme="gray"),
        admin_table(
            table_head("admin.team.email", "admin.team.name", "admin.team.role"),
            rx.table.body(rx.foreach(S.members, _member)),
            width="100%",
        ),
    )
