"""Team page (admins only): who has a staff or admin role; grant and revoke roles."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import reflex as rx

from state.admin.guard import AdminState, Errors, admin
from storefront.services.admin.access import Permission, Staff


@dataclass
class MemberItem:
    email: str = ""
    name: str = ""
    role: str = ""


class AdminTeamState(AdminState):
    members: list[MemberItem] = []  # noqa: RUF012
    errors: Errors = {}  # noqa: RUF012
    form_key: int = 0

    @rx.event
    async def load_page(self) -> None:
        staff = await self._staff(Permission.TEAM, opening=True)
        if staff is not None:
            if self.errors:  # the last visit's refusal is not about this one; drawn again only
                self.errors = {}  # then, so that what is typed while the page loads stays
                self.form_key += 1
            await self._show(staff)

    async def _show(self, staff: Staff) -> None:
        found, _ = await self._attempt(admin().team.members, staff)
        self.members = [MemberItem(m.email, m.name, m.role.value) for m in found or []]

    @rx.event
    async def set_role(self, form: dict[str, Any]) -> None:
        staff = await self._staff_for_form(Permission.TEAM, form)
        if staff is None:
            return
        email, role = str(form.get("email", ""))[:254], str(form.get("role", ""))[:16]
        done, self.errors = await self._attempt(admin().team.set_role, staff, email, role)
        if done is None:
            return
        said = "admin.team.saved"
        if done.joined:  # signed out, its password cleared: told how it gets back in
            said = "admin.team.joined" if done.mailed else "admin.team.joined_unmailed"
        await self._tell(said, email=done.email)
        self.form_key += 1
        await self._show(staff)
