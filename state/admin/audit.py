"""Audit log page: every admin action, newest first, filterable by subject."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import reflex as rx

from state.admin.guard import AdminState, admin
from state.browser_input import search_text, whole
from storefront.i18n import translations
from storefront.services.admin.access import Permission, Staff
from storefront.services.admin.audit import audit_page
from storefront.services.paging import page_count

PAGE_SIZE = 50
# What the page shows of a snapshot: a policy's entry holds its whole text before and after
# (up to 20,000 characters each, the terms' history), which fifty rows would send in full.
SHOWN_CHARS = 2_000


def shown(snapshot: str) -> str:
    """The snapshot as the page shows it: cut after SHOWN_CHARS (the log keeps it whole)."""
    return snapshot if len(snapshot) <= SHOWN_CHARS else snapshot[:SHOWN_CHARS] + "…"


@dataclass
class AuditItem:
    at: str = ""
    actor: str = ""
    action: str = ""
    # The action's name in each language ("Order shipped"); an action without one is its code.
    action_labels: dict[str, str] = field(default_factory=dict)
    subject: str = ""
    before: str = ""
    after: str = ""


class AdminAuditState(AdminState):
    entries: list[AuditItem] = []  # noqa: RUF012
    subject: str = ""
    page: int = 1
    pages: int = 1

    @rx.event
    async def load_page(self) -> None:
        staff = await self._staff(Permission.VIEW, opening=True)
        if staff is not None:
            await self._show(staff)

    async def _show(self, staff: Staff) -> None:
        offset = (self.page - 1) * PAGE_SIZE
        found, _ = await self._attempt(
            audit_page, admin().audit, staff, self.subject, offset, PAGE_SIZE
        )
        rows, total = found or ([], 0)
        self.pages = page_count(total, PAGE_SIZE)
        self.entries = [
            AuditItem(
                r.at.isoformat(),
                r.actor_email,
                r.action,
                translations(f"admin.audit.action.{r.action}", r.action),
                r.subject,
                shown(r.before),
                shown(r.after),
            )
            for r in rows
        ]

    @rx.event
    async def filter(self, form: dict[str, Any]) -> None:
        staff = await self._staff(Permission.VIEW)
        if staff is None:
            return
        self.subject, self.page = search_text(form.get("subject", ""), 120), 1
        await self._show(staff)

    @rx.event
    async def go(self, page: int) -> None:
        staff = await self._staff(Permission.VIEW)
        if staff is None:
            return
        self.page = min(max(whole(page, 1), 1), self.pages)
        await self._show(staff)
