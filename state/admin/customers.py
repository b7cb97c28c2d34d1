"""Customers page: shopper accounts, searched by email or name, sorted and paged on the
server, each with its paid orders and what it spent."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import reflex as rx

from state.admin.guard import AdminState, admin
from state.browser_input import search_text, whole
from storefront.services.admin.access import Permission, Staff
from storefront.services.admin.customers import SORT_KEYS, CustomerQuery, CustomerRow


@dataclass
class CustomerItem:
    id: int = 0
    email: str = ""
    name: str = ""
    joined_at: str = ""
    paid_orders: int = 0
    spent_minor: int = 0
    last_order_at: str = ""  # "" when none was paid
    email_confirmed_at: str = ""  # "" when not confirmed (or not read: the list)


def customer_item(row: CustomerRow) -> CustomerItem:
    return CustomerItem(
        row.account_id,
        row.email,
        row.name,
        row.joined_at.isoformat(),
        row.paid_orders,
        row.spent_minor,
        row.last_order_at.isoformat() if row.last_order_at else "",
        row.email_confirmed_at.isoformat() if row.email_confirmed_at else "",
    )


class AdminCustomersState(AdminState):
    rows: list[CustomerItem] = []  # noqa: RUF012
    loaded: bool = False  # a first answer came: until then "no customer" would be a guess
    total: int = 0
    page: int = 1
    pages: int = 1
    filters: dict[str, str] = {}  # noqa: RUF012

    @rx.var
    def searching(self) -> bool:
        """A search is in use: an empty list is "none matches", not "none yet"."""
        return bool(self.filters.get("text", "").strip())

    def _query(self) -> CustomerQuery:
        f = self.filters
        sort = f.get("sort", "joined")
        return CustomerQuery(
            text=f.get("text", ""),
            sort=sort if sort in SORT_KEYS else "joined",  # type: ignore[arg-type]
            descending=f.get("order", "desc") != "asc",
            page=self.page,
        )

    @rx.event
    async def load_page(self) -> None:
        staff = await self._staff(Permission.CUSTOMERS, opening=True)
        if staff is not None:
            await self._show(staff)

    async def _show(self, staff: Staff) -> None:
        found = await self._read(admin().customers.page, staff, self._query())
        if found is not None:
            self.rows = [customer_item(r) for r in found.rows]
            self.total, self.page, self.pages = found.total, found.page, found.pages
            self.loaded = True

    @rx.event
    async def apply_filters(self, form: dict[str, Any]) -> None:
        staff = await self._staff(Permission.CUSTOMERS)
        if staff is None or not isinstance(form, dict):
            return
        self.filters = {k: search_text(form.get(k, ""), 200) for k in ("text", "sort", "order")}
        self.page = 1
        await self._show(staff)

    @rx.event
    async def go(self, page: int) -> None:
        staff = await self._staff(Permission.CUSTOMERS)
        if staff is None:
            return
        self.page = max(whole(page, 1), 1)
        await self._show(staff)
