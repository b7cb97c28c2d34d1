"""A customer's page: their profile, addresses, orders and counts (reading it writes
nothing), their data to download, and their account to close at their request (the email
typed to confirm; audited)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import reflex as rx

from state.admin.customers import CustomerItem, customer_item
from state.admin.guard import AdminState, Errors, admin, one_use_key
from state.shop import shop
from storefront.services.admin.access import Permission, Staff
from storefront.services.admin.customers import CUSTOMER_DATA, CustomerDetail


@dataclass
class CustomerOrderItem:
    id: int = 0
    reference: str = ""
    status: str = ""
    total_minor: int = 0
    refunded_minor: int = 0
    placed_at: str = ""


class AdminCustomerState(AdminState):
    customer: CustomerItem = CustomerItem()
    found: bool = False
    addresses: list[str] = []  # noqa: RUF012
    orders: list[CustomerOrderItem] = []  # noqa: RUF012
    wishlist_count: int = 0
    alert_count: int = 0
    data_href: str = ""
    close_key: str = ""
    errors: Errors = {}  # noqa: RUF012

    @rx.event
    async def load_page(self) -> None:
        staff = await self._staff(Permission.CUSTOMERS, opening=True)
        self.found, self.errors, self.close_key = False, {}, one_use_key()
        if staff is not None:
            await self._fetch(staff)

    async def _fetch(self, staff: Staff) -> None:
        detail = await self._read(admin().customers.detail, staff, self._path_id())
        if detail is not None:
            self._show(detail)

    def _show(self, detail: CustomerDetail) -> None:
        self.found = True
        self.customer = customer_item(detail.row)
        self.addresses = list(detail.addresses)
        self.orders = [
            CustomerOrderItem(
                o.order_id,
                o.reference,
                o.status,
                o.total_minor,
                o.refunded_minor,
                o.placed_at.isoformat(),
            )
            for o in detail.orders
        ]
        self.wishlist_count, self.alert_count = detail.wishlist_count, detail.restock_alert_count
        # Served by the backend: its own origin in dev mode, where pages and API are apart.
        path = CUSTOMER_DATA.format(account_id=detail.row.account_id)
        self.data_href = f"{shop().settings.api_base_url}{path}"

    @rx.event
    async def close_account(self, form: dict[str, Any]) -> rx.event.EventSpec | None:
        """Close the account at the customer's request, its email typed to confirm."""
        staff = await self._staff_for_form(Permission.CUSTOMERS, form, "close_key")
        if staff is None:
            return None
        email, self.errors = await self._attempt(
            admin().customers.close, staff, self._path_id(), str(form.get("confirm_email", ""))
        )
        if email is None:
            return None
        await self._tell("admin.customer.closed", moving=True, email=email)
        return rx.redirect("/admin/customers")
