"""Discount codes page: the list with use counts, the create/edit form, expire, on/off."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Any

import reflex as rx

from models.money import format_major_amount
from models.types import utc_now
from state.admin.edit_form import EditForm
from state.admin.guard import AdminState, admin, one_use_key
from state.browser_input import whole
from storefront.i18n import LOCALES
from storefront.i18n_format import format_time
from storefront.services.admin.access import Permission, Staff
from storefront.services.admin.discounts import DiscountRow
from storefront.services.paging import page_count

PAGE_SIZE = 25
FORM_FIELDS = ("code", "kind", "value", "minimum", "expires", "limit")


@dataclass
class DiscountItem:
    code: str = ""
    kind: str = ""
    value: int = 0
    minimum_minor: int = 0
    expires: str = ""  # YYYY-MM-DD, as the form takes it
    # Per locale, the shop's time it ended once it has (11:22, 11 h 22); "" until then.
    expired_time: dict[str, str] = field(default_factory=dict)
    limit: str = ""
    used: int = 0
    awaiting: int = 0  # of `used`, orders awaiting payment
    status: str = ""
    form: dict[str, str] | None = None
    version: str = ""  # the terms the form starts from (DiscountRow.version)


def discount_item(
    row: DiscountRow, currency: str, zone: tzinfo, now: datetime | None = None
) -> DiscountItem:
    now = now or utc_now()
    value_text = (
        str(row.value) if row.kind == "percent" else format_major_amount(row.value, currency)
    )
    # The shop's day and time: its merchant's, wherever the admin reads from.
    local = row.expires_at.astimezone(zone) if row.expires_at else None
    expires = local.date().isoformat() if local else ""
    # An ended code says when it ended: "Expires after 7 December" read as still working
    # that day for a code expired at 11:22 (QA).
    done = local is not None and row.expires_at is not None and row.expires_at <= now
    ended = {lang: format_time(lang, local, zone) if done and local else "" for lang in LOCALES}
    limit = str(row.usage_limit) if row.usage_limit is not None else ""
    form = {
        "code": row.code,
        "kind": row.kind,
        "value": value_text,
        "minimum": format_major_amount(row.min_subtotal_minor, currency),
        "expires": expires,
        "limit": limit,
    }
    return DiscountItem(
        row.code,
        row.kind,
        row.value,
        row.min_subtotal_minor,
        expires,
        ended,
        limit,
        row.used,
        row.awaiting,
        row.status(now),
        form,
        row.version(),
    )


class AdminDiscountsState(EditForm, AdminState):
    items: list[DiscountItem] = []  # noqa: RUF012
    loaded: bool = False  # a first answer came: until then "no codes" would be a guess
    page: int = 1
    pages: int = 1
    total: int = 0
    editing: str = ""  # the code whose terms the form edits; "": it creates a new one

    @rx.event
    async def load_page(self) -> None:
        staff = await self._staff(Permission.VIEW, opening=True)
        if staff is not None:
            self.save_key = one_use_key()
            # A new visit starts with an empty form: no messages, no code still being edited.
            self._empty_form(bool(self.editing))
            self.editing = ""
            await self._fetch(staff)

    async def _fetch(self, staff: Staff) -> None:
        # A read: after a refused save, expire or switch, the refusal stays shown.
        found = await self._read(admin().discounts.page, staff, self.page, PAGE_SIZE)
        rows, total = found or ([], 0)
        self.loaded = self.loaded or found is not None
        currency, desk = admin().currency, admin().discounts
        self.items = [discount_item(row, currency, desk.zone) for row in rows]
        self.total = total
        self.pages = page_count(total, PAGE_SIZE)

    @rx.event
    async def go(self, page: int) -> None:
        staff = await self._staff(Permission.VIEW)
        if staff is None:
            return
        self.page = min(max(whole(page, 1), 1), self.pages)
        await self._fetch(staff)

    @rx.event
    async def edit(self, code: str) -> None:
        """Fill the form with a code's terms."""
        if await self._staff(Permission.DISCOUNTS) is None:
            return
        item = next((i for i in self.items if i.code == code), None)
        self.editing = item.code if item else ""
        self._fill_form(dict(item.form or {}) if item else {}, item.version if item else "")

    @rx.event
    async def new(self) -> None:
        if await self._staff(Permission.DISCOUNTS) is None:
            return
        self.editing = ""
        self._fill_form({}, "")

    @rx.event
    async def save(self, form: dict[str, Any]) -> None:
        """Create a code, or save new terms for the one being edited."""
        staff = await self._staff_for_form(Permission.DISCOUNTS, form, "save_key")
        if staff is None:
            return
        entered = {k: str(form.get(k, ""))[:60] for k in FORM_FIELDS}
        if self.editing:
            # An empty version (a form opened before versions existed) is refused as changed.
            done, self.errors = await self._attempt(
                admin().discounts.edit, staff, self.editing, entered, self._editing_version
            )
        else:
            done, self.errors = await self._attempt(
                admin().discounts.create, staff, entered, utc_now()
            )
        if done is None:
            self.form_values = entered
            await self._fetch(staff)  # the terms as they now are (someone may have changed them)
            return
        await self._tell("admin.discount.saved", code=done.code)
        self.editing = ""
        self._fill_form({}, "")
        await self._fetch(staff)

    @rx.event
    async def expire(self, code: str) -> None:
        staff = await self._staff(Permission.DISCOUNTS)
        if staff is None:
            return
        done, _ = await self._attempt(admin().discounts.expire, staff, code, utc_now())
        if done is not None:
            await self._tell("admin.discount.expired", code=done.code)
        await self._fetch(staff)

    @rx.event
    async def switch(self, code: str, active: bool) -> None:
        staff = await self._staff(Permission.DISCOUNTS)
        if staff is None:
            return
        done, _ = await self._attempt(admin().discounts.set_active, staff, code, bool(active))
        if done is not None:  # what it did, not "saved" (QA); on, whether shoppers may use it
            status = done.status(utc_now())
            said = {"active": "switched_on", "off": "switched_off"}.get(
                status, "switched_on_unused"
            )
            await self._tell(f"admin.discount.{said}", code=done.code)
        await self._fetch(staff)
